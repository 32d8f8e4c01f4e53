// Package cluster groups a window's articles into stories.
//
// Each article becomes a TF-IDF vector over its title and lead (IDF computed
// over the window itself, sublinear tf, L2-normalised, title tokens weighted
// extra). Group starts from single-pass clustering on cosine similarity to
// cluster centroids, refines the assignment k-means style, then merges
// clusters whose centroids are very similar. Near-duplicate articles (SimHash
// fingerprints within news.NearDuplicateDistance) always share a group.
package cluster

import (
	"math"
	"slices"
	"strings"

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
	return o
}

// Defaults, tuned on GoogleNews-TS.
const (
	DefaultTau         = 0.12
	DefaultTitleWeight = 2
	DefaultIterations  = 3
	DefaultMerge       = 0.3
	DefaultMaxTerms    = 40
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
