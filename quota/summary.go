package quota

import (
	"slices"
	"sort"
)

// Summary is the committee's standing: totals and the organizations that
// need attention.
type Summary struct {
	Year      int  // the year summed up; zero for a term's summary
	Term      Term // the term summed up; zero for a year's summary
	On        Date
	Quota     int
	Admitted  int
	Expected  int
	WithQuota int        // organizations with a quota
	Met       int        // of those, how many met it
	Behind    int        // of those, how many are behind pace
	Furthest  []Progress // the furthest behind, largest shortfall first
	AtRisk    int        // organizations that cannot meet the quota even with every advanced candidate
	Risky     []Risk     // the worst of those, largest gap first
	// Deactivated organizations count in none of the above from their
	// deactivation on; this says how many were left out.
	Deactivated int
}

// Risk is an organization at risk of missing its quota.
type Risk struct {
	Progress
	Advanced int // candidates introduced or further
}

// Gap is what is missing even if every advanced candidate is admitted.
func (r Risk) Gap() int { return max(0, r.Quota-r.Admitted-r.Advanced) }

// Summarizer accumulates progresses into a Summary, keeping only the
// keep furthest behind, so a national committee costs no sorting.
type Summarizer struct {
	s    Summary
	keep int
}

// NewSummarizer starts a summary of the year on the date.
func NewSummarizer(year int, on Date, keep int) *Summarizer {
	return &Summarizer{s: Summary{Year: year, On: on}, keep: keep}
}

// NewTermSummarizer starts a summary of a term on the date; its
// progresses are term progresses (NewTermProgress).
func NewTermSummarizer(t Term, on Date, keep int) *Summarizer {
	return &Summarizer{s: Summary{Term: t, On: on}, keep: keep}
}

// Add counts one organization.
func (z *Summarizer) Add(p Progress) {
	z.s.Quota += p.Quota
	z.s.Admitted += p.Admitted
	z.s.Expected += p.Expected
	if p.Quota <= 0 {
		return
	}
	z.s.WithQuota++
	if p.Met() {
		z.s.Met++
	}
	if !p.Behind() {
		return
	}
	z.s.Behind++
	if z.keep <= 0 {
		return
	}
	f := z.s.Furthest
	if len(f) == z.keep && !furtherBehind(p, f[len(f)-1]) {
		return
	}
	i := sort.Search(len(f), func(i int) bool { return furtherBehind(p, f[i]) })
	f = append(f, Progress{})
	copy(f[i+1:], f[i:])
	f[i] = p
	if len(f) > z.keep {
		f = f[:z.keep]
	}
	z.s.Furthest = f
}

// AddWithPipeline counts one organization with its advanced candidates,
// for the early warning.
func (z *Summarizer) AddWithPipeline(p Progress, advanced int) {
	z.Add(p)
	risky := AtRisk(Tally{Quota: p.Quota, Admitted: p.Admitted}, advanced)
	if !p.Term.IsZero() {
		risky = TermAtRisk(p, advanced)
	}
	if !risky {
		return
	}
	z.s.AtRisk++
	if z.keep <= 0 {
		return
	}
	r := Risk{Progress: p, Advanced: advanced}
	worse := func(a, b Risk) bool {
		if a.Gap() != b.Gap() {
			return a.Gap() > b.Gap()
		}
		return a.Org < b.Org
	}
	f := z.s.Risky
	if len(f) == z.keep && !worse(r, f[len(f)-1]) {
		return
	}
	i := sort.Search(len(f), func(i int) bool { return worse(r, f[i]) })
	f = append(f, Risk{})
	copy(f[i+1:], f[i:])
	f[i] = r
	if len(f) > z.keep {
		f = f[:z.keep]
	}
	z.s.Risky = f
}

// Summary is the result so far. Furthest is copied: later Adds shift it
// in place and must not change a summary already handed out.
func (z *Summarizer) Summary() Summary {
	s := z.s
	s.Furthest = slices.Clone(s.Furthest)
	return s
}

// furtherBehind orders by shortfall, then by the lower share of the
// quota, then by code, so the order is stable.
func furtherBehind(a, b Progress) bool {
	if a.Shortfall() != b.Shortfall() {
		return a.Shortfall() > b.Shortfall()
	}
	if pa, pb := a.Percent(), b.Percent(); pa != pb {
		return pa < pb
	}
	return a.Org < b.Org
}

// SortBehindFirst orders progresses furthest behind first.
func SortBehindFirst(ps []Progress) {
	sort.Slice(ps, func(i, j int) bool { return furtherBehind(ps[i], ps[j]) })
}
