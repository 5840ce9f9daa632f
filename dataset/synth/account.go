package synth

import "math"

// account is one generated row, before formatting. Values hold what the
// data shows (after missing values and recording errors); the unexported
// true* fields hold what the generator used.
type account struct {
	index          int
	segment        int
	prevSegment    int // the persona of the month before (Config.Month)
	industry       int // -1 when missing
	country        int // -1 when missing
	employees      float64
	employeesMiss  bool
	revenueBand    int
	plan           int
	contract       int // index into contracts: 0 annual, 1 monthly
	seatsPurchased float64
	seatsUsed      float64
	mrrStart       float64
	mrrTrue        float64 // mrr_start before recording errors
	mrrEnd         float64
	tenure         float64
	logins         float64
	adoption       float64
	tickets        float64
	csat           float64
	csatMiss       bool
	nps            float64
	npsMiss        bool
	openRate       float64
	webVisits      float64
	webMiss        bool
	daysSince      float64
	stage          int
	churned        bool
	upsold         bool
	pChurn         float64
	pUpsell        float64 // marginal: (1-pChurn)*P(upsell | no churn)
	first, last    int
	health         float64 // the shared engagement latent
	ticketRate     float64 // mean support tickets in 90 days
}

// Rates of imperfections when Config.Clean is false.
const (
	missCSAT      = 0.30
	missNPS       = 0.40
	missWeb       = 0.03
	missEmployees = 0.02
	missIndustry  = 0.02
	missCountry   = 0.01
	outlierRate   = 0.001
	outlierFactor = 100
)

// generator holds the reusable state of one goroutine's generation.
type generator struct {
	s   settings
	cat *catalogue
	g   *rng
}

func newGenerator(s settings) *generator {
	return &generator{s: s, cat: newCatalogue(), g: newRNG()}
}

// account fills a with account i. Every draw happens whatever the Config
// (Clean included), in a fixed order, from account i's own stream, so a
// value depends only on (Seed, i, Separation, period) and the switch for
// imperfections changes nothing else.
func (gen *generator) account(i int, a *account) {
	g, s := gen.g, gen.s
	ns := s.noise
	g.seed(s.seed, streamAccount, i)
	*a = account{index: i}

	seg := g.choose(gen.cat.cumWeight)
	a.prevSegment = seg
	if s.month >= 2 {
		var step int
		seg, a.prevSegment, step = gen.moves(i, seg)
		// A mover's values come from a stream of the month it last moved;
		// the others' from the first month's, so they stay the same.
		g.seed(s.seed^moveTag(step), streamAccount, i)
		g.choose(gen.cat.cumWeight) // the persona draw, replaced by seg
	}
	p := &gen.cat.personas[seg]
	a.segment = seg

	// Firmographics.
	a.industry = g.choose(gen.cat.cumInd)
	if p.industry >= 0 && g.bernoulli(p.indShare) {
		a.industry = p.industry
	} else if p.industry < 0 {
		g.float() // keep the stream aligned across personas
	}
	a.country = g.choose(gen.cat.cumCtry)
	employees := math.Max(1, math.Round(math.Exp(p.logEmp+g.norm(0.9*ns))))
	revenue := employees * math.Exp(math.Log(150e3)+g.norm(0.5))
	a.revenueBand = band(revenue)
	a.first = int(g.float() * float64(len(firstNames)))
	a.last = int(g.float() * float64(len(lastNames)))

	// Commercial terms.
	a.plan = g.choose(gen.cat.cumPlan[seg])
	if g.bernoulli(p.monthly) {
		a.contract = 1
	}
	a.seatsPurchased = math.Min(employees, math.Max(1, math.Round(employees*math.Exp(p.logPen+g.norm(0.4*ns)))))
	a.tenure = math.Max(1, math.Round(math.Exp(p.logTenure+g.norm(0.6*ns))))

	// Engagement: a health latent moves utilisation, logins, adoption and
	// recency together, as they do in real accounts.
	h := g.norm(ns)
	util := clamp(p.util+0.08*h+g.norm(0.12*ns), 0.02, 1.25)
	a.seatsUsed = math.Max(1, math.Round(a.seatsPurchased*util))
	a.logins = round(math.Exp(p.logLogins+0.25*h+g.norm(0.4*ns)), 1)
	a.adoption = round(sigmoid(p.adoptLogit+0.4*h+g.norm(0.6*ns)), 3)
	a.health = h
	a.ticketRate = p.tickets * math.Exp(-0.3*h+g.norm(0.4*ns))
	a.tickets = g.poisson(a.ticketRate)
	maxDays := math.Min(float64(s.windowDays-1), a.tenure*30)
	a.daysSince = math.Min(maxDays, gapDays(g, p, h, ns))
	a.openRate = round(sigmoid(p.openLogit+0.2*h+g.norm(0.5*ns)), 3)
	a.webVisits = g.poisson(math.Exp(p.logWeb + 0.3*h + g.norm(0.6*ns)))
	a.stage = g.choose(gen.cat.cumStage[seg])

	// Satisfaction, driven by adoption and support load.
	sat := 3.7 + 1.2*(a.adoption-0.4) - 0.2*math.Log1p(a.tickets) + 0.2*h + g.norm(0.5*ns)
	a.csat = round(clamp(sat, 1, 5), 1)
	a.nps = math.Round(clamp(7+1.8*(sat-3.7)+g.norm(1.2*ns), 0, 10))

	// Money.
	price := seatPrice[a.plan] * math.Exp(g.norm(0.1*ns))
	mrr := round(math.Max(minMRR[a.plan], a.seatsPurchased*price), 2)
	a.mrrStart = mrr
	a.mrrTrue = mrr

	// Outcomes, from the true models of the columns above.
	a.pChurn = sigmoid(churnLogOdds(a))
	pUp := sigmoid(upsellLogOdds(a))
	a.pUpsell = (1 - a.pChurn) * pUp
	a.churned = g.float() < a.pChurn
	upDraw := g.float()
	a.upsold = !a.churned && upDraw < pUp
	uplift := 0.1 + 0.25*g.exp()
	drift := g.norm(0.03)
	switch {
	case a.churned:
		a.mrrEnd = 0
	case a.upsold:
		a.mrrEnd = round(mrr*(1+uplift), 2)
	default:
		a.mrrEnd = round(mrr*math.Exp(drift), 2)
	}

	// Imperfections: drawn always, applied unless Clean.
	uCSAT, uNPS, uWeb, uEmp, uInd, uCtry := g.float(), g.float(), g.float(), g.float(), g.float(), g.float()
	uOutEmp, uOutMRR := g.float(), g.float()
	a.employees = employees
	if s.clean {
		return
	}
	a.csatMiss = uCSAT < missCSAT
	a.npsMiss = uNPS < missNPS
	a.webMiss = uWeb < missWeb
	a.employeesMiss = uEmp < missEmployees
	if uInd < missIndustry {
		a.industry = -1
	}
	if uCtry < missCountry {
		a.country = -1
	}
	if uOutEmp < outlierRate {
		a.employees *= outlierFactor
	}
	if uOutMRR < outlierRate {
		a.mrrStart = round(a.mrrStart*outlierFactor, 2)
	}
}

// moves follows account i, of persona seg in the first month, through
// months 2..Config.Month on its own stream: at each month it moves with
// probability MoveRate to another persona. It returns the persona of the
// month, that of the month before and the last month it moved (0: never).
func (gen *generator) moves(i, seg int) (cur, prev, last int) {
	g := gen.g
	g.seed(gen.s.seed, streamMoves, i)
	cur = seg
	for month := 2; month <= gen.s.month; month++ {
		prev = cur
		u, v := g.float(), g.float() // both drawn every month: aligned streams
		if u < gen.s.moveRate {
			cur, last = gen.cat.other(cur, v), month
		}
	}
	return cur, prev, last
}

// moveTag is the seed offset of the values of an account that last moved
// in month step (0 for none: the first month's stream).
func moveTag(step int) uint64 {
	if step == 0 {
		return 0
	}
	return splitmix64(streamMoves + uint64(step))
}

// gapDays draws whole days without usage of an account of persona p and
// health h: days_since_last_login, and the quiet spells of the export's
// history.
func gapDays(g *rng, p *persona, h, noise float64) float64 {
	return math.Floor(math.Exp(p.logDays - 0.4*h + g.norm(0.6*noise)))
}

// band maps annual revenue to its revenue_band level.
func band(revenue float64) int {
	switch {
	case revenue < 1e6:
		return 0
	case revenue < 10e6:
		return 1
	case revenue < 50e6:
		return 2
	case revenue < 250e6:
		return 3
	}
	return 4
}
