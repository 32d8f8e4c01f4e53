package extract_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/extract"
)

func TestFragment(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "One line.\n\n  Two   lines\nof text.  ", "One line.\n\nTwo lines of text."},
		{"plain with entities", "Fish &amp; chips &lt;3", "Fish & chips <3"},
		{"paragraphs", "<p>First <b>bold</b> para.</p><p>Second&nbsp;one &amp; more.</p>", "First bold para.\n\nSecond one & more."},
		{"double br", "Line one<br>still one<br/><br />Line two", "Line one still one\n\nLine two"},
		{"scripts and styles", "<style>p{}</style><p>Text</p><script>alert(1)</script><noscript>js</noscript>", "Text"},
		{"lists and headings", "<h2>Head</h2><ul><li>a</li><li>b</li></ul>", "Head\n\na\n\nb"},
		{"a comparison is not markup", "3 < 4 and 5 > 2", "3 < 4 and 5 > 2"},
		{"empty", "", ""},
		{"hidden and navigation dropped", `<p>Kept</p><nav>Menu</nav><div hidden>Secret</div><p aria-hidden="true">Icon</p><p>Also kept</p>`, "Kept\n\nAlso kept"},
		{"a hidden void element hides nothing", `<p>Before <input type="hidden" hidden> after</p><p>Next</p>`, "Before after\n\nNext"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := extract.Fragment(tt.in); got != tt.want {
				t.Errorf("Fragment(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzFragment(f *testing.F) {
	for _, s := range []string{"", "plain &amp; text", "<p>a<br>b<br><br>c</p>", "<div hidden><div>x</div></div>y",
		"<script>1</script><p>t</p>", "<nav><nav>a</nav></nav>b", "3 < 4 > 2", "<p>unclosed <b>bold"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := extract.Fragment(s)
		if strings.Contains(out, "\n\n\n") || out != strings.TrimSpace(out) {
			t.Fatalf("Fragment(%q) = %q: paragraphs not clean", s, out)
		}
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("Fragment(%q) = %q: invalid UTF-8 from valid input", s, out)
		}
	})
}
