package quota

import "sort"

// Comparisons leaders ask for beside a year's progress: the years before,
// the share of base organizations that admitted anyone, a term at risk.

// BaseReach is how many base organizations (those directly under the
// committee) admitted anyone in a year, and which admitted no one.
type BaseReach struct {
	Year      int
	Bases     int      // active base organizations
	Admitting int      // of those, how many admitted at least one
	None      []string // the codes of those that admitted no one, in code order
}

// NewBaseReach counts the active base organizations (those directly
// under the committee) that admitted anyone in a year; admitting says
// whether anyone in a base organization's subtree did, since a cell that
// admitted someone makes its base organization admitting.
func NewBaseReach(year int, bases []Org, admitting func(code string) bool) BaseReach {
	r := BaseReach{Year: year}
	for _, o := range bases {
		if !IsBase(o) {
			continue
		}
		r.Bases++
		if admitting(o.Code) {
			r.Admitting++
		} else {
			r.None = append(r.None, o.Code)
		}
	}
	sort.Strings(r.None)
	return r
}

// IsBase reports whether an organization is a base organization: active
// and directly under the committee.
func IsBase(o Org) bool { return o.Parent == "" && !o.Inactive }

// TermAtRisk reports whether a term quota cannot be met even if every
// advanced candidate is admitted. Only the term's last year is judged:
// earlier, the years left can still bring candidates who are not yet in
// the pipeline, so a gap is a matter of pace, not of risk.
func TermAtRisk(p Progress, advanced int) bool {
	return !p.Term.IsZero() && p.On.Year == p.Term.To && AtRisk(Tally{Quota: p.Quota, Admitted: p.Admitted}, advanced)
}

// PriorSpan is the span of the years before year that have a figure,
// from the earliest to the year before; ok is false when there is none.
// The span is at most the longest term, the most recent years kept.
func PriorSpan(year int, earliest int) (Term, bool) {
	if earliest <= 0 || earliest >= year {
		return Term{}, false
	}
	return Term{From: max(earliest, year-maxTermYears), To: year - 1}, true
}

// Driver says which quota drives reminders and the at-risk warning.
type Driver string

// The drivers: the year's quota (the default), the term's, or both, an
// organization behind on either being reminded.
const (
	DriveYear Driver = "year"
	DriveTerm Driver = "term"
	DriveBoth Driver = "both"
)

// Year reports whether the year's quota drives; it does unless only the
// term was chosen.
func (d Driver) Year() bool { return d != DriveTerm }

// Term reports whether the term's quota drives.
func (d Driver) Term() bool { return d == DriveTerm || d == DriveBoth }
