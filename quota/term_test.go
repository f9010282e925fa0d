package quota_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
)

func TestParseTerm(t *testing.T) {
	want := quota.Term{From: 2021, To: 2025}
	for _, s := range []string{"2021-2025", "2021–2025", "2021 - 2025", " giai đoạn 2021-2025", "Giai đoạn 2021 – 2025",
		"GIAI ĐOẠN 2021-2025", "giai doan 2021-2025", "term 2021-2025", "2021/2025", "2021 đến 2025", "2021 to 2025", "GĐ 2021-2025"} {
		got, err := quota.ParseTerm(s)
		require.NoError(t, err, s)
		assert.Equal(t, want, got, s)
	}
	got, err := quota.ParseTerm("nhiệm kỳ 2025-2030")
	require.NoError(t, err)
	assert.Equal(t, quota.Term{From: 2025, To: 2030}, got)
	assert.Equal(t, "2025-2030", got.String())
	one, err := quota.ParseTerm("2026-2026")
	require.NoError(t, err)
	assert.Equal(t, 1, one.Years())

	for _, s := range []string{"", "2021", "2025-2021", "21-25", "2021-25", "giai đoạn", "2021-2025x", "x2021-2025",
		"1900-1905", "2021-2199", "2021--2025", "giaidoan2021-2025 extra", "2021 2025", "nhiệm kỳ: 2021"} {
		_, err := quota.ParseTerm(s)
		assert.ErrorIs(t, err, quota.ErrBadTerm, "%q", s)
	}
}

func TestTermDaysAndCurrent(t *testing.T) {
	tm := quota.Term{From: 2021, To: 2025}
	assert.Equal(t, 5, tm.Years())
	assert.Equal(t, 365*4+366, tm.Days(), "2024 is a leap year")
	assert.True(t, tm.Contains(2021))
	assert.True(t, tm.Contains(2025))
	assert.False(t, tm.Contains(2026))
	assert.Equal(t, date(1, 1, 2021), tm.Start())
	assert.Equal(t, date(31, 12, 2025), tm.End())

	assert.Equal(t, date(31, 12, 2025), tm.AsOf(date(3, 2, 2027)), "a term over is measured at its end")
	assert.Equal(t, date(1, 1, 2021), tm.AsOf(date(3, 2, 2020)), "and one to come at its start")
	assert.Equal(t, date(3, 2, 2023), tm.AsOf(date(3, 2, 2023)))

	terms := []quota.Term{{From: 2020, To: 2025}, {From: 2025, To: 2030}, {From: 2021, To: 2025}}
	cur, ok := quota.CurrentTerm(terms, 2025)
	require.True(t, ok)
	assert.Equal(t, quota.Term{From: 2025, To: 2030}, cur, "the boundary year belongs to the new term")
	cur, ok = quota.CurrentTerm(terms, 2023)
	require.True(t, ok)
	assert.Equal(t, quota.Term{From: 2021, To: 2025}, cur, "the latest starting of those containing the year")
	_, ok = quota.CurrentTerm(terms, 2031)
	assert.False(t, ok)
}

// The term pace, computed by hand. 2021-2025 has 365+365+365+366+365 =
// 1,826 days.
func TestTermPaceLinear(t *testing.T) {
	pace := quota.Pace{Mode: quota.PaceLinear}
	plan := quota.TermPlan{Term: quota.Term{From: 2021, To: 2025}, Quota: 1500}
	cases := []struct {
		on   quota.Date
		want int
		why  string
	}{
		{date(31, 12, 2020), 0, "before the term"},
		{date(1, 1, 2021), 0, "1 × 1500/1826 = 0.82"},
		{date(31, 12, 2021), 299, "365 × 1500/1826 = 299.84: across the year boundary"},
		{date(1, 1, 2022), 300, "366 × 1500/1826 = 300.66"},
		{date(31, 12, 2023), 899, "1095 × 1500/1826 = 899.51"},
		{date(28, 2, 2024), 947, "1154 × 1500/1826 = 947.97"},
		{date(29, 2, 2024), 948, "1155 × 1500/1826 = 948.80: the leap day counts"},
		{date(1, 3, 2024), 949, "1156 × 1500/1826 = 949.62"},
		{date(31, 12, 2024), 1200, "1461 × 1500/1826 = 1200.16"},
		{date(31, 12, 2025), 1500, "the end of the term"},
		{date(1, 6, 2026), 1500, "after the term"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, plan.Expected(pace, c.on), "%s: %s", c.on, c.why)
	}
	assert.InDelta(t, 1096.0/1826, plan.Fraction(pace, date(1, 1, 2024)), 1e-12, "cần đạt 60% đến nay")

	// Two years, one of them leap: 731 days, one admission a day.
	leap := quota.TermPlan{Term: quota.Term{From: 2024, To: 2025}, Quota: 731}
	assert.Equal(t, 60, leap.Expected(pace, date(29, 2, 2024)))
	assert.Equal(t, 366, leap.Expected(pace, date(31, 12, 2024)))
	assert.Equal(t, 367, leap.Expected(pace, date(1, 1, 2025)))
	assert.Equal(t, 731, leap.Expected(pace, date(31, 12, 2025)))

	// With no yearly quotas the shares follow the days.
	shares := plan.YearShares()
	require.Len(t, shares, 5)
	assert.InDelta(t, 1500.0*366/1826, shares[3], 1e-9)

	quotaMode := quota.Pace{Mode: quota.PaceQuota}
	assert.Equal(t, 1500, plan.Expected(quotaMode, date(2, 1, 2021)), "below the quota is behind, from the first day")
	assert.Equal(t, 0, plan.Expected(quotaMode, date(31, 12, 2020)))
	assert.Equal(t, 0, quota.TermPlan{Term: plan.Term}.Expected(pace, date(1, 1, 2023)), "no term quota, nothing due")
}

func TestTermPaceFollowsYearlyQuotas(t *testing.T) {
	pace := quota.Pace{Mode: quota.PaceLinear}
	// 2021 and 2022 have yearly quotas (250, 350); 2023-2025 share the
	// 900 left by days: 900 × 365/1096 = 299.73 for 2023 and 2025,
	// 900 × 366/1096 = 300.55 for 2024.
	plan := quota.TermPlan{Term: quota.Term{From: 2021, To: 2025}, Quota: 1500, Yearly: map[int]int{2021: 250, 2022: 350}}
	cases := []struct {
		on   quota.Date
		want int
		why  string
	}{
		{date(30, 6, 2021), 123, "250 × 181/365 = 123.97"},
		{date(31, 12, 2021), 250, "the year's quota, exactly"},
		{date(1, 1, 2022), 250, "250 + 350 × 1/365 = 250.96: across the year boundary"},
		{date(30, 6, 2022), 423, "250 + 350 × 181/365 = 423.56"},
		{date(31, 12, 2022), 600, "250 + 350"},
		{date(31, 12, 2023), 899, "600 + 299.73"},
		{date(29, 2, 2024), 948, "899.73 + 900 × 60/1096 = 948.99: the leap day counts"},
		{date(1, 3, 2024), 949, "899.73 + 900 × 61/1096 = 949.82"},
		{date(31, 12, 2025), 1500, "the term quota"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, plan.Expected(pace, c.on), "%s: %s", c.on, c.why)
	}

	// Yearly quotas for every year that do not add up to the term quota
	// are scaled to it: 400 and 400 for a term of 600 plan 300 a year.
	over := quota.TermPlan{Term: quota.Term{From: 2023, To: 2024}, Quota: 600, Yearly: map[int]int{2023: 400, 2024: 400}}
	assert.Equal(t, 300, over.Expected(pace, date(31, 12, 2023)))
	assert.Equal(t, 450, over.Expected(pace, date(1, 7, 2024)), "300 + 300 × 183/366 = 450, 2024 being leap")
	under := quota.TermPlan{Term: quota.Term{From: 2023, To: 2024}, Quota: 600, Yearly: map[int]int{2023: 100, 2024: 200}}
	assert.Equal(t, 200, under.Expected(pace, date(31, 12, 2023)), "100 of 300 is a third of 600")

	// Yearly quotas leaving nothing for the other years: those plan none.
	full := quota.TermPlan{Term: quota.Term{From: 2021, To: 2023}, Quota: 300, Yearly: map[int]int{2021: 150, 2022: 150}}
	assert.Equal(t, 300, full.Expected(pace, date(31, 12, 2022)))
	assert.Equal(t, []float64{150, 150, 0}, full.YearShares())

	// Milestones of the yearly pace apply inside each year: 50% by 30/06.
	ms := quota.Pace{Mode: quota.PaceLinear, Milestones: []quota.Milestone{{Month: 6, Day: 30, Percent: 50}}}
	assert.Equal(t, 425, plan.Expected(ms, date(30, 6, 2022)), "250 + 350 × 50% = 425")
}

func TestTermProgress(t *testing.T) {
	plan := quota.TermPlan{Term: quota.Term{From: 2021, To: 2025}, Quota: 1500}
	p := quota.NewTermProgress("DU_A", plan, 612, date(1, 1, 2024), quota.Pace{Mode: quota.PaceLinear})
	assert.Equal(t, 900, p.Expected)
	assert.Equal(t, 288, p.Shortfall())
	assert.True(t, p.Behind())
	assert.False(t, p.Met())
	assert.InDelta(t, 40.8, p.Percent(), 0.01)
	assert.Equal(t, quota.StatusBehind, p.Status())
	assert.Equal(t, 0, p.Year)
	assert.Equal(t, "DU_A 2021-2025: 612/1500 expected 900", p.String())
}
