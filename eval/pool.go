package eval

// Pool gathers the clusterings of several windows so that BCubed is
// averaged over every item of every window at once, as the allsides-dev
// README's rule says ("pool BCubed over all windows"). Predicted clusters
// of different windows are different clusters; gold labels are global, so
// an event split over two windows counts against recall. The zero Pool is
// ready to use.
type Pool struct {
	gold, pred []int
	golds      map[string]int
	next       int // the next unused predicted label
}

// Add adds one window: gold[i] is item i's gold label and pred[i] its
// predicted cluster within the window (any ints; only equality counts).
// The slices must have the same length.
func (p *Pool) Add(gold []string, pred []int) {
	if p.golds == nil {
		p.golds = map[string]int{}
	}
	local := map[int]int{}
	for i, g := range gold {
		id, ok := p.golds[g]
		if !ok {
			id = len(p.golds)
			p.golds[g] = id
		}
		l, ok := local[pred[i]]
		if !ok {
			l = p.next
			p.next++
			local[pred[i]] = l
		}
		p.gold = append(p.gold, id)
		p.pred = append(p.pred, l)
	}
}

// Items is the number of items added so far.
func (p *Pool) Items() int { return len(p.gold) }

// Result scores everything added.
func (p *Pool) Result() Clustering { return EvalClustering(p.gold, p.pred) }
