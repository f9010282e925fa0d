package quota

import (
	"fmt"
	"time"
)

// PaceMode says what "behind" means.
type PaceMode string

// Pace modes: behind the expected number for the date, or simply below
// the yearly quota.
const (
	PaceLinear PaceMode = "pace"
	PaceQuota  PaceMode = "quota"
)

// Milestone is a share of the quota due by a day of the year (50% by 30/06).
type Milestone struct {
	Month   time.Month
	Day     int
	Percent float64
}

// Pace computes the number of admissions expected by a date.
type Pace struct {
	Mode       PaceMode
	Milestones []Milestone // sorted by date, percent increasing
}

// Expected is the number of admissions due by the end of day on, for a
// yearly quota: linear through the year (or through the milestones),
// rounded down, so an organization is never called behind for a fraction.
func (p Pace) Expected(quota, year int, on Date) int {
	switch {
	case quota <= 0 || on.Year < year:
		return 0
	case on.Year > year || p.Mode == PaceQuota:
		return quota
	}
	frac := p.fraction(year, on)
	// The epsilon absorbs the float error of the fraction (365 × 3/365
	// gives 2.9999…), so an exact whole number is not rounded down by one.
	exp := int(float64(quota)*frac + 1e-9)
	return min(max(exp, 0), quota)
}

// Fraction is the share of the yearly quota due by the date, 0..1.
func (p Pace) Fraction(year int, on Date) float64 {
	switch {
	case on.Year < year:
		return 0
	case on.Year > year || p.Mode == PaceQuota:
		return 1
	}
	return p.fraction(year, on)
}

func (p Pace) fraction(year int, on Date) float64 {
	day := float64(on.DayOfYear())
	// Points of a piecewise linear curve from (0, 0%) to (end of year, 100%).
	prevDay, prevPct := 0.0, 0.0
	for _, m := range p.Milestones {
		md, ok := NewDate(year, m.Month, m.Day)
		if !ok {
			md = Date{year, m.Month, m.Day}.SameDayInYear(year)
		}
		mDay := float64(md.DayOfYear())
		if day <= mDay {
			return (prevPct + (m.Percent-prevPct)*(day-prevDay)/(mDay-prevDay)) / 100
		}
		prevDay, prevPct = mDay, m.Percent
	}
	end := float64(DaysInYear(year))
	if end == prevDay {
		return prevPct / 100
	}
	return (prevPct + (100-prevPct)*(day-prevDay)/(end-prevDay)) / 100
}

// Tally is what is stored per organization and year: the plan and the
// admissions that count.
type Tally struct {
	Quota    int
	Admitted int
}

// Progress is an organization's standing on a date.
type Progress struct {
	Org      string
	Year     int  // the year of a yearly progress; zero for a term's
	Term     Term // the term of a term progress; zero for a year's
	On       Date
	Quota    int
	Admitted int
	Expected int
}

// NewProgress computes the standing of a tally on a date.
func NewProgress(org string, year int, on Date, t Tally, pace Pace) Progress {
	return Progress{Org: org, Year: year, On: on, Quota: t.Quota, Admitted: t.Admitted,
		Expected: pace.Expected(t.Quota, year, on)}
}

// Shortfall is how many admissions are missing to be on pace.
func (p Progress) Shortfall() int { return max(0, p.Expected-p.Admitted) }

// Behind reports whether fewer were admitted than expected by the date.
func (p Progress) Behind() bool { return p.Admitted < p.Expected }

// NeedsReminder says whether the organization is reminded on the date:
// it has a quota it has not met and is behind its pace, or, when
// reminders follow the quota alone (PaceQuota), is below its quota.
func (p Progress) NeedsReminder(mode PaceMode) bool {
	if p.Quota <= 0 || p.Met() {
		return false
	}
	if mode == PaceQuota {
		return p.Admitted < p.Quota
	}
	return p.Behind()
}

// Met reports whether the quota (of the year or the term) is reached.
func (p Progress) Met() bool { return p.Quota > 0 && p.Admitted >= p.Quota }

// Percent is admitted over quota in percent; 0 when there is no quota.
func (p Progress) Percent() float64 { return Percent(p.Admitted, p.Quota) }

// Percent is part over whole in percent; 0 when whole is 0.
func Percent(part, whole int) float64 {
	if whole <= 0 {
		return 0
	}
	return float64(part) * 100 / float64(whole)
}

// Status is the word for a progress in tables and charts.
type Status string

// The statuses of a progress.
const (
	StatusMet     Status = "met"
	StatusOnPace  Status = "on_pace"
	StatusBehind  Status = "behind"
	StatusNoQuota Status = "no_quota"
)

// Status classifies the progress.
func (p Progress) Status() Status {
	switch {
	case p.Quota <= 0:
		return StatusNoQuota
	case p.Met():
		return StatusMet
	case p.Behind():
		return StatusBehind
	}
	return StatusOnPace
}

func (p Progress) String() string {
	if !p.Term.IsZero() {
		return fmt.Sprintf("%s %s: %d/%d expected %d", p.Org, p.Term, p.Admitted, p.Quota, p.Expected)
	}
	return fmt.Sprintf("%s %d: %d/%d expected %d", p.Org, p.Year, p.Admitted, p.Quota, p.Expected)
}
