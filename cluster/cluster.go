// Package cluster groups a window's articles into stories.
//
// Each article becomes a TF-IDF vector over its title and lead (sublinear
// tf, title words weighted extra, names and numbers weighted above common
// words, IDF over the window smoothed towards a background, L2-normalised).
// Group joins articles by average linkage on their pairwise similarities,
// scaled down for reports published days apart; articles left alone and
// headline-only items then join the group whose centroid they resemble,
// the rest of the headline-only items are clustered by single pass; a few
// k-means passes refine the assignment and clusters whose centroids are
// very similar are merged. Near-duplicate articles (SimHash fingerprints
// within news.NearDuplicateDistance) always share a group.
package cluster

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/stem"
)

// Doc is one article to cluster.
type Doc struct {
	ID int64
	// Title is the headline.
	Title string
	// Lead is the start of the body (the first paragraphs, ~600 chars); the
	// caller truncates it so that long articles cluster like short ones.
	Lead string
	// Fingerprint is the article's SimHash (news.SimHash); 0 means unknown.
	Fingerprint uint64
	// Time is when it was published; zero when unknown.
	Time time.Time
}

// LeadChars is about how much of a body Lead keeps: long articles should
// cluster like short ones, and news puts the event first.
const LeadChars = 600

// Lead returns the start of body that Doc.Lead should hold: about the
// first LeadChars bytes, cut at a space.
func Lead(body string) string {
	n := LeadChars
	if len(body) <= n {
		return body
	}
	if i := strings.LastIndexAny(body[:n], " \n\t"); i > n/2 {
		return body[:i]
	}
	return strings.ToValidUTF8(body[:n], "")
}

// Options tunes Group. The zero value means the defaults.
type Options struct {
	// Tau is the single-pass threshold: an article joins the most similar
	// centroid if the cosine similarity is at least Tau. Default 0.12.
	Tau float64
	// TitleWeight multiplies the term frequency of title tokens. Default 2.
	TitleWeight float64
	// Iterations is the number of k-means reassignment passes. Default 3;
	// negative disables refinement.
	Iterations int
	// Merge is the centroid cosine similarity at which two clusters are
	// merged after refinement. Default 0.3; negative disables merging.
	Merge float64
	// MaxTerms keeps only each article's heaviest TF-IDF terms. Default
	// 40; negative keeps all.
	MaxTerms int
	// NameWeight multiplies the weight of names (words mostly capitalized
	// inside sentences: people, places, organisations) and NumberWeight
	// that of words with digits (figures, dates, scores). Default 1.5 each.
	NameWeight, NumberWeight float64
	// Background is how many documents holding none of the window's
	// content words IDF is smoothed with: in a window of ten articles, a
	// word three of them share is still telling. Default 30.
	Background float64
}

func (o Options) withDefaults() Options {
	if o.Tau == 0 {
		o.Tau = DefaultTau
	}
	if o.TitleWeight == 0 {
		o.TitleWeight = DefaultTitleWeight
	}
	if o.Iterations == 0 {
		o.Iterations = DefaultIterations
	}
	if o.Merge == 0 {
		o.Merge = DefaultMerge
	}
	if o.MaxTerms == 0 {
		o.MaxTerms = DefaultMaxTerms
	}
	if o.NameWeight == 0 {
		o.NameWeight = DefaultNameWeight
	}
	if o.NumberWeight == 0 {
		o.NumberWeight = DefaultNumberWeight
	}
	if o.Background == 0 {
		o.Background = DefaultBackground
	}
	return o
}

// Defaults. Tau, Iterations and Merge were tuned on GoogleNews-TS;
// NameWeight, NumberWeight and Background are round values from the
// middle of a flat optimum on allsides-dev and ecbplus-dev together
// (names 1–2, numbers 1–2, background 20–50 move BCubed F1 by under 0.01
// on either, except names at 2, which cost AllSides weekly 0.05); the same
// defaults serve every set.
const (
	DefaultTau          = 0.12
	DefaultTitleWeight  = 2
	DefaultIterations   = 3
	DefaultMerge        = 0.3
	DefaultMaxTerms     = 40
	DefaultNameWeight   = 1.5
	DefaultNumberWeight = 1.5
	DefaultBackground   = 30
)

// Vector is a sparse L2-normalised vector: term ids ascending, weights aligned.
type Vector struct {
	Terms   []int32
	Weights []float64
}

func (v Vector) dot(w Vector) float64 {
	var s float64
	i, j := 0, 0
	for i < len(v.Terms) && j < len(w.Terms) {
		switch {
		case v.Terms[i] < w.Terms[j]:
			i++
		case v.Terms[i] > w.Terms[j]:
			j++
		default:
			s += v.Weights[i] * w.Weights[j]
			i++
			j++
		}
	}
	return s
}

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about after all also an and any are as at be been but by can could
did do does for from had has have he her his how i if in into is it its just more most new no not of on
one or our out over said says she so some than that the their them there these they this to up was we were
what when which who will with would you your`) {
		m[w] = true
	}
	return m
}()

// tokens returns the stemmed content words of text.
func tokens(text string) []string {
	var out []string
	for _, w := range news.Words(text) {
		if stopWords[w] {
			continue
		}
		if len(w) > 3 && isASCII(w) {
			w = stem.Porter(w)
		}
		out = append(out, w)
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Vectorize turns docs into TF-IDF vectors: tf = weighted count (title
// tokens count titleWeight each), weight = (1+ln tf)·ln((N+1)/df), L2-normalised.
func Vectorize(docs []Doc, titleWeight float64) []Vector {
	vocab := map[string]int32{}
	type tf struct {
		term int32
		f    float64
	}
	counts := make([][]tf, len(docs))
	var df []int
	for i, d := range docs {
		local := map[int32]float64{}
		add := func(text string, w float64) {
			for _, t := range tokens(text) {
				id, ok := vocab[t]
				if !ok {
					id = int32(len(vocab))
					vocab[t] = id
					df = append(df, 0)
				}
				local[id] += w
			}
		}
		add(d.Title, titleWeight)
		add(d.Lead, 1)
		c := make([]tf, 0, len(local))
		for id, f := range local {
			c = append(c, tf{id, f})
			df[id]++
		}
		slices.SortFunc(c, func(a, b tf) int { return int(a.term - b.term) })
		counts[i] = c
	}
	n := float64(len(docs))
	vecs := make([]Vector, len(docs))
	for i, c := range counts {
		v := Vector{Terms: make([]int32, 0, len(c)), Weights: make([]float64, 0, len(c))}
		var norm float64
		for _, x := range c {
			w := (1 + math.Log(x.f)) * math.Log((n+1)/float64(df[x.term]))
			if w <= 0 {
				continue
			}
			v.Terms = append(v.Terms, x.term)
			v.Weights = append(v.Weights, w)
			norm += w * w
		}
		if norm > 0 {
			norm = math.Sqrt(norm)
			for j := range v.Weights {
				v.Weights[j] /= norm
			}
		}
		vecs[i] = v
	}
	return vecs
}
