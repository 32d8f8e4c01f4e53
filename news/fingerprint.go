package news

import (
	"crypto/sha256"
	"encoding/hex"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NearDuplicateDistance is the largest SimHash Hamming distance at which two
// articles count as near-duplicates. On the BBC evaluation set, distance ≤ 6
// over word 3-shingles finds 99% of the pairs with word 5-shingle Jaccard ≥ 0.9
// at 99% precision (../shared/eval/README.md).
const NearDuplicateDistance = 6

// forEachWord calls fn with each lower-cased run of letters, digits and
// combining marks in text (marks count as FTS5's unicode61 tokenizer counts
// them, so words of Devanagari or Thai script stay whole). The slice is
// reused between calls. Ingestion runs this on every article, so ASCII
// takes a path without allocation.
func forEachWord(text string, fn func(word []byte)) {
	var buf [64]byte
	word := buf[:0]
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				word = append(word, c)
			case 'A' <= c && c <= 'Z':
				word = append(word, c+'a'-'A')
			default:
				if len(word) > 0 {
					fn(word)
					word = word[:0]
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r) {
			word = utf8.AppendRune(word, unicode.ToLower(r))
		} else if len(word) > 0 {
			fn(word)
			word = word[:0]
		}
	}
	if len(word) > 0 {
		fn(word)
	}
}

// Words returns the text's words: lower-cased runs of letters, digits and
// combining marks.
func Words(text string) []string {
	var words []string
	forEachWord(text, func(w []byte) { words = append(words, string(w)) })
	return words
}

// NormalizeText reduces text to its words separated by single spaces, so that
// the same article with other whitespace, case or punctuation compares equal.
func NormalizeText(text string) string {
	var b strings.Builder
	forEachWord(text, func(w []byte) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.Write(w)
	})
	return b.String()
}

// ContentHash identifies an article's text: the hex SHA-256 of its
// normalised form (see NormalizeText). Identical texts from different URLs
// share it.
func ContentHash(text string) string {
	hash, _ := Signature(text)
	return hash
}

// SimHash is a 64-bit fingerprint over word 3-shingles: texts that differ by
// small edits have fingerprints a few bits apart (see Distance). Texts of
// fewer than three words are fingerprinted word by word; no words give 0.
func SimHash(text string) uint64 {
	_, fp := Signature(text)
	return fp
}

// Signature returns ContentHash and SimHash of text in one pass over its
// words: ingestion needs both for every article.
func Signature(text string) (contentHash string, fingerprint uint64) {
	h := sha256.New()
	var (
		sim       simCounter
		prev      [2]uint64 // hashes of the two words before the current one
		words     int
		firstPair [2]uint64
	)
	forEachWord(text, func(w []byte) {
		if words > 0 {
			h.Write([]byte{' '})
		}
		h.Write(w)
		wh := fnv64a(w)
		if words >= 2 {
			sim.add(shingleHash(prev[0], prev[1], wh))
		} else {
			firstPair[words] = wh
		}
		prev[0], prev[1] = prev[1], wh
		words++
	})
	switch words {
	case 0:
		// fingerprint 0: nothing to compare
	case 1, 2:
		for _, wh := range firstPair[:words] {
			sim.add(mix64(wh))
		}
		fingerprint = sim.sum()
	default:
		fingerprint = sim.sum()
	}
	return hex.EncodeToString(h.Sum(nil)), fingerprint
}

func fnv64a(b []byte) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for _, c := range b {
		h ^= uint64(c)
		h *= prime
	}
	return h
}

// shingleHash combines three word hashes in order, so "a b c" and "c b a"
// differ.
func shingleHash(a, b, c uint64) uint64 {
	const k = 0x9e3779b97f4a7c15
	return mix64((a*k+b)*k + c)
}

// mix64 is MurmurHash3's finaliser: SimHash needs every bit of a shingle's
// hash to be a fair coin, which FNV alone does not give.
func mix64(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// simCounter counts, for each of 64 bits, how many shingle hashes have it
// set. It adds eight bits at a time as byte lanes of a uint64 (a lookup
// table spreads a byte's bits into lanes), flushing before a lane can
// overflow: a tenth of the work of a bit-by-bit loop.
type simCounter struct {
	lanes  [8]uint64 // lanes[k] byte j counts bit 8k+j since the last flush
	counts [64]int
	n      int // shingles added
}

var spread = func() (t [256]uint64) {
	for b := range t {
		for j := 0; j < 8; j++ {
			if b&(1<<j) != 0 {
				t[b] |= 1 << (8 * j)
			}
		}
	}
	return t
}()

func (s *simCounter) add(v uint64) {
	for k := range s.lanes {
		s.lanes[k] += spread[byte(v>>(8*k))]
	}
	s.n++
	if s.n%255 == 0 {
		s.flush()
	}
}

func (s *simCounter) flush() {
	for k, lane := range s.lanes {
		for j := 0; j < 8; j++ {
			s.counts[8*k+j] += int(lane >> (8 * j) & 0xff)
		}
		s.lanes[k] = 0
	}
}

// sum sets each bit that more than half of the shingles have set.
func (s *simCounter) sum() uint64 {
	s.flush()
	var fp uint64
	for i, c := range s.counts {
		if 2*c > s.n {
			fp |= 1 << i
		}
	}
	return fp
}

// Distance is the Hamming distance between two fingerprints.
func Distance(a, b uint64) int {
	return bits.OnesCount64(a ^ b)
}
