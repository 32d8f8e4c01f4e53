package summarize_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/newsbrief/newsbrief/summarize"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		// Degenerate input.
		{"empty", "", nil},
		{"whitespace", " \n\t\r\n \n\n  ", nil},
		{"no final punctuation", "Markets rallied on Monday", []string{"Markets rallied on Monday"}},
		{"trimmed", "  One sentence.  ", []string{"One sentence."}},
		{"basic", "It rained. Then it stopped.", []string{"It rained.", "Then it stopped."}},
		{"exclamation and question", "Stop! Who goes there? Nobody.", []string{"Stop!", "Who goes there?", "Nobody."}},
		{"unicode ellipsis terminator", "He paused… Then he spoke.", []string{"He paused…", "Then he spoke."}},
		{"digit starts sentence", "Sales fell. 2004 was worse.", []string{"Sales fell.", "2004 was worse."}},
		{"lowercase does not split", "It fell. and then rose.", []string{"It fell. and then rose."}},
		{"multiple spaces and newline", "It fell.   \n  Then it rose.", []string{"It fell.", "Then it rose."}},

		// Paragraphs.
		{"paragraph break", "First para.\n\nSecond para.", []string{"First para.", "Second para."}},
		{"heading without punctuation", "Ad sales boost Time Warner profit\n\nQuarterly profits rose 76%.",
			[]string{"Ad sales boost Time Warner profit", "Quarterly profits rose 76%."}},
		{"paragraph break lowercase", "it was\n\nand so on", []string{"it was", "and so on"}},
		{"whitespace-only separator line", "One.\n \t\nTwo.", []string{"One.", "Two."}},
		{"CRLF paragraphs", "One.\r\n\r\nTwo.\r\n", []string{"One.", "Two."}},
		{"single newline joins", "A line\nthat wraps.", []string{"A line\nthat wraps."}},
		{"many blank lines", "\n\n\nOne.\n\n\n\nTwo.\n\n", []string{"One.", "Two."}},

		// Abbreviations and titles.
		{"U.S.", "The U.S. Federal Reserve raised rates.", []string{"The U.S. Federal Reserve raised rates."}},
		{"U.K.", "U.K. Prime Minister Tony Blair spoke.", []string{"U.K. Prime Minister Tony Blair spoke."}},
		{"U.S. at sentence end", "He moved to the U.S. The move was costly.", []string{"He moved to the U.S.", "The move was costly."}},
		{"Mr.", "Mr. Blair said so.", []string{"Mr. Blair said so."}},
		{"Mrs.", "Mrs. Thatcher disagreed.", []string{"Mrs. Thatcher disagreed."}},
		{"Ms.", "Ms. Jowell said no.", []string{"Ms. Jowell said no."}},
		{"Dr.", "Dr. Smith operated.", []string{"Dr. Smith operated."}},
		{"Prof.", "Prof. Jones objected.", []string{"Prof. Jones objected."}},
		{"St.", "They met at St. Paul's Cathedral.", []string{"They met at St. Paul's Cathedral."}},
		{"Gen.", "Gen. Jackson retired.", []string{"Gen. Jackson retired."}},
		{"Sen.", "Sen. Kerry lost.", []string{"Sen. Kerry lost."}},
		{"Rep.", "Rep. Pelosi spoke.", []string{"Rep. Pelosi spoke."}},
		{"Gov.", "Gov. Schwarzenegger signed.", []string{"Gov. Schwarzenegger signed."}},
		{"Lt.", "Lt. Dan saluted.", []string{"Lt. Dan saluted."}},
		{"Col.", "Col. Gaddafi arrived.", []string{"Col. Gaddafi arrived."}},
		{"Sgt.", "Sgt. Pepper played.", []string{"Sgt. Pepper played."}},
		{"Capt.", "Capt. Scott sailed.", []string{"Capt. Scott sailed."}},
		{"Jan.", "On Jan. 5 the deal closed.", []string{"On Jan. 5 the deal closed."}},
		{"Feb.", "Due Feb. 28 at noon.", []string{"Due Feb. 28 at noon."}},
		{"Aug.", "Since Aug. 2003 prices rose.", []string{"Since Aug. 2003 prices rose."}},
		{"Sept.", "By Sept. 11 it was over.", []string{"By Sept. 11 it was over."}},
		{"Oct.", "On Oct. 1 trading began.", []string{"On Oct. 1 trading began."}},
		{"Nov.", "On Nov. 2 America voted.", []string{"On Nov. 2 America voted."}},
		{"Dec.", "On Dec. 25 shops shut.", []string{"On Dec. 25 shops shut."}},
		{"Inc.", "Google Inc. Chief Executive Eric Schmidt spoke.", []string{"Google Inc. Chief Executive Eric Schmidt spoke."}},
		{"Inc. at sentence end", "He joined Google Inc. The firm grew.", []string{"He joined Google Inc.", "The firm grew."}},
		{"Ltd.", "Acme Ltd. Chairman John Doe quit.", []string{"Acme Ltd. Chairman John Doe quit."}},
		{"Corp.", "Sony Corp. President Kunitake Ando spoke.", []string{"Sony Corp. President Kunitake Ando spoke."}},
		{"Co.", "Ford Motor Co. Chairman Bill Ford said no.", []string{"Ford Motor Co. Chairman Bill Ford said no."}},
		{"Co. lowercase", "Ford Motor Co. said it would.", []string{"Ford Motor Co. said it would."}},
		{"No.", "He lives at No. 10 Downing Street.", []string{"He lives at No. 10 Downing Street."}},
		{"vs.", "It was Chelsea vs. Arsenal on Sunday.", []string{"It was Chelsea vs. Arsenal on Sunday."}},
		{"etc. lowercase", "Apples, pears, etc. are cheap.", []string{"Apples, pears, etc. are cheap."}},
		{"etc. uppercase", "Apples, pears, etc. Prices fell.", []string{"Apples, pears, etc.", "Prices fell."}},
		{"e.g.", "Some firms, e.g. Microsoft, agreed.", []string{"Some firms, e.g. Microsoft, agreed."}},
		{"e.g. uppercase", "Big firms (e.g. IBM) agreed.", []string{"Big firms (e.g. IBM) agreed."}},
		{"i.e.", "The top firm, i.e. Apple, won.", []string{"The top firm, i.e. Apple, won."}},
		{"a.m.", "It opened at 9 a.m. on Monday.", []string{"It opened at 9 a.m. on Monday."}},
		{"p.m.", "It closed at 5 p.m. GMT on Friday.", []string{"It closed at 5 p.m. GMT on Friday."}},
		{"p.m. at sentence end", "It closed at 5 p.m. The next day it opened.", []string{"It closed at 5 p.m.", "The next day it opened."}},

		// Initials and names.
		{"J. R. R. Tolkien", "J. R. R. Tolkien wrote it.", []string{"J. R. R. Tolkien wrote it."}},
		{"J.R.R. Tolkien", "J.R.R. Tolkien wrote it.", []string{"J.R.R. Tolkien wrote it."}},
		{"George W. Bush", "President George W. Bush spoke. He was brief.", []string{"President George W. Bush spoke.", "He was brief."}},
		{"hyphenated name", "Kim Jong-un said. Nobody replied.", []string{"Kim Jong-un said.", "Nobody replied."}},
		{"hyphenated name mid-sentence", "North Korea's Kim Jong-un. Leader. Spoke.", []string{"North Korea's Kim Jong-un.", "Leader.", "Spoke."}},

		// Numbers and currency: the README-notable failures of naive splitters.
		{"percent", "Growth was 2.5% in 2004. Rates held.", []string{"Growth was 2.5% in 2004.", "Rates held."}},
		{"percent 3.75", "Rates are 3.75%. That is high.", []string{"Rates are 3.75%.", "That is high."}},
		{"dollars bn", "Profits hit $10.9bn. Shares rose.", []string{"Profits hit $10.9bn.", "Shares rose."}},
		{"pounds", "A pint costs £3.75 now. Ouch.", []string{"A pint costs £3.75 now.", "Ouch."}},
		{"million", "It sold 1.1m copies. Fans rejoiced.", []string{"It sold 1.1m copies.", "Fans rejoiced."}},
		{"version number", "Firefox 1.0.3 is out. Update now.", []string{"Firefox 1.0.3 is out.", "Update now."}},

		// Ellipses.
		{"ellipsis lowercase", "We had to wait... and then it came.", []string{"We had to wait... and then it came."}},
		{"ellipsis uppercase", "We had to wait... Then it came.", []string{"We had to wait...", "Then it came."}},
		{"unicode ellipsis lowercase", "We had to wait… and then it came.", []string{"We had to wait… and then it came."}},
		{"ellipsis inside word", "Yes...no. Fine.", []string{"Yes...no.", "Fine."}},

		// URLs, e-mails, domains.
		{"domain", "Visit example.com for more. It is free.", []string{"Visit example.com for more.", "It is free."}},
		{"Amazon.com", "Amazon.com reported sales. Shares rose.", []string{"Amazon.com reported sales.", "Shares rose."}},
		{"domain at end", "Shares in Amazon.com. Rose.", []string{"Shares in Amazon.com.", "Rose."}},
		{"URL", "See http://news.bbc.co.uk/1/hi/business.stm today. Thanks.", []string{"See http://news.bbc.co.uk/1/hi/business.stm today.", "Thanks."}},
		{"email", "Mail news@bbc.co.uk now. Thanks.", []string{"Mail news@bbc.co.uk now.", "Thanks."}},

		// Quotes and brackets.
		{"curly closing quote", "He said: “I left.” She stayed.", []string{"He said: “I left.”", "She stayed."}},
		{"straight closing quote", `He said: "I left." She stayed.`, []string{`He said: "I left."`, "She stayed."}},
		{"single curly quotes", "He said ‘no.’ Then he left.", []string{"He said ‘no.’", "Then he left."}},
		{"quote then lowercase", "“Why?” he asked. “Because.”", []string{"“Why?” he asked.", "“Because.”"}},
		{"straight quote then lowercase", `"Go!" she shouted.`, []string{`"Go!" she shouted.`}},
		{"opening curly quote", "He left. “It is over,” he said.", []string{"He left.", "“It is over,” he said."}},
		{"opening straight quote", `He left. "It is over," he said.`, []string{"He left.", `"It is over," he said.`}},
		{"opening quote lowercase", "He said “yes. “no” later.", []string{"He said “yes. “no” later."}},
		{"closing bracket", "It grew (by 5%.) Then it fell.", []string{"It grew (by 5%.)", "Then it fell."}},
		{"bracketed sentence", "It grew. (Nobody knew why.) Then it fell.", []string{"It grew.", "(Nobody knew why.)", "Then it fell."}},
		{"quote after abbreviation", "He was from the U.S. “Hello,” he said.", []string{"He was from the U.S.", "“Hello,” he said."}},
		{"dangling quote", "It ended. '\n\nNext.", []string{"It ended. '", "Next."}},
		{"dangling quote mid-paragraph joins", "It ended. ' Next one.", []string{"It ended. ' Next one."}},
		{"multiple terminators", "Really?! Yes.", []string{"Really?!", "Yes."}},

		// Non-English.
		{"caseless script", "He wrote it. 東京 is big.", []string{"He wrote it.", "東京 is big."}},
		{"accented capital", "It ended. Émile won.", []string{"It ended.", "Émile won."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarize.Sentences(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Sentences(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
			checkInvariants(t, tt.in, got)
		})
	}
}

// TestSentencesBBCStyle exercises realistic multi-paragraph news copy.
func TestSentencesBBCStyle(t *testing.T) {
	in := `Dollar falls to record euro low

The dollar has hit a new low against the euro after the U.S. Federal Reserve held rates at 2.25%. The euro rose to $1.3667 in New York trading, before easing slightly.

"The market is clearly worried about the current account deficit," said Dr. Ian Stannard of BNP Paribas. He added: “It's not going away.” Analysts expect a further fall... but not yet.

George W. Bush's administration has said it supports a strong dollar. Treasury Secretary John Snow visits the U.K. next week! Will he reassure markets? Few think so.

The Bank of England kept UK rates at 4.75% on Thursday, i.e. unchanged for a sixth month. Shares in Amazon.com fell 3.5% to $35.20 at 4 p.m. in New York.`
	want := []string{
		"Dollar falls to record euro low",
		"The dollar has hit a new low against the euro after the U.S. Federal Reserve held rates at 2.25%.",
		"The euro rose to $1.3667 in New York trading, before easing slightly.",
		`"The market is clearly worried about the current account deficit," said Dr. Ian Stannard of BNP Paribas.`,
		"He added: “It's not going away.”",
		"Analysts expect a further fall... but not yet.",
		"George W. Bush's administration has said it supports a strong dollar.",
		"Treasury Secretary John Snow visits the U.K. next week!",
		"Will he reassure markets?",
		"Few think so.",
		"The Bank of England kept UK rates at 4.75% on Thursday, i.e. unchanged for a sixth month.",
		"Shares in Amazon.com fell 3.5% to $35.20 at 4 p.m. in New York.",
	}
	got := summarize.Sentences(in)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	checkInvariants(t, in, got)
}

// TestSentencesSubstrings checks that sentences share memory with the input.
func TestSentencesSubstrings(t *testing.T) {
	in := "One sentence. Another one.\n\nA third."
	for _, s := range summarize.Sentences(in) {
		if !strings.Contains(in, s) {
			t.Fatalf("%q is not a substring of the input", s)
		}
	}
	allocs := testing.AllocsPerRun(10, func() { _ = summarize.Sentences(in) })
	if allocs > 3 {
		t.Errorf("Sentences allocated %v times, want <= 3 (only the result slice)", allocs)
	}
}

func bigText(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		switch i % 5 {
		case 0:
			fmt.Fprintf(&b, "Sentence %d says the U.S. economy grew 2.5%% last year.", i)
		case 1:
			fmt.Fprintf(&b, "“Is number %d real?” asked Mr. Smith.", i)
		case 2:
			fmt.Fprintf(&b, "Shares in Amazon.com rose to $10.9bn by %d p.m. on Friday!", i%12+1)
		case 3:
			fmt.Fprintf(&b, "George W. Bush waited... and then left at item %d.", i)
		case 4:
			fmt.Fprintf(&b, "It ended %d.\n\n", i)
			continue
		}
		b.WriteByte(' ')
	}
	return b.String()
}

func TestSentencesLarge(t *testing.T) {
	const n = 10000
	in := bigText(n)
	got := summarize.Sentences(in)
	if len(got) != n {
		t.Fatalf("got %d sentences, want %d", len(got), n)
	}
	checkInvariants(t, in, got)
}

func BenchmarkSentences(b *testing.B) {
	in := bigText(10000)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		summarize.Sentences(in)
	}
}

// BenchmarkSentencesPathological feeds inputs that would make a naive or
// backtracking splitter quadratic; MB/s should match BenchmarkSentences.
func BenchmarkSentencesPathological(b *testing.B) {
	for _, tc := range []struct{ name, unit string }{
		{"dots", "."},
		{"dot-space", ". "},
		{"initials", "A. "},
		{"abbrevs", "Mr. U.S. "},
		{"quotes", ".” “"},
		{"spaces", "a.        "},
		{"newlines", "\n \n"},
		{"no-space", "abcdefgh"},
	} {
		in := strings.Repeat(tc.unit, 1<<20/len(tc.unit))
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				summarize.Sentences(in)
			}
		})
	}
}

// stripSpace returns s without whitespace, preserving invalid bytes as-is.
func stripSpace(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func checkInvariants(t *testing.T, in string, got []string) {
	t.Helper()
	if strings.TrimFunc(in, unicode.IsSpace) == "" && got != nil {
		t.Errorf("blank input %q: got %q, want nil", in, got)
	}
	validIn := utf8.ValidString(in)
	for i, s := range got {
		if s == "" {
			t.Errorf("sentence %d is empty", i)
		}
		if s != strings.TrimFunc(s, unicode.IsSpace) {
			t.Errorf("sentence %d %q is not trimmed", i, s)
		}
		if validIn && !utf8.ValidString(s) {
			t.Errorf("sentence %d %q is not valid UTF-8", i, s)
		}
	}
	if a, b := stripSpace(strings.Join(got, "")), stripSpace(in); a != b {
		t.Errorf("sentences lose or duplicate text:\n joined: %q\n input:  %q", a, b)
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{
		"", " ", "\n\n", "Hello world. Bye!", "U.S. Mr. Smith paid $10.9bn... Then “Left.” She",
		"J. R. R. Tolkien", "a.m. p.m. e.g. i.e. etc. No. 10", "wait… And", "\xff. \xfe", "x.\u00a0Y",
		"One.\r\n \r\nTwo", "(“‘Hi.’”) Ok?", "東京。大阪. Ä", "..... . . .",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkInvariants(t, in, summarize.Sentences(in))
	})
}

// TestSentencesBBCCorpus splits every article body of the BBC News Summary
// evaluation set, if present, and checks the output is sane.
func TestSentencesBBCCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "eval", "bbc-news-summary", "articles")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("BBC corpus not available at %s: %v", dir, err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skipf("no articles under %s", dir)
	}
	badEndings := []string{" U.", " U.S", " U.K", " Mr.", " Mrs.", " Ms.", " Dr.", " Prof.", " St.", " Gen.", " Sen.", " Rep.", " Gov.", " Lt.", " Col.", " Sgt.", " Capt.", " vs.", " e.g.", " i.e."}
	total := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		// The first line is the headline.
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			text = text[i+1:]
		}
		paras := map[string]bool{}
		for p := range strings.SplitSeq(text, "\n") {
			paras[strings.TrimSpace(p)] = true
		}
		got := summarize.Sentences(text)
		if len(got) == 0 {
			t.Errorf("%s: no sentences", file)
		}
		checkInvariants(t, text, got)
		for i, s := range got {
			if utf8.RuneCountInString(s) < 2 && !paras[s] {
				t.Errorf("%s: sentence %d %q is too short", file, i, s)
			}
			for _, e := range badEndings {
				if strings.HasSuffix(s, e) {
					t.Errorf("%s: sentence %d ends in %q: %q", file, i, e, s)
				}
			}
		}
		total += len(got)
	}
	t.Logf("split %d articles into %d sentences", len(files), total)
}
