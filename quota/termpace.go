package quota

// TermPlan is a term quota with the yearly quotas set inside the term,
// from which the pace over the term follows.
type TermPlan struct {
	Term   Term
	Quota  int
	Yearly map[int]int // year -> yearly quota, for the years of the term that have one
}

// YearShares is how much of the term quota each year of the term is
// planned to bring, in term order. With no yearly quotas the quota is
// spread by days, so the pace is linear over the term, leap days
// included. Years with a yearly quota take that quota; the years without
// one share what the term quota leaves, by days. When the yearly quotas
// do not add up to the term quota, the shares are scaled to it, so the
// plan always ends at the term quota.
func (p TermPlan) YearShares() []float64 {
	n := p.Term.Years()
	if n <= 0 || p.Quota <= 0 {
		return make([]float64, max(n, 0))
	}
	w := make([]float64, n)
	set, unsetDays := 0, 0
	for i := range w {
		y := p.Term.From + i
		if q := p.Yearly[y]; q > 0 {
			set += q
			w[i] = float64(q)
		} else {
			unsetDays += DaysInYear(y)
		}
	}
	if left := p.Quota - set; left > 0 && unsetDays > 0 {
		for i := range w {
			y := p.Term.From + i
			if p.Yearly[y] <= 0 {
				w[i] = float64(left) * float64(DaysInYear(y)) / float64(unsetDays)
			}
		}
	}
	total := 0.0
	for _, x := range w {
		total += x
	}
	if total <= 0 {
		return w
	}
	for i := range w {
		w[i] *= float64(p.Quota) / total
	}
	return w
}

// Fraction is the share of the term quota due by the end of the day on,
// 0..1: the shares of the years before, and the current year's share
// through the year by the yearly pace (linear, or its milestones).
func (p TermPlan) Fraction(pace Pace, on Date) float64 {
	switch {
	case p.Quota <= 0 || on.Year < p.Term.From:
		return 0
	case on.Year > p.Term.To || pace.Mode == PaceQuota:
		return 1
	}
	due := 0.0
	for i, share := range p.YearShares() {
		y := p.Term.From + i
		switch {
		case y < on.Year:
			due += share
		case y == on.Year:
			due += share * pace.fraction(y, on)
		}
	}
	return min(max(due/float64(p.Quota), 0), 1)
}

// Expected is the number of admissions due over the term by the end of
// the day on, rounded down like the yearly pace, so an organization is
// never called behind for a fraction.
func (p TermPlan) Expected(pace Pace, on Date) int {
	if p.Quota <= 0 {
		return 0
	}
	exp := int(float64(p.Quota)*p.Fraction(pace, on) + 1e-9)
	return min(max(exp, 0), p.Quota)
}

// NewTermProgress is an organization's standing on a term on a date;
// admitted counts every year of the term so far (named admissions, or
// the imported total of a year without any). Its Year is zero and its
// Term is set.
func NewTermProgress(org string, plan TermPlan, admitted int, on Date, pace Pace) Progress {
	return Progress{Org: org, Term: plan.Term, On: on, Quota: plan.Quota, Admitted: admitted,
		Expected: plan.Expected(pace, on)}
}
