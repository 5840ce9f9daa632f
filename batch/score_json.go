package batch

import (
	"encoding/json"
	"math"
)

// scoreJSON is the JSON form of a Score: the CSV output's column names, and
// null for a probability the model cannot give (no such sub-model), since
// JSON has no NaN (encoding/json refuses it).
type scoreJSON struct {
	ID            string   `json:"id"`
	Segment       int      `json:"segment"`
	SegmentName   string   `json:"segment_name"`
	MicroSegment  int      `json:"micro_segment"`
	Churn         *float64 `json:"churn"`
	Upsell        *float64 `json:"upsell"`
	RiskBand      string   `json:"risk_band"`
	Reasons       []string `json:"reasons"`
	UpsellReasons []string `json:"upsell_reasons"`
}

// MarshalJSON writes the score with the CSV output's field names; a NaN
// probability (the model has no such sub-model) is null.
func (s Score) MarshalJSON() ([]byte, error) {
	j := scoreJSON{ID: s.ID, Segment: s.Segment, SegmentName: s.SegmentName, MicroSegment: s.MicroSegment,
		Churn: nullable(s.Churn), Upsell: nullable(s.Upsell), RiskBand: s.RiskBand, Reasons: s.Reasons, UpsellReasons: s.UpsellReasons}
	if j.Reasons == nil {
		j.Reasons = []string{}
	}
	if j.UpsellReasons == nil {
		j.UpsellReasons = []string{}
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON writes (null as NaN).
func (s *Score) UnmarshalJSON(b []byte) error {
	var j scoreJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*s = Score{ID: j.ID, Segment: j.Segment, SegmentName: j.SegmentName, MicroSegment: j.MicroSegment,
		Churn: math.NaN(), Upsell: math.NaN(), RiskBand: j.RiskBand, Reasons: j.Reasons, UpsellReasons: j.UpsellReasons}
	if j.Churn != nil {
		s.Churn = *j.Churn
	}
	if j.Upsell != nil {
		s.Upsell = *j.Upsell
	}
	return nil
}

// nullable is nil for NaN and infinities (not numbers in JSON), else &v.
func nullable(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}
