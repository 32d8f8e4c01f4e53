package analyzer

// Stop words: the function words of each language, which say little about
// what a text is about. English keeps the list the summarizer was tuned
// with on the BBC set; the others follow the Snowball project's lists,
// trimmed to the forms news text uses.

const stopEN = `a about above after again against all also am an and any are as at be because
been before being below between both but by can could did do does doing down during each few
for from further had has have having he her here hers herself him himself his how i if in into
is it its itself just me more most my myself no nor not now of off on once only or other our
ours ourselves out over own s said same says she should so some such t than that the their
theirs them themselves then there these they this those through to too under until up very was
we were what when where which while who whom why will with would you your yours yourself
yourselves`

const stopDE = `aber alle allem allen aller alles als also am an ander andere anderem anderen
anderer anderes anderm andern anders auch auf aus bei bin bis bist da damit dann das dass
dasselbe dazu daß dein deine deinem deinen deiner dem demselben den denn denselben der derer
derselbe derselben des desselben dessen dich die dies diese dieselbe dieselben diesem diesen
dieser dieses dir doch dort du durch ein eine einem einen einer eines einig einige einigem
einigen einiger einiges einmal er es etwas euch euer eure für gegen gewesen hab habe haben hat
hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins
ist jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem
keinen keiner keines können könnte machen man manche manchem manchen mancher manches mein meine
meinem meinen meiner meines mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne
sehr sein seine seinem seinen seiner seines selbst sich sie sind so solche solchem solchen
solcher solches soll sollte sondern sonst um und uns unsere unserem unseren unserer unseres
unter viel vom von vor war waren warst was weg weil weiter welche welchem welchen welcher
welches wenn werde werden wie wieder will wir wird wirst wo wollen wollte würde würden zu zum
zur zwar zwischen über laut sagte sagt seit sowie`

const stopFR = `au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma
mais me même mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te
tes toi ton tu un une vos votre vous a c d j l à m n s t y été étée étées étés étant suis es est
sommes êtes sont serai seras sera serons serez seront serais serait serions seriez seraient
étais était étions étiez étaient fus fut fûmes fûtes furent sois soit soyons soyez soient fusse
fusses fût fussions fussiez fussent ayant eu eue eues eus ai as avons avez ont aurai auras aura
aurons aurez auront aurais aurait aurions auriez auraient avais avait avions aviez avaient eut
eûmes eûtes eurent aie aies ait ayons ayez aient eusse eusses eût eussions eussiez eussent ceci
cela celà cet cette ici ils les leurs quel quels quelle quelles sans soi aussi plus selon après
où comme alors ont lors dont entre depuis encore avant tout tous toute toutes sous chez`

const stopES = `de la que el en y a los del se las por un para con no una su al lo como más
pero sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien
desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto mí antes algunos
qué unos yo otro otras otra él tanto esa estos mucho quienes nada muchos cual poco ella estar
estas algunas algo nosotros mi mis tú te ti tu tus ellas nosotras vosotros vosotras os mío mía
míos mías tuyo tuya tuyos tuyas suyo suya suyos suyas nuestro nuestra nuestros nuestras vuestro
vuestra vuestros vuestras esos esas estoy estás está estamos estáis están esté estés estemos
estéis estén estaba estaban estado estuvo fue fueron era eran ser es son sido siendo soy ha han
he has hemos había habían haber hace hacer según tras además sino aunque mientras así`

const stopIT = `ad al allo ai agli all agl alla alle con col coi da dal dallo dai dagli dall dagl
dalla dalle di del dello dei degli dell degl della delle in nel nello nei negli nell negl nella
nelle su sul sullo sui sugli sull sugl sulla sulle per tra contro io tu lui lei noi voi loro mio
mia miei mie tuo tua tuoi tue suo sua suoi sue nostro nostra nostri nostre vostro vostra vostri
vostre mi ti ci vi lo la li le gli ne il un uno una ma ed se perché anche come dov dove che chi
cui non più quale quanto quanti quanta quante quello quelli quella quelle questo questi questa
queste si tutto tutti a c e i l o è ho hai ha abbiamo avete hanno era erano sono sei siamo siete
stato stata stati state essere avere fa fatto dopo secondo mentre però già ancora sempre`

const stopPT = `de a o que e do da em um para com não uma os no se na por mais as dos como mas
ao ele das à seu sua ou quando muito nos já eu também só pelo pela até isso ela entre depois sem
mesmo aos seus quem nas me esse eles você essa num nem suas meu às minha numa pelos elas qual nós
lhe deles essas esses pelas este dele tu te vocês vos lhes meus minhas teu tua teus tuas nosso
nossa nossos nossas dela delas esta estes estas aquele aquela aqueles aquelas isto aquilo estou
está estamos estão estive esteve estivemos estiveram estava estávamos estavam foi foram era eram
ser é são sido sou somos tem têm ter tinha tinham teve há havia haver segundo após sobre ainda`

const stopNL = `de en van ik te dat die in een hij het niet zijn is was op aan met als voor had
er maar om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar
haar naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al
waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd altijd
doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest andere volgens
tijdens`

const stopSV = `och det att i en jag hon som han på den med var sig för så till är men ett om
hade de av icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde
något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under någon
eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev oss din
dessa några deras blir mina samma vilken er sådan vår blivit dess inom mellan sådant varför varje
vilka ditt vem vilket sitt sådana vart dina vars vårt våra ert era vilkas`

const stopNO = `og i jeg det at en et den til er som på de med han av ikke der så var meg seg
men ett har om vi min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans
hvor eller hva skal selv sjøl her alle vil bli ble blitt kunne inn når være kom noen noe ville
dere deres kun ja etter ned skulle denne for deg si sine sitt mot å meget hvorfor dette disse
uten hvordan ingen din ditt blir samme hvilken hvilke sånn inni mellom vår hver hvem vors hvis
både bare enn fordi før mange også slik vært båe begge siden`

const stopRU = `и в во не что он на я с со как а то все она так его но да ты к у же вы за бы
по только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или
ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где
есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда
кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас
были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через
эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда
лучше чуть том нельзя такой им более всегда конечно всю между`

const stopHU = `a ahogy ahol aki akik akkor alatt által általában amely amelyek amelyekben
amelyeket amelyet amelynek ami amit amolyan amíg amikor át abban ahhoz annak arra arról az azok
azon azt azzal azért aztán azután azonban bár be belül benne cikk cikkek cikkeket csak de e
eddig egész egy egyes egyetlen egyéb egyik egyre ekkor el elég ellen elő először előtt első én
éppen ebben ehhez emilyen ennek erre ez ezt ezek ezen ezzel ezért és fel felé hanem hiszen hogy
hogyan igen így illetve ill ilyen ilyenkor is ison itt jó jól jobban kell kellett keresztül
keressünk ki kívül között közül legalább lehet lehetett legyen lenne lenni lesz lett maga magát
majd már más másik meg még mellett mert mely melyek mi mit míg miért milyen mikor minden mindent
mindenki mindig mint mintha mivel most nagy nagyobb nagyon ne néha nekem neki nem néhány nélkül
nincs olyan ott össze ő ők őket pedig persze rá s saját sem semmi sok sokat sokkal számára
szemben szerint szinte talán tehát teljes tovább továbbá több úgy ugyanis új újabb újra után
utána utolsó vagy vagyis valaki valami valamint való vagyok van vannak volt voltam voltak
voltunk vissza vele viszont volna`
