package synth

import "math"

// Categorical levels. Their order is part of the format: indices into these
// tables are what the generator draws.
var (
	industries   = [...]string{"fintech", "healthcare", "manufacturing", "retail", "software", "education", "media", "logistics"}
	countries    = [...]string{"US", "GB", "DE", "FR", "NL", "CA", "AU", "IN", "BR", "ES", "SE", "JP", "SG", "IE"}
	plans        = [...]string{"starter", "growth", "business", "enterprise"}
	contracts    = [...]string{"annual", "monthly"}
	salesStages  = [...]string{"none", "discovery", "proposal", "negotiation"}
	revenueBands = [...]string{"<1M", "1-10M", "10-50M", "50-250M", "250M+"}
)

// Level weights shared by all personas.
var (
	countryWeights  = []float64{40, 10, 8, 6, 4, 5, 4, 6, 4, 3, 3, 3, 2, 2}
	industryWeights = []float64{10, 12, 12, 16, 22, 10, 10, 8}
)

// List prices per seat and month by plan, in the account's currency unit.
var seatPrice = [...]float64{15, 35, 60, 95}

// Minimum monthly charge by plan.
var minMRR = [...]float64{29, 99, 499, 1999}

// persona holds the parameters of one hidden segment. Continuous attributes
// are drawn on a transformed scale (log, logit) as mean + noise, where the
// noise standard deviation is divided by Config.Separation.
type persona struct {
	name       string
	weight     float64
	industry   int     // main industry, -1 for none
	indShare   float64 // probability of the main industry
	logEmp     float64 // log employees
	logPen     float64 // log seats purchased per employee
	plan       [4]float64
	monthly    float64 // probability of a monthly contract
	util       float64 // mean seat utilisation
	logLogins  float64 // log logins per active seat and week
	adoptLogit float64
	tickets    float64 // mean support tickets in 90 days
	logTenure  float64 // log months
	openLogit  float64 // e-mail open rate, logit
	logWeb     float64 // log web visits in 30 days
	logDays    float64 // log(1 + median days since last login)
	stage      [4]float64
}

// personaTable is the fixed catalogue. Weights sum to 1.
func personaTable() [6]persona {
	return [6]persona{
		{name: "Large fintech power users", weight: 0.12, industry: 0, indShare: 0.75,
			logEmp: math.Log(2500), logPen: math.Log(0.35), plan: [4]float64{0, 0.05, 0.35, 0.60}, monthly: 0.05,
			util: 0.88, logLogins: math.Log(9), adoptLogit: 1.2, tickets: 3, logTenure: math.Log(30),
			openLogit: -0.3, logWeb: math.Log(60), logDays: math.Log(2), stage: [4]float64{0.5, 0.2, 0.2, 0.1}},
		{name: "Stalled SMB trials", weight: 0.18, industry: -1,
			logEmp: math.Log(15), logPen: math.Log(0.5), plan: [4]float64{0.85, 0.15, 0, 0}, monthly: 0.95,
			util: 0.30, logLogins: math.Log(1), adoptLogit: -1.8, tickets: 0.3, logTenure: math.Log(2),
			openLogit: -1.2, logWeb: math.Log(6), logDays: math.Log(21), stage: [4]float64{0.9, 0.08, 0.02, 0}},
		{name: "Mid-market healthcare steady", weight: 0.18, industry: 1, indShare: 0.75,
			logEmp: math.Log(400), logPen: math.Log(0.2), plan: [4]float64{0.05, 0.35, 0.5, 0.1}, monthly: 0.2,
			util: 0.72, logLogins: math.Log(4), adoptLogit: 0, tickets: 2, logTenure: math.Log(24),
			openLogit: -0.6, logWeb: math.Log(20), logDays: math.Log(4), stage: [4]float64{0.75, 0.15, 0.07, 0.03}},
		{name: "Enterprise manufacturing low adoption", weight: 0.10, industry: 2, indShare: 0.75,
			logEmp: math.Log(6000), logPen: math.Log(0.08), plan: [4]float64{0, 0.05, 0.3, 0.65}, monthly: 0.03,
			util: 0.45, logLogins: math.Log(2), adoptLogit: -1.2, tickets: 8, logTenure: math.Log(36),
			openLogit: -1.0, logWeb: math.Log(15), logDays: math.Log(9), stage: [4]float64{0.7, 0.15, 0.1, 0.05}},
		{name: "Fast-growing tech scale-ups", weight: 0.15, industry: 4, indShare: 0.7,
			logEmp: math.Log(120), logPen: math.Log(0.6), plan: [4]float64{0.1, 0.6, 0.3, 0}, monthly: 0.4,
			util: 0.97, logLogins: math.Log(10), adoptLogit: 0.7, tickets: 1.5, logTenure: math.Log(10),
			openLogit: 0, logWeb: math.Log(80), logDays: math.Log(2), stage: [4]float64{0.3, 0.3, 0.25, 0.15}},
		{name: "Price-sensitive retail SMBs", weight: 0.27, industry: 3, indShare: 0.7,
			logEmp: math.Log(35), logPen: math.Log(0.3), plan: [4]float64{0.75, 0.25, 0, 0}, monthly: 0.75,
			util: 0.6, logLogins: math.Log(3), adoptLogit: -0.6, tickets: 1, logTenure: math.Log(12),
			openLogit: -0.2, logWeb: math.Log(10), logDays: math.Log(6), stage: [4]float64{0.85, 0.1, 0.04, 0.01}},
	}
}

// SegmentNames returns the names of the hidden personas, indexed by the
// segment numbers of Truth.Segment and the true_segment column.
func SegmentNames() []string {
	ps := personaTable()
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.name
	}
	return out
}

// catalogue is the persona table with cumulative weights precomputed once per
// generator (no package-level mutable state).
type catalogue struct {
	personas  [6]persona
	cumWeight []float64
	cumPlan   [6][]float64
	cumStage  [6][]float64
	cumInd    []float64
	cumCtry   []float64
}

func newCatalogue() *catalogue {
	c := &catalogue{personas: personaTable()}
	w := make([]float64, len(c.personas))
	for i, p := range c.personas {
		w[i] = p.weight
		c.cumPlan[i] = cumulative(p.plan[:])
		c.cumStage[i] = cumulative(p.stage[:])
	}
	c.cumWeight = cumulative(w)
	c.cumInd = cumulative(industryWeights)
	c.cumCtry = cumulative(countryWeights)
	return c
}

// other returns a persona other than cur, by the personas' weights among
// the others, from the uniform deviate u.
func (c *catalogue) other(cur int, u float64) int {
	wCur := c.cumWeight[cur]
	if cur > 0 {
		wCur -= c.cumWeight[cur-1]
	}
	acc, last := 0.0, -1
	for j := range c.personas {
		if j == cur {
			continue
		}
		w := c.cumWeight[j]
		if j > 0 {
			w -= c.cumWeight[j-1]
		}
		acc += w / (1 - wCur)
		if last = j; u < acc {
			return j
		}
	}
	return last
}

// First and last names of the fake contacts (personal data on purpose, so
// the privacy guard has something to refuse).
var (
	firstNames = [...]string{"Anna", "Ben", "Chloe", "David", "Emma", "Felix", "Grace", "Hugo", "Isla", "Jonas",
		"Karin", "Liam", "Maria", "Noah", "Olivia", "Pablo", "Quinn", "Rosa", "Sven", "Tara",
		"Umar", "Vera", "Wei", "Ximena", "Yusuf", "Zoe", "Arjun", "Bea", "Carlos", "Dana",
		"Erik", "Fatima", "Giulia", "Hiro", "Ines", "Jack"}
	lastNames = [...]string{"Smith", "Jones", "Schmidt", "Martin", "Dubois", "Jansen", "Brown", "Rossi", "Garcia", "Kumar",
		"Silva", "Tanaka", "Nguyen", "Larsen", "Murphy", "Novak", "Kowalski", "Fischer", "Lopez", "Wilson",
		"Taylor", "Moreau", "Bakker", "Patel", "Santos", "Sato", "Chen", "Berg", "Walsh", "Costa"}
)
