package report

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Size bands of generated names, by the segment's median employee count.
const (
	smbMaxEmployees       = 100  // below: "SMB"
	midMarketMaxEmployees = 1000 // below: "Mid-market"; from here: "Enterprise"
	usageBand             = 0.5  // |usage z| from which usage is heavy or light
	nameIndustryShare     = 0.3  // smallest share of the segment for its industry to be named
)

// name gives every segment a descriptive name, built by fixed rules so the
// same data always gives the same names:
//
//  1. size band from the median employee count: below 100 "SMB", below 1000
//     "Mid-market", otherwise "Enterprise";
//  2. the over-represented industry (lift >= MinLift) with the largest
//     share in the segment, if that share is at least 30%;
//  3. if neither 1 nor 2 applies: "High X" / "Low X" for the numeric trait
//     with the largest |z|, else "Mostly L" for the top over-represented
//     level L, else "Segment <label>";
//  4. usage level, appended after a comma: the mean standardised difference
//     of the Logins and Adoption columns (those present) is >= 0.5 "heavy
//     usage", <= -0.5 "light usage", otherwise "moderate usage";
//  5. names shared by several segments, or equal to a name that
//     ProfileConfig.SegmentNames gives another segment, get " #<label>"
//     appended;
//  6. a non-empty ProfileConfig.SegmentNames[label] replaces the result.
func (p *profiler) name(rep *Report) {
	var usage []*numStats
	if p.logins != nil {
		usage = append(usage, p.numStats(p.logins))
	}
	if p.adoption != nil {
		usage = append(usage, p.numStats(p.adoption))
	}
	count := map[string]int{}
	for j := range rep.Segments {
		s := &rep.Segments[j]
		var parts []string
		if m := s.Firmographics.MedianEmployees; m.Valid {
			switch {
			case m.Value < smbMaxEmployees:
				parts = append(parts, "SMB")
			case m.Value < midMarketMaxEmployees:
				parts = append(parts, "Mid-market")
			default:
				parts = append(parts, "Enterprise")
			}
		}
		if p.ind != nil {
			best := LevelTrait{}
			for _, l := range p.over(p.ind, j) {
				if l.Share > best.Share || (l.Share == best.Share && l.Level < best.Level) {
					best = l
				}
			}
			if best.Level != "" && best.Share >= nameIndustryShare {
				parts = append(parts, best.Level)
			}
		}
		name := strings.Join(parts, " ")
		if name == "" {
			switch {
			case len(s.Traits) > 0:
				dir := "High"
				if s.Traits[0].Z < 0 {
					dir = "Low"
				}
				name = dir + " " + s.Traits[0].Column
			case len(s.Levels) > 0:
				name = "Mostly " + s.Levels[0].Level
			default:
				name = fmt.Sprintf("Segment %d", s.Label)
			}
		}
		var zsum float64
		var nz int
		for _, u := range usage {
			if z, ok := u.z(j); ok {
				zsum += z
				nz++
			}
		}
		if nz > 0 {
			z := zsum / float64(nz)
			switch {
			case z >= usageBand:
				name += ", heavy usage"
			case z <= -usageBand:
				name += ", light usage"
			default:
				name += ", moderate usage"
			}
		}
		s.Name = capitalise(name)
		count[s.Name]++
	}
	kept := map[string]bool{} // given names, which a generated one must not repeat
	for _, n := range p.cfg.SegmentNames {
		kept[n] = n != ""
	}
	for j := range rep.Segments {
		s := &rep.Segments[j]
		if count[s.Name] > 1 || kept[s.Name] {
			s.Name = fmt.Sprintf("%s #%d", s.Name, s.Label)
		}
		if s.Label < len(p.cfg.SegmentNames) && p.cfg.SegmentNames[s.Label] != "" {
			s.Name = p.cfg.SegmentNames[s.Label]
		}
	}
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
