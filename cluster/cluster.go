// Package cluster groups a window's articles into stories.
//
// Each article becomes a TF-IDF vector over the content terms of its title
// and lead in its own language (package analyzer: the words, stop words
// and stems the summarizer and the search use), with sublinear tf, title
// words weighted extra, names and numbers weighted above common words, IDF
// over the window smoothed towards a background, L2-normalised.
// Group joins articles by average linkage on their pairwise similarities,
// scaled down for reports published days apart; articles left alone and
// headline-only items then join the group whose centroid they resemble,
// the rest of the headline-only items are clustered by single pass; a few
// k-means passes refine the assignment and clusters whose centroids are
// very similar are merged, where time proximity or single pass split them.
// Semantic vectors from an embeddings model, when docs have them, add to
// the pairwise similarities. Near-duplicate articles (SimHash fingerprints
// within news.NearDuplicateDistance) always share a group.
package cluster

import (
	"math"
	"strings"
	"time"
)

// Doc is one article to cluster.
type Doc struct {
	ID int64
	// Title is the headline.
	Title string
	// Lead is the start of the body (the first paragraphs, ~600 chars); the
	// caller truncates it so that long articles cluster like short ones.
	Lead string
	// Language is the ISO 639-1 code of the language Title and Lead are
	// written in (news.Article.Language): their words are cut, stemmed
	// and stop-worded by its rules (package analyzer). Empty when unknown:
	// it is detected from Title and Lead, else taken to be the language
	// most docs of the window are in.
	Language string
	// Fingerprint is the article's SimHash (news.SimHash); 0 means unknown.
	Fingerprint uint64
	// Time is when it was published; zero when unknown.
	Time time.Time
	// Vector is the semantic vector of Title and Lead from an embeddings
	// model, nil when there is none (see Options.SemanticWeight).
	Vector []float32
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
	// merged after refinement, unless both are groups of articles with a
	// lead published close together, which average linkage has judged
	// already (see refine). Default 0.3; negative disables merging.
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
	// SemanticWeight is how much two articles' semantic vectors (Doc.Vector)
	// weigh against the words they share, where both have one (see
	// semantic.go). Default 0.3; negative ignores vectors.
	SemanticWeight float64
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
	if o.SemanticWeight == 0 {
		o.SemanticWeight = DefaultSemanticWeight
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
	// DefaultSemanticWeight is a cautious share for the vectors: no
	// embeddings model could be run where the other defaults were tuned.
	DefaultSemanticWeight = 0.3
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

// Vectorize turns docs into TF-IDF vectors: tf = weighted count (title
// words count titleWeight each), weight = (1+ln tf)·ln((N+1)/df),
// L2-normalised. Words are the content terms of each doc's language, as
// Group sees them, without its name, number and background weighting.
func Vectorize(docs []Doc, titleWeight float64) []Vector {
	_, counts, df := countTerms(docs, titleWeight)
	n := float64(len(docs))
	return weigh(counts, func(x tf) float64 {
		return (1 + math.Log(x.f)) * math.Log((n+1)/float64(df[x.term]))
	})
}
