package extract_test

import (
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"

	"github.com/newsbrief/newsbrief/extract"
)

func utf16Bytes(s string, bigEndian bool) []byte {
	var out []byte
	if bigEndian {
		out = []byte{0xFE, 0xFF}
	} else {
		out = []byte{0xFF, 0xFE}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestTextEncodings(t *testing.T) {
	const article = "Café prices rise\n\nThe café’s owner said “prices” rose by £5 – a record.\n"
	want := extract.Document{Title: "Café prices rise", Body: "The café’s owner said “prices” rose by £5 – a record."}
	tests := []struct {
		name string
		data []byte
	}{
		{"utf-8", []byte(article)},
		{"utf-8 with bom", append([]byte{0xEF, 0xBB, 0xBF}, article...)},
		{"windows-1252", []byte("Caf\xe9 prices rise\r\n\r\nThe caf\xe9\x92s owner said \x93prices\x94 rose by \xa35 \x96 a record.\r\n")},
		{"utf-8 with one latin-1 byte", []byte("Caf\xe9 prices rise\n\nThe café’s owner said “prices” rose by £5 – a record.\n")},
		{"utf-16le with bom", utf16Bytes(article, false)},
		{"utf-16be with bom", utf16Bytes(article, true)},
		{"utf-16le without bom", utf16Bytes(article, false)[2:]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := extract.Text("a.txt", tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, doc); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name, contentType string
		data              []byte
		want              string
	}{
		{"declared koi8-r", "text/plain; charset=koi8-r", []byte{0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4}, "Привет"},
		{"declared latin-1 but utf-8", "text/html; charset=ISO-8859-1", []byte("naïve"), "naïve"},
		{"declared utf-8 but cp1252", "text/html; charset=utf-8", []byte("na\xefve"), "naïve"},
		{"unknown charset", "text/plain; charset=x-nonsense", []byte("caf\xe9"), "café"},
		{"undefined cp1252 byte", "", []byte("a\x81b"), "a\u0081b"},
		{"real replacement character kept", "", []byte("a\xef\xbf\xbdb\xe9"), "a\uFFFDbé"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := extract.Decode(tt.data, tt.contentType); got != tt.want {
				t.Errorf("Decode = %q, want %q", got, tt.want)
			}
		})
	}
}
