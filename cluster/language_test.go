package cluster

import (
	"slices"
	"testing"
)

// Reports of one event in one language other than English group as
// English ones do, and events of the same kind stay apart: each set holds
// an event told three or two ways (other words, other inflections), an
// event of the same kind elsewhere, and unrelated news.
var languageSets = []struct {
	lang string
	docs []Doc
	want [][]int
}{{
	lang: "fr",
	docs: []Doc{
		{ID: 1, Title: "Tempête Ciarán : des centaines de milliers de foyers privés d'électricité en Bretagne",
			Lead: "La tempête Ciarán a frappé la Bretagne dans la nuit de mercredi à jeudi, avec des rafales dépassant 200 km/h à la pointe du Finistère. Près de 780 000 foyers étaient privés d'électricité jeudi matin, selon Enedis."},
		{ID: 2, Title: "Réforme des retraites : l'Assemblée nationale adopte le texte en première lecture",
			Lead: "Les députés ont adopté mardi soir la réforme des retraites par 289 voix contre 251. Le texte, qui repousse l'âge légal de départ à 64 ans, doit maintenant être examiné par le Sénat."},
		{ID: 3, Title: "Bretagne : le passage de la tempête Ciarán prive d'électricité 780 000 foyers",
			Lead: "Des rafales de plus de 200 km/h ont été enregistrées dans le Finistère lors du passage de Ciarán. Enedis a annoncé que 780 000 clients bretons étaient privés de courant jeudi."},
		{ID: 4, Title: "Tempête Domingos : des inondations en Gironde et dans les Landes",
			Lead: "La tempête Domingos a provoqué samedi des inondations en Gironde et dans les Landes. Météo-France a placé quatre départements du Sud-Ouest en vigilance orange pour les crues."},
		{ID: 5, Title: "Retraites : les députés votent le report de l'âge légal à 64 ans",
			Lead: "Par 289 voix contre 251, l'Assemblée nationale a voté mardi la réforme des retraites. Le Sénat examinera le projet de loi dès le mois prochain."},
		{ID: 6, Title: "Après Ciarán, le Finistère compte ses dégâts",
			Lead: "Arbres arrachés, toitures envolées : les habitants du Finistère découvrent les dégâts de la tempête Ciarán, dont les rafales ont atteint 207 km/h. Des milliers de foyers bretons restent sans électricité."},
		{ID: 7, Title: "Le PSG s'impose face à Marseille au Parc des Princes",
			Lead: "Le Paris Saint-Germain a battu l'Olympique de Marseille 3-0 dimanche soir. Kylian Mbappé a inscrit un doublé."},
	},
	want: [][]int{{0, 2, 5}, {1, 4}, {3}, {6}},
}, {
	lang: "es",
	docs: []Doc{
		{ID: 1, Title: "Un terremoto de magnitud 6,8 sacude el sur de Perú",
			Lead: "Un terremoto de magnitud 6,8 sacudió este lunes la región de Arequipa, en el sur de Perú, según el Instituto Geofísico. Las autoridades informaron de al menos tres muertos y decenas de viviendas dañadas."},
		{ID: 2, Title: "El Banco Central Europeo sube los tipos de interés al 4,5%",
			Lead: "El BCE elevó el jueves los tipos de interés en un cuarto de punto, hasta el 4,5%, su nivel más alto desde 2001, para frenar la inflación en la eurozona."},
		{ID: 3, Title: "Perú: al menos tres muertos tras el sismo en Arequipa",
			Lead: "El sismo de magnitud 6,8 que golpeó Arequipa dejó al menos tres fallecidos y viviendas destruidas, informaron las autoridades peruanas. El Instituto Geofísico del Perú situó el epicentro cerca de la costa."},
		{ID: 4, Title: "Lagarde anuncia la décima subida consecutiva de los tipos",
			Lead: "Christine Lagarde anunció el jueves que el BCE sube de nuevo los tipos de interés un cuarto de punto, al 4,5%. La inflación de la eurozona sigue por encima del objetivo del 2%."},
		{ID: 5, Title: "Un sismo de magnitud 5,9 se registra en el norte de Chile",
			Lead: "Un sismo de magnitud 5,9 se registró el martes en la región de Antofagasta, en el norte de Chile, sin que se reportaran daños, según el Centro Sismológico Nacional."},
		{ID: 6, Title: "El Real Madrid gana al Barcelona en el Bernabéu",
			Lead: "El Real Madrid venció 2-1 al Barcelona el domingo con dos goles de Jude Bellingham y se coloca líder de la Liga."},
	},
	want: [][]int{{0, 2}, {1, 3}, {4}, {5}},
}}

func TestGroupOneLanguage(t *testing.T) {
	for _, set := range languageSets {
		for _, tt := range []struct {
			name string
			lang string
		}{{"stored language", set.lang}, {"detected", ""}} {
			t.Run(set.lang+"/"+tt.name, func(t *testing.T) {
				docs := slices.Clone(set.docs)
				for i := range docs {
					docs[i].Language = tt.lang
				}
				if g := Group(docs, Options{}); !slices.EqualFunc(g, set.want, slices.Equal) {
					t.Errorf("Group = %v, want %v", g, set.want)
				}
			})
		}
	}
}

// Inflected forms are one term in their language, and accented words are
// whole: what the analyzer makes of them, not what English rules would.
func TestVectorizeStemsInItsLanguage(t *testing.T) {
	tests := []struct {
		lang, a, b string
	}{
		{"fr", "Les élections présidentielles", "Élection présidentielle"},
		{"es", "Las inundaciones afectan viviendas", "Inundación afecta vivienda"},
		{"de", "Die Bundesregierungen", "Bundesregierung"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			vecs := Vectorize([]Doc{{Title: tt.a, Language: tt.lang}, {Title: tt.b, Language: tt.lang}, {Title: "unrelated words here", Language: tt.lang}}, 1)
			if s := vecs[0].dot(vecs[1]); s < 0.99 {
				t.Errorf("similarity of %q and %q = %.3f, want their terms the same", tt.a, tt.b, s)
			}
		})
	}
}

func TestLangs(t *testing.T) {
	docs := []Doc{
		{Title: "Ciarán", Lead: ""}, // too short to tell: the window's language
		{Title: "La tempête a frappé la Bretagne", Lead: "Les rafales ont dépassé 200 km/h dans la nuit et des milliers de foyers sont sans électricité."},
		{Title: "Storm", Language: "fr-FR"},
		{Title: "Sturm", Language: "de"},
		{Title: "嵐", Language: "ja"}, // no rules: the generic analysis
	}
	var got []string
	for _, l := range langs(docs) {
		got = append(got, l.Code())
	}
	if want := []string{"fr", "fr", "fr", "de", ""}; !slices.Equal(got, want) {
		t.Errorf("langs = %q, want %q", got, want)
	}
	if l := langs([]Doc{{Title: "rafales"}}); l[0].Code() != "" {
		t.Errorf("a window of unknown language: %q, want the generic analysis", l[0].Code())
	}
}
