package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/features"
	"github.com/segmenta/segmenta/privacy"
)

// explanation is what 'segmenta explain' says about one account: the
// transparency an access request (Art. 15 GDPR) or a request about an
// automated decision (Art. 22) needs.
type explanation struct {
	Account   string `json:"account"`
	Pseudonym string `json:"pseudonym,omitempty"`
	Line      int    `json:"line"`
	// DataUsed are the input columns the model read for this account, with
	// the values it read.
	DataUsed []usedValue `json:"data_used"`
	// NotUsed are the columns of the fitted table the model does not use,
	// with the reason (personal data, outcome, identifier...); their values
	// were neither read nor stored.
	NotUsed      []notUsed `json:"not_used"`
	Segment      int       `json:"segment"`
	SegmentName  string    `json:"segment_name"`
	MicroSegment int       `json:"micro_segment"`
	Churn        *float64  `json:"churn,omitempty"`
	Upsell       *float64  `json:"upsell,omitempty"`
	RiskBand     string    `json:"risk_band,omitempty"`
	HighRisk     float64   `json:"high_risk_from"`
	MediumRisk   float64   `json:"medium_risk_from"`
	Reasons      []string  `json:"reasons"`
	ChurnROCAUC  *float64  `json:"churn_roc_auc,omitempty"`
	Library      string    `json:"library"`
	Contest      string    `json:"how_to_contest"`
}

type usedValue struct {
	Column string `json:"column"`
	Kind   string `json:"kind"`
	Value  string `json:"value"`
}

type notUsed struct {
	Column string `json:"column"`
	Why    string `json:"why"`
}

// contestText says how to contest the result; the controller fills in the
// contact from its processing record.
const contestText = "These scores are predictions that help prioritise customer work; they decide nothing on their own. " +
	"You may ask for a review by a person, state your point of view, have wrong data corrected (the data used is listed above) " +
	"and object to this processing (Art. 16, 21 and 22(3) GDPR): contact the controller named in the processing record ('segmenta record')."

func runExplain(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "explain", "-model FILE -id ID [flags] INPUT.csv[.gz]",
		`Explain in plain language how a fitted model sees one account: which of its
data the model used (columns and values), which columns it leaves out and
why, the account's segment, churn and upsell probabilities and risk band,
the main reasons for the churn score, the model's measured quality, and how
to contest the result: what an access request (Art. 15 GDPR) or a request
about an automated decision (Art. 22) needs. INPUT holds the account (only
the model's columns are read). -id may be the account's ID or, with
-pseudonymise-key or -pseudonymise-env, the pseudonym that outputs show.`)
	modelPath := fs.String("model", "", "model file written by 'segmenta fit' (required)")
	id := fs.String("id", "", "the account's ID (or pseudonym, with a key) (required)")
	asJSON := fs.Bool("json", false, "write the explanation as JSON")
	pf := addPseudonymFlags(fs, "the explanation (the pseudonym is shown beside the ID)")
	verifyKey := verifyKeyFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *modelPath == "" || *id == "" {
		return usagef("-model and -id are required")
	}
	if fs.NArg() != 1 {
		return usagef("want exactly one INPUT file, got %d", fs.NArg())
	}
	p, err := pf.pseudonymiser(false)
	if err != nil {
		return err
	}
	m, err := loadModelVerified(*modelPath, *verifyKey)
	if err != nil {
		return err
	}
	row, line, err := findAccount(ctx, fs.Arg(0), m, *id, p)
	if err != nil {
		return err
	}
	scores, err := m.Score(row)
	if err != nil {
		return &dataError{withheldValues(fmt.Errorf("%s: line %d: %w", fs.Arg(0), line, err))}
	}
	ex := explain(m, row, scores[0], line, p)
	if *asJSON {
		return writeJSON(e.stdout, ex)
	}
	return ex.write(e.stdout)
}

// findAccount returns the row of the account id (or whose pseudonym is
// id) as a one-row table, and its input line. Only the model's columns are
// read; other rows that fail to parse are skipped.
func findAccount(ctx context.Context, path string, m *segmenta.Model, id string, p *privacy.Pseudonymiser) (*dataset.Table, int, error) {
	in, err := openInputContext(ctx, path)
	if err != nil {
		return nil, 0, err
	}
	defer in.Close()
	inputs := m.Inputs()
	opt := dataset.CSVOptions{Schema: inputs, IDColumn: inputs.ID, Rejects: true}
	for _, c := range inputs.Columns {
		opt.Columns = append(opt.Columns, c.Name)
	}
	cr, err := dataset.NewCSVReaderContext(ctx, in, opt)
	if err != nil {
		return nil, 0, &dataError{withheldValues(fmt.Errorf("%s: %w", path, err))}
	}
	defer cr.Close()
	match := func(raw string) bool { return raw == id || (p != nil && p.Pseudonym(raw) == id) }
	for {
		b, err := cr.Next(4096)
		if errors.Is(err, io.EOF) {
			return nil, 0, &dataError{fmt.Errorf("%s: no account with ID %q", path, id)}
		}
		if err != nil {
			return nil, 0, &dataError{withheldValues(fmt.Errorf("%s: %w", path, err))}
		}
		for _, re := range b.Rejects {
			if re.Column == inputs.ID && match(re.Value) {
				return nil, 0, &dataError{withheldValues(fmt.Errorf("%s: the account's row cannot be read: %w", path, re))}
			}
		}
		if b.Table == nil {
			continue
		}
		for i, raw := range b.Table.IDs {
			if match(raw) {
				return b.Table.Subset([]int{i}), b.Lines[i], nil
			}
		}
	}
}

// explain assembles the explanation of one scored account.
func explain(m *segmenta.Model, row *dataset.Table, s segmenta.Score, line int, p *privacy.Pseudonymiser) *explanation {
	ex := &explanation{Account: row.IDs[0], Line: line, Segment: s.Segment, SegmentName: s.SegmentName,
		MicroSegment: s.MicroSegment, RiskBand: s.RiskBand, Reasons: s.Reasons, Library: segmenta.Version, Contest: contestText}
	if ex.Reasons == nil {
		ex.Reasons = []string{}
	}
	if p != nil {
		ex.Pseudonym = p.Pseudonym(ex.Account)
	}
	ex.HighRisk, ex.MediumRisk = m.RiskThresholds()
	if !math.IsNaN(s.Churn) {
		ex.Churn = &s.Churn
	}
	if !math.IsNaN(s.Upsell) {
		ex.Upsell = &s.Upsell
	}
	if c := m.Metrics().Churn; c != nil {
		ex.ChurnROCAUC = &c.ROCAUC
	}
	for _, c := range row.Columns() {
		ex.DataUsed = append(ex.DataUsed, usedValue{Column: c.Name, Kind: c.Kind.String(), Value: cellText(c, 0)})
	}
	ex.NotUsed = unusedColumns(m.Pipeline().Spec())
	return ex
}

// unusedColumns lists the columns of the fitted table the model does not
// read, with the spec's reason.
func unusedColumns(spec features.Spec) []notUsed {
	out := []notUsed{}
	for _, c := range spec.Columns {
		switch c.Role {
		case features.RoleNumeric, features.RoleCategorical, features.RoleDate:
		default:
			why := c.Note
			if why == "" {
				why = string(c.Role)
			}
			out = append(out, notUsed{Column: c.Name, Why: why})
		}
	}
	return out
}

// cellText renders one value for the explanation ("missing" when absent).
func cellText(c *dataset.Column, i int) string {
	if c.IsMissing(i) {
		return "missing"
	}
	switch c.Kind {
	case dataset.Numeric:
		return strconv.FormatFloat(c.Num[i], 'g', -1, 64)
	case dataset.Categorical:
		return c.Str[i]
	}
	return c.Time[i].Format(time.RFC3339)
}

// write prints the explanation in plain language.
func (ex *explanation) write(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Account %s (input line %d)", ex.Account, ex.Line)
	if ex.Pseudonym != "" {
		fmt.Fprintf(&b, ", shown in outputs as %s", ex.Pseudonym)
	}
	fmt.Fprintf(&b, "\n\nWhat the model concluded\n")
	fmt.Fprintf(&b, "  Segment: %d, %q (micro segment %d): the group of accounts whose data is most alike.\n", ex.Segment, ex.SegmentName, ex.MicroSegment)
	if ex.Churn != nil {
		fmt.Fprintf(&b, "  Churn probability: %.1f%%, risk band %s (high from %.0f%%, medium from %.0f%%).\n", 100**ex.Churn, ex.RiskBand, 100*ex.HighRisk, 100*ex.MediumRisk)
	} else {
		fmt.Fprintf(&b, "  Churn probability: not estimated (the model has no churn model).\n")
	}
	if ex.Upsell != nil {
		fmt.Fprintf(&b, "  Upsell probability: %.1f%%.\n", 100**ex.Upsell)
	}
	fmt.Fprintf(&b, "\nMain reasons for the churn score\n")
	if len(ex.Reasons) == 0 {
		fmt.Fprintf(&b, "  None: no value of this account raises the risk above that of an average account.\n")
	}
	for _, r := range ex.Reasons {
		fmt.Fprintf(&b, "  - %s (compared with the average account, this raises the churn probability)\n", r)
	}
	if ex.ChurnROCAUC != nil {
		fmt.Fprintf(&b, "  The churn model ranks a churning account above a staying one %.0f%% of the time on accounts it never saw (ROC AUC %.3f): it can be wrong.\n", 100**ex.ChurnROCAUC, *ex.ChurnROCAUC)
	}
	fmt.Fprintf(&b, "\nData the model used (%d columns of this account)\n", len(ex.DataUsed))
	for _, u := range ex.DataUsed {
		fmt.Fprintf(&b, "  %s = %s\n", u.Column, u.Value)
	}
	fmt.Fprintf(&b, "\nData the model does not use (%d columns; their values were not read)\n", len(ex.NotUsed))
	for _, n := range ex.NotUsed {
		fmt.Fprintf(&b, "  %s: %s\n", n.Column, n.Why)
	}
	fmt.Fprintf(&b, "\nHow to contest\n  %s\n  (segmenta %s)\n", ex.Contest, ex.Library)
	_, err := io.WriteString(w, b.String())
	return err
}
