package main

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// progressBar draws "label [#####-----] done/total" on one terminal line,
// at most ten times a second so a fast job is not slowed by drawing.
type progressBar struct {
	mu          sync.Mutex
	f           *os.File
	label       string
	done, total int
	last        time.Time
	drawn       bool
}

func newProgressBar(f *os.File, label string) *progressBar {
	return &progressBar{f: f, label: label}
}

func (p *progressBar) update(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done, p.total = done, total
	if now := time.Now(); now.Sub(p.last) >= 100*time.Millisecond || done == total {
		p.last = now
		p.draw()
	}
}

func (p *progressBar) draw() {
	const width = 30
	filled := 0
	if p.total > 0 {
		filled = min(width, width*p.done/p.total)
	}
	fmt.Fprintf(p.f, "\r%s [%s%s] %d/%d", p.label, strings.Repeat("#", filled), strings.Repeat("-", width-filled), p.done, p.total)
	p.drawn = true
}

// finish clears the bar so the command's own output starts on a clean line.
func (p *progressBar) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.f, "\r\033[K")
	}
}
