package report

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// ErrPlaybook is wrapped by every error about a playbook: a malformed
// line, or a key that is neither a segment nor a band.
var ErrPlaybook = errors.New("report: playbook")

// Playbook maps segments and health bands to recommended actions.
type Playbook struct {
	// Source names the playbook in errors (a file name).
	Source  string
	Entries []PlaybookEntry
}

// PlaybookEntry is one line of a playbook: Key is a segment label
// ("3"), a segment name ("Enterprise, low adoption") or a band (red,
// yellow, green), case-insensitive; Action what to do.
type PlaybookEntry struct {
	Line   int    `json:"line"`
	Key    string `json:"key"`
	Action string `json:"action"`
}

// ReadPlaybook reads a playbook CSV: one "segment-or-band,action" record
// per line; a first line whose first field is "segment", "band",
// "segment_or_band" or "key" is a header; lines starting with # are
// comments. source names the playbook in errors.
func ReadPlaybook(r io.Reader, source string) (*Playbook, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	pb := &Playbook{Source: source}
	for first := true; ; first = false {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, fmt.Errorf("%w %s: %w", ErrPlaybook, source, err)
		}
		if first {
			switch strings.ToLower(strings.TrimSpace(rec[0])) {
			case "segment", "band", "segment_or_band", "key":
				continue
			}
		}
		if len(rec) != 2 || strings.TrimSpace(rec[0]) == "" || strings.TrimSpace(rec[1]) == "" {
			return nil, fmt.Errorf("%w %s line %d: want segment-or-band,action, got %d fields %q", ErrPlaybook, source, line, len(rec), rec)
		}
		pb.Entries = append(pb.Entries, PlaybookEntry{Line: line, Key: strings.TrimSpace(rec[0]), Action: strings.TrimSpace(rec[1])})
	}
	return pb, nil
}

// ReadPlaybookFile reads a playbook CSV file (see ReadPlaybook).
func ReadPlaybookFile(path string) (*Playbook, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadPlaybook(f, path)
}

// playbook resolves the playbook's keys against the report's segments and
// bands and fills the actions. A key that matches nothing, or a segment or
// band given twice, is an error naming the line.
func (p *profiler) playbook(rep *Report) error {
	pb := p.cfg.Playbook
	if pb == nil {
		return nil
	}
	segAction := make([]string, len(rep.Segments))
	bandAction := map[string]string{}
	seen := map[string]int{}
	for _, e := range pb.Entries {
		target := ""
		key := strings.ToLower(e.Key)
		switch key {
		case BandRed, BandYellow, BandGreen:
			target = "band " + key
			bandAction[key] = e.Action
		default:
			j := segmentByKey(rep.Segments, e.Key)
			if j < 0 {
				return fmt.Errorf("%w %s line %d: %q is neither a segment (%s) nor a band (red, yellow, green)",
					ErrPlaybook, pb.Source, e.Line, e.Key, segmentKeys(rep.Segments))
			}
			target = "segment " + strconv.Itoa(rep.Segments[j].Label)
			segAction[j] = e.Action
		}
		if l, dup := seen[target]; dup {
			return fmt.Errorf("%w %s line %d: %s already has an action (line %d)", ErrPlaybook, pb.Source, e.Line, target, l)
		}
		seen[target] = e.Line
	}
	rep.Playbook = append([]PlaybookEntry(nil), pb.Entries...)
	for j := range rep.Segments {
		rep.Segments[j].Action = segAction[j]
	}
	for k := range rep.Bands {
		rep.Bands[k].Action = bandAction[rep.Bands[k].Name]
	}
	if len(bandAction) > 0 && rep.Bands == nil {
		p.warn("playbook: band actions unused: no churn probabilities, so no bands")
	}
	label := map[int]int{}
	for j, s := range rep.Segments {
		label[s.Label] = j
	}
	for i := range rep.RiskyAccounts {
		a := &rep.RiskyAccounts[i]
		var acts []string
		if act := bandAction[a.Band]; act != "" {
			acts = append(acts, act)
		}
		if j, ok := label[a.Segment]; ok && segAction[j] != "" {
			acts = append(acts, segAction[j])
		}
		a.Action = strings.Join(acts, "; ")
	}
	return nil
}

// segmentByKey returns the index of the segment whose label or name
// (case-insensitive) is key, or -1.
func segmentByKey(segs []Segment, key string) int {
	for j, s := range segs {
		if strconv.Itoa(s.Label) == key || strings.EqualFold(s.Name, key) {
			return j
		}
	}
	return -1
}

func segmentKeys(segs []Segment) string {
	var parts []string
	for _, s := range segs {
		parts = append(parts, fmt.Sprintf("%d %q", s.Label, s.Name))
	}
	return strings.Join(parts, ", ")
}
