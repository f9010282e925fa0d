package quota_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"quotabot/quota"
)

func TestBaseReach(t *testing.T) {
	bases := []quota.Org{{Code: "CB_02"}, {Code: "CB_01"}, {Code: "DU_TCT"}, {Code: "CB_03"}, {Code: "CB_OLD", Inactive: true},
		{Code: "CB_11", Parent: "DU_TCT"}}
	admitting := map[string]bool{"CB_01": true, "DU_TCT": true, "CB_OLD": true}
	r := quota.NewBaseReach(2026, bases, func(code string) bool { return admitting[code] })
	assert.Equal(t, quota.BaseReach{Year: 2026, Bases: 4, Admitting: 2, None: []string{"CB_02", "CB_03"}}, r,
		"the inactive one and the cell are not base organizations")
	assert.True(t, quota.IsBase(quota.Org{Code: "X"}))
	assert.False(t, quota.IsBase(quota.Org{Code: "X", Parent: "Y"}))
}

func TestTermAtRisk(t *testing.T) {
	plan := quota.TermPlan{Term: quota.Term{From: 2021, To: 2025}, Quota: 100}
	pace := quota.Pace{Mode: quota.PaceLinear}
	early := quota.NewTermProgress("A", plan, 20, date(1, 6, 2023), pace)
	assert.False(t, quota.TermAtRisk(early, 0), "two and a half years left: behind, not at risk")
	last := quota.NewTermProgress("A", plan, 80, date(1, 6, 2025), pace)
	assert.True(t, quota.TermAtRisk(last, 10), "80 + 10 < 100 in the last year")
	assert.False(t, quota.TermAtRisk(last, 20))
	year := quota.NewProgress("A", 2025, date(1, 6, 2025), quota.Tally{Quota: 100, Admitted: 1}, pace)
	assert.False(t, quota.TermAtRisk(year, 0), "a yearly progress is not a term's")
}

func TestPriorSpan(t *testing.T) {
	s, ok := quota.PriorSpan(2019, 2013)
	assert.True(t, ok)
	assert.Equal(t, quota.Term{From: 2013, To: 2018}, s)
	_, ok = quota.PriorSpan(2019, 2019)
	assert.False(t, ok)
	_, ok = quota.PriorSpan(2019, 0)
	assert.False(t, ok)
	s, _ = quota.PriorSpan(2026, 1990)
	assert.Equal(t, quota.Term{From: 2006, To: 2025}, s, "at most twenty years")
	assert.NoError(t, s.Validate())
}

func TestDriver(t *testing.T) {
	assert.True(t, quota.Driver("").Year())
	assert.False(t, quota.Driver("").Term())
	assert.True(t, quota.DriveYear.Year())
	assert.False(t, quota.DriveTerm.Year())
	assert.True(t, quota.DriveTerm.Term())
	assert.True(t, quota.DriveBoth.Year())
	assert.True(t, quota.DriveBoth.Term())
}

func TestTermSummaryAtRisk(t *testing.T) {
	pace := quota.Pace{Mode: quota.PaceLinear}
	tm := quota.Term{From: 2021, To: 2025}
	z := quota.NewTermSummarizer(tm, date(1, 6, 2024), 3)
	plan := quota.TermPlan{Term: tm, Quota: 100}
	z.AddWithPipeline(quota.NewTermProgress("A", plan, 10, date(1, 6, 2024), pace), 0)
	s := z.Summary()
	assert.Equal(t, tm, s.Term)
	assert.Zero(t, s.Year)
	assert.Equal(t, 1, s.Behind)
	assert.Zero(t, s.AtRisk, "not the term's last year")
	z = quota.NewTermSummarizer(tm, date(1, 6, 2025), 3)
	z.AddWithPipeline(quota.NewTermProgress("A", plan, 10, date(1, 6, 2025), pace), 5)
	assert.Equal(t, 1, z.Summary().AtRisk)
}
