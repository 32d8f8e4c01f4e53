package extract

import (
	"bytes"
	"encoding/binary"
	"mime"

	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Decode returns data as UTF-8 text without its byte order mark. A BOM wins,
// then a charset named in contentType (which may be empty), then UTF-16 is
// sniffed from the zero bytes of ASCII text; anything else is read as UTF-8
// in which each byte that is not part of a valid sequence is Windows-1252.
// That one rule reads UTF-8, cp1252 and Latin-1 files and UTF-8 files with
// the odd Latin-1 byte, and never yields U+FFFD for them.
func Decode(data []byte, contentType string) string {
	if b, ok := decodeBOM(data); ok {
		return string(b)
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		if b, ok := decodeLabel(data, params["charset"]); ok {
			return string(b)
		}
	}
	if le, ok := sniffUTF16(data); ok {
		return string(decodeUTF16(data, le))
	}
	return string(decodeLenient(data))
}

// decodeHTML is Decode plus the <meta charset> of an HTML page, which
// charset.DetermineEncoding finds after the BOM and the Content-Type. A
// page of valid UTF-8 comes back as it is, not copied: the parser copies
// what it keeps.
func decodeHTML(data []byte, contentType string) []byte {
	if b, ok := decodeBOM(data); ok {
		return b
	}
	_, name, _ := charset.DetermineEncoding(data, contentType)
	if b, ok := decodeLabel(data, name); ok {
		return b
	}
	return decodeLenient(data)
}

func decodeBOM(data []byte) ([]byte, bool) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		return decodeLenient(data[len(bomUTF8):]), true
	case bytes.HasPrefix(data, bomUTF16LE):
		return decodeUTF16(data[2:], true), true
	case bytes.HasPrefix(data, bomUTF16BE):
		return decodeUTF16(data[2:], false), true
	}
	return nil, false
}

// decodeLabel decodes data in the named charset. UTF-8 and Windows-1252
// (which is also what "iso-8859-1" means on the web) go to the lenient
// decoder: servers and pages often declare one while sending the other.
func decodeLabel(data []byte, label string) ([]byte, bool) {
	if label == "" {
		return nil, false
	}
	enc, name := charset.Lookup(label)
	switch {
	case enc == nil:
		return nil, false
	case name == "utf-8" || name == "windows-1252":
		return decodeLenient(data), true
	case name == "utf-16le" || name == "utf-16be":
		return decodeUTF16(data, name == "utf-16le"), true
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, false
	}
	return out, true
}

// cp1252 maps every byte to its Windows-1252 rune. The five bytes that
// code page leaves undefined keep their Latin-1 (C1 control) value, which
// the text cleanup then drops, rather than becoming U+FFFD.
var cp1252 = func() (t [256]rune) {
	for i := range t {
		r := charmap.Windows1252.DecodeByte(byte(i))
		if r == utf8.RuneError {
			r = rune(i)
		}
		t[i] = r
	}
	return t
}()

// decodeLenient keeps valid UTF-8 sequences and reads each other byte as
// Windows-1252. Valid UTF-8 is returned as it is.
func decodeLenient(data []byte) []byte {
	if utf8.Valid(data) {
		return data
	}
	b := make([]byte, 0, len(data)+len(data)/8)
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size == 1 {
			r = cp1252[data[0]]
		}
		b = utf8.AppendRune(b, r)
		data = data[size:]
	}
	return b
}

// decodeUTF16 decodes UTF-16 without a BOM. Unpaired surrogates and an odd
// last byte are dropped rather than turned into U+FFFD.
func decodeUTF16(data []byte, littleEndian bool) []byte {
	var order binary.ByteOrder = binary.BigEndian
	if littleEndian {
		order = binary.LittleEndian
	}
	b := make([]byte, 0, len(data)/2)
	for i := 0; i+1 < len(data); i += 2 {
		u := rune(order.Uint16(data[i:]))
		if !utf16.IsSurrogate(u) {
			b = utf8.AppendRune(b, u)
			continue
		}
		if i+3 < len(data) {
			if r := utf16.DecodeRune(u, rune(order.Uint16(data[i+2:]))); r != utf8.RuneError {
				b = utf8.AppendRune(b, r)
				i += 2
			}
		}
	}
	return b
}

// sniffUTF16 recognises UTF-16 without a BOM by the zero high bytes of its
// ASCII characters: most code units zero on one side, almost none on the
// other. Binary files have zeros on both sides and are not taken for it.
func sniffUTF16(data []byte) (littleEndian, ok bool) {
	n := min(len(data), 1024) &^ 1
	if n < 8 || bytes.IndexByte(data[:n], 0) < 0 { // no zero byte: neither case below
		return false, false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	units := n / 2
	switch {
	case odd*10 >= units*6 && even*20 <= units:
		return true, true
	case even*10 >= units*6 && odd*20 <= units:
		return false, true
	}
	return false, false
}
