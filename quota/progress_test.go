package quota_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
)

func TestExpectedLinear(t *testing.T) {
	p := quota.Pace{Mode: quota.PaceLinear}
	assert.Equal(t, 4, p.Expected(10, 2026, date(30, 6, 2026)), "181/365 of 10 rounds down")
	assert.Equal(t, 10, p.Expected(10, 2026, date(31, 12, 2026)))
	assert.Equal(t, 0, p.Expected(10, 2026, date(1, 1, 2026)))
	assert.Equal(t, 150, p.Expected(300, 2026, date(2, 7, 2026)), "183/365 of 300 is 150.4")
	assert.Equal(t, 0, p.Expected(10, 2026, date(31, 12, 2025)), "the year has not started")
	assert.Equal(t, 10, p.Expected(10, 2026, date(1, 1, 2027)), "the year is over")
	assert.Equal(t, 0, p.Expected(0, 2026, date(31, 12, 2026)))
	assert.Equal(t, 0, p.Expected(-3, 2026, date(31, 12, 2026)))
}

func TestExpectedIsExactFloor(t *testing.T) {
	// The floor of quota*day/days must not lose one to a rounding error:
	// 365 × 3/365 is 3, not 2.
	p := quota.Pace{Mode: quota.PaceLinear}
	assert.Equal(t, 3, p.Expected(365, 2026, date(3, 1, 2026)))
	quotas := []int{1, 2, 3, 7, 10, 12, 30, 73, 100, 146, 300, 365, 366, 1000, 2024}
	for _, year := range []int{2024, 2026} {
		days := quota.DaysInYear(year)
		for _, q := range quotas {
			for d := date(1, 1, year); d.Year == year; d = d.AddDays(1) {
				want := q * d.DayOfYear() / days
				if got := p.Expected(q, year, d); got != want {
					t.Fatalf("quota %d on %s: expected %d, want %d", q, d, got, want)
				}
			}
		}
	}
}

func TestExpectedQuotaMode(t *testing.T) {
	p := quota.Pace{Mode: quota.PaceQuota}
	assert.Equal(t, 10, p.Expected(10, 2026, date(1, 1, 2026)))
	assert.Equal(t, 10, p.Expected(10, 2026, date(30, 6, 2026)))
	assert.Equal(t, 0, p.Expected(10, 2026, date(31, 12, 2025)))
	assert.InDelta(t, 1.0, p.Fraction(2026, date(1, 1, 2026)), 0)
	assert.InDelta(t, 0.0, p.Fraction(2026, date(31, 12, 2025)), 0)
}

func TestExpectedMilestones(t *testing.T) {
	p := quota.Pace{Mode: quota.PaceLinear, Milestones: []quota.Milestone{{Month: time.June, Day: 30, Percent: 50}}}
	assert.Equal(t, 5, p.Expected(10, 2026, date(30, 6, 2026)))
	assert.Equal(t, 50, p.Expected(100, 2026, date(30, 6, 2026)))
	// Before: 50% × 90/181 = 24.86%.
	assert.Equal(t, 24, p.Expected(100, 2026, date(31, 3, 2026)))
	// After: 50% + 50% × 92/184 = 75%.
	assert.Equal(t, 75, p.Expected(100, 2026, date(30, 9, 2026)))
	assert.Equal(t, 100, p.Expected(100, 2026, date(31, 12, 2026)))
	assert.InDelta(t, 0.5, p.Fraction(2026, date(30, 6, 2026)), 1e-12)
	assert.InDelta(t, 0.75, p.Fraction(2026, date(30, 9, 2026)), 1e-12)

	// Several milestones, the last at the end of the year.
	q := quota.Pace{Milestones: []quota.Milestone{
		{Month: time.March, Day: 31, Percent: 20},
		{Month: time.June, Day: 30, Percent: 50},
		{Month: time.December, Day: 31, Percent: 100},
	}}
	assert.Equal(t, 20, q.Expected(100, 2026, date(31, 3, 2026)))
	assert.Equal(t, 34, q.Expected(100, 2026, date(15, 5, 2026)), "20% + 30% × 45/91 = 34.8%")
	assert.Equal(t, 50, q.Expected(100, 2026, date(30, 6, 2026)))
	assert.Equal(t, 100, q.Expected(100, 2026, date(31, 12, 2026)))
}

func TestExpectedLeapYears(t *testing.T) {
	p := quota.Pace{}
	assert.Equal(t, 60, p.Expected(366, 2024, date(29, 2, 2024)))
	assert.Equal(t, 366, p.Expected(366, 2024, date(31, 12, 2024)))
	assert.Equal(t, 365, p.Expected(366, 2024, date(30, 12, 2024)))

	// A milestone on 29/02 falls on 28/02 in a year without it.
	m := quota.Pace{Milestones: []quota.Milestone{{Month: time.February, Day: 29, Percent: 20}}}
	assert.Equal(t, 20, m.Expected(100, 2026, date(28, 2, 2026)))
	assert.Equal(t, 20, m.Expected(100, 2024, date(29, 2, 2024)))
	assert.Equal(t, 19, m.Expected(100, 2024, date(28, 2, 2024)), "20% × 59/60")
}

func TestProgress(t *testing.T) {
	pace := quota.Pace{}
	on := date(30, 6, 2026)
	p := quota.NewProgress("A", 2026, on, quota.Tally{Quota: 300, Admitted: 152}, pace)
	assert.Equal(t, 148, p.Expected, "181/365 of 300")
	assert.InDelta(t, 50.6666666, p.Percent(), 1e-6)
	assert.False(t, p.Met())
	assert.False(t, p.Behind())
	assert.Equal(t, 0, p.Shortfall())
	assert.Equal(t, quota.StatusOnPace, p.Status())

	behind := quota.NewProgress("B", 2026, on, quota.Tally{Quota: 10, Admitted: 1}, pace)
	assert.True(t, behind.Behind())
	assert.Equal(t, 3, behind.Shortfall())
	assert.Equal(t, quota.StatusBehind, behind.Status())

	met := quota.NewProgress("C", 2026, on, quota.Tally{Quota: 10, Admitted: 12}, pace)
	assert.True(t, met.Met())
	assert.Equal(t, quota.StatusMet, met.Status())
	assert.InDelta(t, 120.0, met.Percent(), 1e-9)

	none := quota.NewProgress("D", 2026, on, quota.Tally{Admitted: 2}, pace)
	assert.False(t, none.Met())
	assert.False(t, none.Behind())
	assert.Equal(t, quota.StatusNoQuota, none.Status())
	assert.InDelta(t, 0.0, none.Percent(), 0)

	assert.InDelta(t, 0.0, quota.Percent(3, 0), 0)
	assert.InDelta(t, 50.0, quota.Percent(1, 2), 0)
}

func prog(code string, q, admitted, expected int) quota.Progress {
	return quota.Progress{Org: code, Year: 2026, On: date(30, 6, 2026), Quota: q, Admitted: admitted, Expected: expected}
}

func codes(ps []quota.Progress) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Org
	}
	return out
}

func TestSummarizer(t *testing.T) {
	all := []quota.Progress{
		prog("A", 10, 10, 5),   // met
		prog("B", 10, 2, 5),    // shortfall 3, 20%
		prog("C", 20, 0, 10),   // shortfall 10
		prog("D", 10, 5, 5),    // on pace
		prog("E", 0, 1, 0),     // no quota
		prog("F", 20, 7, 10),   // shortfall 3, 35%
		prog("G", 10, 2, 5),    // shortfall 3, 20%, after B by code
		prog("H", 100, 40, 50), // shortfall 10, 40%: after C (0%)
		prog("I", 10, 4, 5),    // shortfall 1
	}
	z := quota.NewSummarizer(2026, date(30, 6, 2026), 4)
	// The order of arrival must not matter.
	for _, i := range []int{8, 0, 6, 3, 1, 5, 4, 7, 2} {
		z.Add(all[i])
	}
	s := z.Summary()
	assert.Equal(t, 2026, s.Year)
	assert.Equal(t, 190, s.Quota)
	assert.Equal(t, 71, s.Admitted)
	assert.Equal(t, 95, s.Expected)
	assert.Equal(t, 8, s.WithQuota)
	assert.Equal(t, 1, s.Met)
	assert.Equal(t, 6, s.Behind)
	assert.Equal(t, []string{"C", "H", "B", "G"}, codes(s.Furthest))

	sorted := append([]quota.Progress(nil), all...)
	quota.SortBehindFirst(sorted)
	assert.Equal(t, []string{"C", "H", "B", "G", "F", "I"}, codes(sorted[:6]))
}

func TestSummarizerKeepsNothingWhenAskedNothing(t *testing.T) {
	z := quota.NewSummarizer(2026, date(30, 6, 2026), 0)
	z.Add(prog("B", 10, 2, 5))
	s := z.Summary()
	assert.Equal(t, 1, s.Behind)
	assert.Empty(t, s.Furthest)
}

func TestSummarizerKeepsFewerThanAsked(t *testing.T) {
	z := quota.NewSummarizer(2026, date(30, 6, 2026), 10)
	z.Add(prog("B", 10, 4, 5))
	z.Add(prog("A", 10, 2, 5))
	require.Len(t, z.Summary().Furthest, 2)
	assert.Equal(t, []string{"A", "B"}, codes(z.Summary().Furthest))
}

func TestSummaryIsASnapshot(t *testing.T) {
	z := quota.NewSummarizer(2026, date(30, 6, 2026), 3)
	z.Add(prog("A", 10, 4, 5))
	z.Add(prog("B", 10, 3, 5))
	z.Add(prog("C", 10, 2, 5))
	before := z.Summary()
	require.Equal(t, []string{"C", "B", "A"}, codes(before.Furthest))
	z.Add(prog("D", 10, 0, 5))
	assert.Equal(t, []string{"D", "C", "B"}, codes(z.Summary().Furthest))
	assert.Equal(t, []string{"C", "B", "A"}, codes(before.Furthest), "a later Add must not rewrite an earlier summary")
}

func TestNeedsReminder(t *testing.T) {
	on := quota.Date{Year: 2026, Month: 6, Day: 15}
	cases := []struct {
		p      quota.Progress
		linear bool
		quota  bool
	}{
		{quota.Progress{Quota: 10, Admitted: 2, Expected: 4, On: on}, true, true},
		{quota.Progress{Quota: 10, Admitted: 5, Expected: 4, On: on}, false, true}, // on pace, below its quota
		{quota.Progress{Quota: 10, Admitted: 10, Expected: 10, On: on}, false, false},
		{quota.Progress{Quota: 10, Admitted: 12, Expected: 4, On: on}, false, false},
		{quota.Progress{Quota: 0, Admitted: 0, Expected: 0, On: on}, false, false}, // no quota: nothing to remind of
	}
	for _, c := range cases {
		assert.Equal(t, c.linear, c.p.NeedsReminder(quota.PaceLinear), "%+v linear", c.p)
		assert.Equal(t, c.quota, c.p.NeedsReminder(quota.PaceQuota), "%+v quota", c.p)
	}
}
