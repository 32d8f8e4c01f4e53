package analyzer

import "strings"

// sentenceRules are a language's abbreviations and sentence openers (see
// Lang.Sentences).
type sentenceRules struct {
	never     map[string]bool // abbreviations (without their final ".") that never end a sentence
	ambiguous map[string]bool // abbreviations that end one only before an opener
	openers   map[string]bool // words that commonly begin a sentence
	// ordinals: a "." after a number of up to three digits marks an
	// ordinal ("am 12. Dezember") unless an opener follows.
	ordinals bool
	// lowerLetterAbbr: a lone lower-case letter before "." is an
	// abbreviation (English has "plan a." less rarely than "a." as one).
	lowerLetterAbbr bool
	// neverSuffixes end compounds that are abbreviations ("Goethestr.").
	neverSuffixes []string
}

// rules builds a language's rules on top of the shared ones: titles and
// company suffixes that appear in news of any language. Words listed in
// the language's never or ambiguous lists leave the other shared list.
func rules(base *sentenceRules, never, ambiguous, openers string, ordinals bool) *sentenceRules {
	r := &sentenceRules{
		never:           map[string]bool{},
		ambiguous:       map[string]bool{},
		openers:         setOf(strings.Fields(openers)...),
		ordinals:        ordinals,
		lowerLetterAbbr: true,
	}
	if base != nil {
		for w := range base.never {
			r.never[w] = true
		}
		for w := range base.ambiguous {
			r.ambiguous[w] = true
		}
	}
	for _, w := range strings.Fields(never) {
		r.never[w] = true
		delete(r.ambiguous, w)
	}
	for _, w := range strings.Fields(ambiguous) {
		r.ambiguous[w] = true
		delete(r.never, w)
	}
	return r
}

func withSuffixes(r *sentenceRules, suffixes ...string) *sentenceRules {
	r.neverSuffixes = suffixes
	return r
}

// shared are the abbreviations of English news that every language keeps:
// names in foreign news carry them too ("Mr. Smith", "Apple Inc.").
var shared = rules(nil,
	`Mr Mrs Ms Dr Prof St Gen Sen Rep Gov Lt Col Sgt Capt Maj Rev Hon Messrs Mt vs v e.g i.e cf approx`,
	`Inc Ltd Corp Co Bros plc Jr`, "", false)

var (
	rulesEN = func() *sentenceRules {
		r := rules(shared, "",
			`Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec No Nos Sr`,
			`A After Although An And As At Before Both But By During Each Earlier For From He Her
			His However I If In It Its Last Later Many Meanwhile Most Mr Mrs Ms Now On One Our Over
			She Since So Some That The Their There These They This Those Under We What When While
			With Yet You`, false)
		r.lowerLetterAbbr = false
		return r
	}()

	// baseRules serve text of an unknown language or one without rules of
	// its own: English news is the most common case.
	baseRules = rulesEN

	rulesDE = withSuffixes(rules(shared,
		`Nr Str bzw ca vgl ggf evtl Hr Hrn Fr Jh Jhd Abs Bd Aufl Hrsg inkl exkl zzgl sog u.a z.B d.h
		v.a o.ä u.U i.d.R z.T s.o s.u Dipl Ing`,
		`usw etc Mio Mrd Tsd Art Jan Feb Febr Mär Apr Jun Jul Aug Sep Sept Okt Nov Dez Co`,
		`Der Die Das Den Dem Des Ein Eine Einer Eines Er Sie Es Wir Ich Ihr Man Dies Diese Dieser
		Dieses Doch Aber Auch Und Dann Da Damit Dabei Daher Deshalb Danach Nach Vor Bei Mit Im In
		Am Auf Aus Als Wenn Wie Was Wer Zudem Zwar Laut Seit So Nun Noch Jetzt Heute Gestern
		Viele Alle Nur Unter Für Um Zum Zur Über Trotz Bis Obwohl Während Weil Allerdings Außerdem
		Insgesamt Bereits Schon Zuvor Später Zuletzt Mehr Kein Keine Sein Seine Ihre`, true),
		"str")

	rulesFR = rules(shared,
		`M MM Mme Mmes Mlle Mlles Me Mgr Pr Ste art cf av apr env p pp vol chap éd fig bd boul
		hab dép`,
		`etc janv févr avr juil sept oct nov déc Cie`,
		`Le La Les L Un Une Des Il Elle Ils Elles On Nous Je Ce Cette Ces Cet Mais Et En Dans
		Pour Selon Depuis Après Avant Lors Si Au Aux Du De D Son Sa Ses Leur Leurs Alors Pourtant
		Cependant Ainsi Enfin Puis Par Sur Sous Chez Avec Sans Plus Aucun Aucune Tous Toutes
		C Cela Ça Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche`, false)

	rulesES = rules(shared,
		`Sr Sra Srta Sres Dra Dña Ud Uds Lic Ing Arq art arts núm pág págs p pp vol cap aprox Av
		Avda Excmo Excma Sto Sta Gral Cnel Pdte Mons`,
		`etc ene feb mar abr may jun jul ago sep sept oct nov dic Cía`,
		`El La Los Las Lo Un Una Unos Unas Él Ella Ellos Ellas Se Su Sus Es Esta Este Estos Estas
		Eso Esto Ese Esa Pero Y En Con Para Por Según Desde Tras Antes Después Durante Al Del De
		No Sin Sobre Si Aunque Cuando Como Mientras Ya También Además Sin Hoy Ayer Así Entre
		Todo Todos Nadie Hay`, false)

	rulesIT = rules(shared,
		`Sig Sigg Dott Dott.ssa Avv Arch Geom On Mons art artt pag pagg p pp vol cap n nn S`,
		`ecc etc genn febbr apr giu lug ago sett ott nov dic`,
		`Il Lo La I Gli Le Un Una Uno Lui Lei Loro Si Ma E In Con Per Secondo Dopo Prima Durante
		Al Alla Del Della Non Se Quando Come Mentre Anche Inoltre Oggi Ieri Così Tra Fra Questo
		Questa Quello Quella Nel Nella Sono È Ci Da Dal Dalla`, false)

	rulesPT = rules(shared,
		`Sr Sra Srta Dra Profa Eng Exmo Exma art arts pág n vol cap Av`,
		`etc jan fev mar abr mai jun jul ago set out nov dez Cia`,
		`O A Os As Um Uma Uns Umas Ele Ela Eles Elas Se Seu Sua Seus Suas Este Esta Isso Isto
		Esse Essa Mas E Em Com Para Por Segundo Desde Após Antes Depois Durante Ao Do Da De Não
		Sem Sobre Se Embora Quando Como Enquanto Já Também Além Hoje Ontem Assim Entre No Na`, false)

	rulesNL = rules(shared,
		`dhr mevr mw mr drs ir ing prof dr ds jhr bijv bv nr blz vgl jl ca resp incl excl evt zgn
		o.a d.w.z m.b.t t.a.v`,
		`etc jan feb mrt apr jun jul aug sep sept okt nov dec`,
		`De Het Een Hij Zij Ze Wij We Ik Er Dat Dit Deze Die Maar En In Met Voor Volgens Na Na
		Tijdens Bij Van Op Niet Als Wanneer Toen Ook Bovendien Vandaag Gisteren Zo Tussen Nu`, false)

	// rulesNordic mark ordinals with a period, as German does.
	rulesNordic = rules(shared, `bl.a f.eks d.v.s m.fl ca nr`,
		`jan feb mar apr jun jul aug sep sept okt nov dec`,
		`Det Den De En Ett Et Han Hon Hun Vi Jag Jeg Men Och Og I På Med För For Efter Etter Som
		Når När Nu Nå Också Også`, true)
)
