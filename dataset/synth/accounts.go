package synth

import (
	"fmt"
	"io"

	"github.com/segmenta/segmenta/dataset"
)

// Truth is what the generator knows and the data hides: the persona of each
// account and the probabilities its labels were drawn from. Rows are in the
// order of the account table.
type Truth struct {
	// Segment is the persona index of each account, into SegmentNames.
	Segment []int
	// PreviousSegment is the persona of each account in the month before
	// Config.Month (the same as Segment for the first month).
	PreviousSegment []int
	// SegmentNames names the personas (the same as the package function).
	SegmentNames []string
	// ChurnProb is P(churned = 1) under ChurnModel.
	ChurnProb []float64
	// UpsellProb is the marginal P(upsold = 1): (1 - ChurnProb) times the
	// UpsellModel probability, since churned accounts are never upsold.
	UpsellProb []float64
	// Churn and Upsell are the true models (copies of ChurnModel() and
	// UpsellModel()).
	Churn, Upsell LogitModel
}

// WriteAccountsCSV streams the account table as CSV to w: a header line
// (AccountColumns) and one record per account, missing values as empty
// fields, numbers in the shortest form that parses back to the same float64.
// Memory stays flat whatever cfg.N. The values are those of Generate for the
// same cfg and the bytes depend on cfg only.
func WriteAccountsCSV(w io.Writer, cfg Config) error {
	s, err := cfg.settings()
	if err != nil {
		return err
	}
	header := appendHeader(nil, monthColumns(s))
	err = writeChunked(w, s, chunkAccounts, header, func(gen *generator, lo, hi int, buf []byte) []byte {
		var a account
		for i := lo; i < hi; i++ {
			gen.account(i, &a)
			buf = appendAccount(buf, &a, s.includeTruth, s.includeTruth && s.month >= 2)
		}
		return buf
	})
	if err != nil {
		return fmt.Errorf("synth: writing accounts: %w", err)
	}
	return nil
}

// Generate returns the account table in memory (IDs in column account_id,
// then the columns of AccountColumns) and the hidden truth. It needs about
// 400 bytes per account; use WriteAccountsCSV beyond a few million.
func Generate(cfg Config) (*dataset.Table, *Truth, error) {
	s, err := cfg.settings()
	if err != nil {
		return nil, nil, err
	}
	n := s.n
	b := newAccountBuilder(n, s.clean)
	truth := &Truth{
		Segment: make([]int, n), PreviousSegment: make([]int, n), SegmentNames: SegmentNames(),
		ChurnProb: make([]float64, n), UpsellProb: make([]float64, n),
		Churn: ChurnModel(), Upsell: UpsellModel(),
	}
	gen := newGenerator(s)
	var a account
	for i := range n {
		gen.account(i, &a)
		b.add(&a)
		truth.Segment[i] = a.segment
		truth.PreviousSegment[i] = a.prevSegment
		truth.ChurnProb[i] = a.pChurn
		truth.UpsellProb[i] = a.pUpsell
	}
	t, err := b.table(s.includeTruth, s.includeTruth && s.month >= 2, truth)
	if err != nil {
		return nil, nil, err
	}
	return t, truth, nil
}

// accountBuilder collects generated accounts column by column.
type accountBuilder struct {
	ids                                  []string
	str                                  [8][]string   // categorical columns, see catCols
	num                                  [16][]float64 // numeric columns, see numCols
	missInd, missCtry, missEmp, missCSAT []bool
	missNPS, missWeb                     []bool
}

// Column positions in accountBuilder.
const (
	sIndustry = iota
	sCountry
	sRevenue
	sPlan
	sContract
	sStage
	sName
	sEmail
)

const (
	nEmployees = iota
	nSeatsPurchased
	nSeatsUsed
	nMRRStart
	nMRREnd
	nTenure
	nLogins
	nAdoption
	nTickets
	nCSAT
	nNPS
	nOpenRate
	nWeb
	nDays
	nChurned
	nUpsold
)

func newAccountBuilder(n int, clean bool) *accountBuilder {
	b := &accountBuilder{ids: make([]string, 0, n)}
	for i := range b.str {
		b.str[i] = make([]string, 0, n)
	}
	for i := range b.num {
		b.num[i] = make([]float64, 0, n)
	}
	if !clean {
		b.missInd = make([]bool, 0, n)
		b.missCtry = make([]bool, 0, n)
		b.missEmp = make([]bool, 0, n)
		b.missCSAT = make([]bool, 0, n)
		b.missNPS = make([]bool, 0, n)
		b.missWeb = make([]bool, 0, n)
	}
	return b
}

func (b *accountBuilder) add(a *account) {
	var buf [64]byte
	b.ids = append(b.ids, accountID(a.index))
	ind, ctry := "", ""
	if a.industry >= 0 {
		ind = industries[a.industry]
	}
	if a.country >= 0 {
		ctry = countries[a.country]
	}
	b.str[sIndustry] = append(b.str[sIndustry], ind)
	b.str[sCountry] = append(b.str[sCountry], ctry)
	b.str[sRevenue] = append(b.str[sRevenue], revenueBands[a.revenueBand])
	b.str[sPlan] = append(b.str[sPlan], plans[a.plan])
	b.str[sContract] = append(b.str[sContract], contracts[a.contract])
	b.str[sStage] = append(b.str[sStage], salesStages[a.stage])
	b.str[sName] = append(b.str[sName], string(appendName(buf[:0], a)))
	b.str[sEmail] = append(b.str[sEmail], string(appendEmail(buf[:0], a)))

	emp, csat, nps, web := a.employees, a.csat, a.nps, a.webVisits
	if a.employeesMiss {
		emp = 0
	}
	if a.csatMiss {
		csat = 0
	}
	if a.npsMiss {
		nps = 0
	}
	if a.webMiss {
		web = 0
	}
	vals := [16]float64{emp, a.seatsPurchased, a.seatsUsed, a.mrrStart, a.mrrEnd, a.tenure, a.logins,
		a.adoption, a.tickets, csat, nps, a.openRate, web, a.daysSince, bool01(a.churned), bool01(a.upsold)}
	for i, v := range vals {
		b.num[i] = append(b.num[i], v)
	}
	if b.missInd != nil {
		b.missInd = append(b.missInd, a.industry < 0)
		b.missCtry = append(b.missCtry, a.country < 0)
		b.missEmp = append(b.missEmp, a.employeesMiss)
		b.missCSAT = append(b.missCSAT, a.csatMiss)
		b.missNPS = append(b.missNPS, a.npsMiss)
		b.missWeb = append(b.missWeb, a.webMiss)
	}
}

func (b *accountBuilder) table(includeTruth, includePrev bool, truth *Truth) (*dataset.Table, error) {
	t := dataset.NewTable(colAccountID, b.ids)
	cat := func(name string, vals []string, miss []bool) *dataset.Column {
		return &dataset.Column{Name: name, Kind: dataset.Categorical, Str: vals, Missing: miss}
	}
	num := func(name string, vals []float64, miss []bool) *dataset.Column {
		return &dataset.Column{Name: name, Kind: dataset.Numeric, Num: vals, Missing: miss}
	}
	cols := []*dataset.Column{
		cat("industry", b.str[sIndustry], b.missInd),
		cat("country", b.str[sCountry], b.missCtry),
		num("employees", b.num[nEmployees], b.missEmp),
		cat("revenue_band", b.str[sRevenue], nil),
		cat("plan", b.str[sPlan], nil),
		cat("contract", b.str[sContract], nil),
		num("seats_purchased", b.num[nSeatsPurchased], nil),
		num("seats_used", b.num[nSeatsUsed], nil),
		num("mrr_start", b.num[nMRRStart], nil),
		num("mrr_end", b.num[nMRREnd], nil),
		num("tenure_months", b.num[nTenure], nil),
		num("logins_per_week", b.num[nLogins], nil),
		num("feature_adoption", b.num[nAdoption], nil),
		num("support_tickets", b.num[nTickets], nil),
		num("csat", b.num[nCSAT], b.missCSAT),
		num("nps", b.num[nNPS], b.missNPS),
		num("email_open_rate", b.num[nOpenRate], nil),
		num("web_visits", b.num[nWeb], b.missWeb),
		num("days_since_last_login", b.num[nDays], nil),
		cat("sales_stage", b.str[sStage], nil),
		num("churned", b.num[nChurned], nil),
		num("upsold", b.num[nUpsold], nil),
		cat("contact_name", b.str[sName], nil),
		cat("contact_email", b.str[sEmail], nil),
	}
	if includeTruth {
		seg := make([]float64, len(truth.Segment))
		for i, v := range truth.Segment {
			seg[i] = float64(v)
		}
		cols = append(cols,
			num("true_segment", seg, nil),
			num("true_churn_prob", append([]float64(nil), truth.ChurnProb...), nil),
			num("true_upsell_prob", append([]float64(nil), truth.UpsellProb...), nil))
	}
	if includePrev {
		prev := make([]float64, len(truth.PreviousSegment))
		for i, v := range truth.PreviousSegment {
			prev[i] = float64(v)
		}
		cols = append(cols, num("true_previous_segment", prev, nil))
	}
	for _, c := range cols {
		if err := t.AddColumn(c); err != nil {
			return nil, fmt.Errorf("synth: %w", err)
		}
	}
	return t, nil
}
