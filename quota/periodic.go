package quota

import "sort"

// Standing is a base organization's year for the periodic report: the
// progress of its whole subtree and its advanced candidates.
type Standing struct {
	Progress
	Name     string
	Advanced int      // candidates introduced or further
	Term     Progress // on the term the year belongs to; zero without a term quota
}

// AtRisk reports whether the organization cannot meet its quota even if
// every advanced candidate is admitted.
func (s Standing) AtRisk() bool {
	return AtRisk(Tally{Quota: s.Quota, Admitted: s.Admitted}, s.Advanced)
}

// Gap is what is missing even if every advanced candidate is admitted.
func (s Standing) Gap() int { return max(0, s.Quota-s.Admitted-s.Advanced) }

// PeriodicReport holds the figures the Organization Board reports to the
// Standing Committee: the years before, this year against the plan, the
// base organizations that met, are behind or at risk, the pipeline by
// source and the probations due.
type PeriodicReport struct {
	Year  int
	On    Date
	Total Progress // the committee: the sum of its base organizations

	SamePeriodLastYear int
	Prior              Average  // the years before; Prior.Known is 0 without any
	Term               Progress // the committee on the term the year belongs to; zero without one
	TermAtRisk         int      // base organizations that cannot meet the term quota

	Orgs        []Standing // every base organization, in the order given
	Met         []Standing // met the quota, in the order given
	Behind      []Standing // behind pace, furthest behind first
	AtRisk      []Standing // cannot meet the quota with the advanced candidates, largest gap first
	NoAdmission []Standing // with a quota and no one admitted this year

	Pipeline map[Source]int // candidates still in the pipeline, by source
	Advanced int            // of those, introduced or further

	ProbationsDue     int // probations ending by the horizon and awaiting the decision
	ProbationsOverdue int // of those, already ended
	ProbationHorizon  Date
}

// NewPeriodicReport sorts the base organizations into those that met the
// quota, are behind and are at risk, and sums them for the committee. The
// caller adds the years before, the term, the pipeline and the probations.
func NewPeriodicReport(year int, on Date, orgs []Standing) PeriodicReport {
	r := PeriodicReport{Year: year, On: on, Orgs: orgs, Total: Progress{Year: year, On: on}, Pipeline: map[Source]int{}}
	for _, s := range orgs {
		r.Total.Quota += s.Quota
		r.Total.Admitted += s.Admitted
		r.Total.Expected += s.Expected
		if s.Quota <= 0 {
			continue
		}
		switch {
		case s.Met():
			r.Met = append(r.Met, s)
		case s.Behind():
			r.Behind = append(r.Behind, s)
		}
		if s.AtRisk() && r.YearOpen() {
			r.AtRisk = append(r.AtRisk, s)
		}
		if s.Admitted == 0 {
			r.NoAdmission = append(r.NoAdmission, s)
		}
	}
	sort.SliceStable(r.Behind, func(i, j int) bool { return furtherBehind(r.Behind[i].Progress, r.Behind[j].Progress) })
	sort.SliceStable(r.AtRisk, func(i, j int) bool { return r.AtRisk[i].Gap() > r.AtRisk[j].Gap() })
	return r
}

// YearOpen reports whether the year still has days to admit in: a
// closed year has no risk left to warn of.
func (r PeriodicReport) YearOpen() bool {
	return r.On.Before(Date{Year: r.Year, Month: 12, Day: 31})
}

// Admitting is the number of base organizations that admitted anyone in
// the year, quota or not.
func (r PeriodicReport) Admitting() int {
	n := 0
	for _, s := range r.Orgs {
		if s.Admitted > 0 {
			n++
		}
	}
	return n
}

// WithQuota is the number of base organizations with a quota for the year.
func (r PeriodicReport) WithQuota() int {
	n := 0
	for _, s := range r.Orgs {
		if s.Quota > 0 {
			n++
		}
	}
	return n
}

// InPipeline is the number of candidates still in the pipeline.
func (r PeriodicReport) InPipeline() int {
	n := 0
	for _, c := range r.Pipeline {
		n += c
	}
	return n
}

// InPipeline reports whether a candidate at this stage is still on the
// way to admission.
func (s Stage) InPipeline() bool { return s != StageAdmitted && s != StageDropped && s.rank() >= 0 }
