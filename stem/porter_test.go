package stem

import "testing"

// Expected stems are NLTK PorterStemmer() (NLTK_EXTENSIONS) outputs.
func TestStem(t *testing.T) {
	cases := map[string]string{
		"caresses": "caress", "ponies": "poni", "ties": "tie", "cats": "cat",
		"caress": "caress", "feed": "feed", "agreed": "agre", "plastered": "plaster",
		"motoring": "motor", "sing": "sing", "conflated": "conflat",
		"troubled": "troubl", "sized": "size", "hopping": "hop", "tanned": "tan",
		"falling": "fall", "hissing": "hiss", "fizzed": "fizz", "failing": "fail",
		"filing": "file", "happy": "happi", "sky": "sky", "skies": "sky",
		"dying": "die", "lying": "lie", "tying": "tie", "news": "news",
		"innings": "inning", "proceed": "proceed", "exceed": "exceed",
		"relational": "relat", "conditional": "condit", "rational": "ration",
		"valenci": "valenc", "digitizer": "digit", "conformabli": "conform",
		"radicalli": "radic", "differentli": "differ", "vileli": "vile",
		"analogousli": "analog", "vietnamization": "vietnam",
		"predication": "predic", "operator": "oper", "feudalism": "feudal",
		"decisiveness": "decis", "hopefulness": "hope", "callousness": "callous",
		"formaliti": "formal", "sensitiviti": "sensit", "sensibiliti": "sensibl",
		"triplicate": "triplic", "formative": "form", "formalize": "formal",
		"electriciti": "electr", "electrical": "electr", "hopeful": "hope",
		"goodness": "good", "revival": "reviv", "allowance": "allow",
		"inference": "infer", "airliner": "airlin", "gyroscopic": "gyroscop",
		"adjustable": "adjust", "defensible": "defens", "irritant": "irrit",
		"replacement": "replac", "adjustment": "adjust", "dependent": "depend",
		"adoption": "adopt", "homologou": "homolog", "communism": "commun",
		"activate": "activ", "angulariti": "angular", "homologous": "homolog",
		"effective": "effect", "bowdlerize": "bowdler", "probate": "probat",
		"rate": "rate", "cease": "ceas", "controll": "control", "roll": "roll",
		"generously": "gener", "running": "run", "government": "govern",
		// NLTK extensions: short "ied"/"ies" words, y->i, cvc for 2 letters.
		"died": "die", "spied": "spi", "flies": "fli", "enjoy": "enjoy",
		"meetings": "meet", "mating": "mate", "matting": "mat",
		"milling": "mill", "messing": "mess", "disabled": "disabl",
		"geology": "geolog", "hopefully": "hope", "traditionally": "tradit",
		"profits": "profit", "companies": "compani", "shares": "share",
		"said": "said", "year": "year", "market": "market", "is": "is",
	}
	for in, want := range cases {
		if got := Porter(in); got != want {
			t.Errorf("Porter(%q) = %q, want %q", in, got, want)
		}
	}
}
