package eval

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplitReference(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Sales rose 2% to $11.1bn from $10.9bn.For the full-year, profit rose.",
			[]string{"Sales rose 2% to $11.1bn from $10.9bn.", "For the full-year, profit rose."}},
		{`He said "no."Then he left!Why?Because.`,
			[]string{`He said "no."`, "Then he left!", "Why?", "Because."}},
		{"It said 'yes.'The end.", []string{"It said 'yes.'", "The end."}},
		// A lower-case letter, digit or space after the stop is no break.
		{"Up 2.5%. down 3.1bn.then on.", []string{"Up 2.5%. down 3.1bn.then on."}},
		{"", nil},
	}
	for _, c := range cases {
		if d := cmp.Diff(c.want, SplitReference(c.in)); d != "" {
			t.Errorf("SplitReference(%q) (-want +got):\n%s", c.in, d)
		}
	}
}
