package main

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// progress shows how far a long job is: a redrawn bar on a terminal, a log
// line every few seconds otherwise. It is safe for concurrent use.
type progress struct {
	e     *env
	label string
	unit  string
	total int64 // 0: unknown

	mu        sync.Mutex
	start     time.Time
	last      time.Time
	drawn     bool
	lastStage string
}

const (
	barRedraw   = 150 * time.Millisecond
	logInterval = 5 * time.Second
	barWidth    = 30
)

func newProgress(e *env, label, unit string, total int64) *progress {
	now := time.Now()
	return &progress{e: e, label: label, unit: unit, total: total, start: now, last: now}
}

// set records that done units of total are complete (total <= 0 keeps the
// total given at construction).
func (p *progress) set(done, total int64) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if total > 0 {
		p.total = total
	}
	now := time.Now()
	if p.e.tty {
		if now.Sub(p.last) < barRedraw && done < p.total {
			return
		}
		p.last = now
		p.draw(done, now)
		return
	}
	if now.Sub(p.last) < logInterval {
		return
	}
	p.last = now
	args := []any{"done", done, "unit", p.unit}
	if p.total > 0 {
		args = append(args, "total", p.total, "percent", fmt.Sprintf("%.1f", 100*float64(done)/float64(p.total)))
	}
	p.e.log.Info(p.label, args...)
}

// stage is a facade Progress callback: each stage gets its own label.
func (p *progress) stage(stage string, done, total int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	if stage != p.lastStage {
		if p.drawn {
			fmt.Fprintln(p.e.stderr)
			p.drawn = false
		}
		p.lastStage = stage
		p.label = stage
		p.start = time.Now()
		p.last = time.Time{}
		if !p.e.tty {
			p.e.log.Info("stage", "name", stage, "total", total)
			p.last = time.Now()
		}
	}
	p.mu.Unlock()
	p.set(int64(done), int64(total))
}

func (p *progress) draw(done int64, now time.Time) {
	var b strings.Builder
	fmt.Fprintf(&b, "\r%-16s ", p.label)
	if p.total > 0 {
		frac := float64(done) / float64(p.total)
		if frac > 1 {
			frac = 1
		}
		n := int(frac * barWidth)
		b.WriteByte('[')
		b.WriteString(strings.Repeat("=", n))
		if n < barWidth {
			b.WriteByte('>')
			b.WriteString(strings.Repeat(" ", barWidth-n-1))
		}
		fmt.Fprintf(&b, "] %5.1f%%", 100*frac)
	} else {
		fmt.Fprintf(&b, "%d %s", done, p.unit)
	}
	if el := now.Sub(p.start).Seconds(); el > 0.5 {
		fmt.Fprintf(&b, "  %s/s", human(float64(done)/el, p.unit))
	}
	b.WriteString("   ")
	fmt.Fprint(p.e.stderr, b.String())
	p.drawn = true
}

// finish ends the bar line (terminal) and logs the final count.
func (p *progress) finish(done int64) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.e.tty {
		p.draw(done, time.Now())
		fmt.Fprintln(p.e.stderr)
		p.drawn = false
	}
}

// human formats a rate with a k/M suffix (bytes as kB/MB).
func human(v float64, unit string) string {
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%.1f M%s", v/1e6, unit)
	case v >= 1e3:
		return fmt.Sprintf("%.1f k%s", v/1e3, unit)
	}
	return fmt.Sprintf("%.0f %s", v, unit)
}
