package cluster

// Match finds, for each of docs, the earlier doc it reports the same event
// as: the one whose vector (as Group builds them, over docs and earlier
// together) is most similar, if that similarity is at least tau. It
// returns an index into earlier per doc, or -1. Time proximity applies as
// in Group.
func Match(docs, earlier []Doc, opts Options, tau float64) []int {
	opts = opts.withDefaults()
	all := make([]Doc, 0, len(earlier)+len(docs))
	all = append(all, earlier...)
	all = append(all, docs...)
	vecs := vectorize(all, opts)
	out := make([]int, len(docs))
	for i := range docs {
		v := vecs[len(earlier)+i]
		best, bestSim := -1, 0.0
		for j := range earlier {
			s := v.dot(vecs[j]) * proximity(docs[i].Time, earlier[j].Time)
			if s >= tau && (best < 0 || s > bestSim) {
				best, bestSim = j, s
			}
		}
		out[i] = best
	}
	return out
}
