package quota_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
)

func TestParseDecision(t *testing.T) {
	want := quota.Decision{Number: "2323-QĐ/ĐUK", Date: date(11, 4, 2019)}
	for _, s := range []string{
		"2323-QĐ/ĐUK, 11/4/2019",
		"2323-QĐ/ĐUK ngày 11/4/2019",
		"Quyết định số 2323-QĐ/ĐUK ngày 11/04/2019",
		"Kèm theo Quyết định số 2323-QĐ/ĐUK, ngày 11/4/2019 của Ban Thường vụ Đảng ủy Khối",
		"(Kèm theo Quyết định số 2323-QĐ/ĐUK ngày 11 tháng 4 năm 2019)",
		"decision no. 2323-QĐ/ĐUK dated 11/4/2019",
	} {
		got, err := quota.ParseDecision(s)
		require.NoError(t, err, s)
		assert.Equal(t, want, got, s)
	}
	got, err := quota.ParseDecision("15-QĐ/ĐU")
	require.NoError(t, err)
	assert.Equal(t, quota.Decision{Number: "15-QĐ/ĐU"}, got, "the date may be missing")
	assert.Equal(t, "15-QĐ/ĐU", got.String())
	got, err = quota.ParseDecision("ngày 11/4/2019")
	require.NoError(t, err)
	assert.Equal(t, quota.Decision{Date: date(11, 4, 2019)}, got, "the number may be missing")
	assert.Equal(t, "2323-QĐ/ĐUK, 11/04/2019", want.String())
	assert.True(t, quota.Decision{}.IsZero())

	for _, s := range []string{"", "Quyết định số", "kèm theo", "số ngày", "  "} {
		_, err := quota.ParseDecision(s)
		assert.ErrorIs(t, err, quota.ErrBadQuotaDecision, "%q", s)
	}
}

func TestQuotaRecordKeepsEarlierValues(t *testing.T) {
	d2019 := quota.Decision{Number: "2323-QĐ/ĐUK", Date: date(11, 4, 2019)}
	d2021 := quota.Decision{Number: "150-QĐ/ĐUK", Date: date(5, 3, 2021)}
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	r := quota.QuotaRecord{Org: "DU_A", Term: quota.Term{From: 2021, To: 2025}}

	ch, err := r.Apply(quota.QuotaValue{Quota: 100, Decision: d2019, SetAt: at})
	require.NoError(t, err)
	assert.Equal(t, quota.QuotaSet, ch)
	assert.Empty(t, r.History, "the first value leaves nothing behind")

	ch, err = r.Apply(quota.QuotaValue{Quota: 100, Decision: d2019, SetAt: at.Add(time.Hour)})
	require.NoError(t, err)
	assert.Equal(t, quota.QuotaUnchanged, ch, "the same import twice changes nothing")
	ch, err = r.Apply(quota.QuotaValue{Quota: 100})
	require.NoError(t, err)
	assert.Equal(t, quota.QuotaUnchanged, ch, "the same number with no decision keeps the decision")

	ch, err = r.Apply(quota.QuotaValue{Quota: 120, Decision: d2021, SetAt: at})
	require.NoError(t, err)
	assert.True(t, ch.Changed())
	assert.Equal(t, 120, r.Current.Quota)
	assert.Equal(t, d2021, r.Current.Decision)
	require.Len(t, r.History, 1)
	assert.Equal(t, quota.QuotaValue{Quota: 100, Decision: d2019, SetAt: at}, r.History[0])

	// The old decision imported again does not undo the newer one.
	ch, err = r.Apply(quota.QuotaValue{Quota: 100, Decision: d2019})
	require.NoError(t, err)
	assert.Equal(t, quota.QuotaUnchanged, ch)
	older := quota.Decision{Number: "9-QĐ/ĐUK", Date: date(2, 1, 2019)}
	ch, err = r.Apply(quota.QuotaValue{Quota: 90, Decision: older})
	require.NoError(t, err)
	assert.Equal(t, quota.QuotaEarlier, ch)
	assert.False(t, ch.Changed())
	assert.Equal(t, 120, r.Current.Quota)
	require.Len(t, r.History, 2)
	assert.Equal(t, []int{90, 100}, []int{r.History[0].Quota, r.History[1].Quota}, "history in decision order")

	// A change with no decision (typed in chat) still keeps the trail.
	ch, err = r.Apply(quota.QuotaValue{Quota: 130})
	require.NoError(t, err)
	assert.Equal(t, quota.QuotaSet, ch)
	assert.Len(t, r.History, 3)
	assert.Equal(t, d2021, r.History[2].Decision)

	_, err = r.Apply(quota.QuotaValue{Quota: -1})
	assert.ErrorIs(t, err, quota.ErrNegativeQuota)
	assert.Equal(t, 130, r.Current.Quota)
}

func TestPastYearCounts(t *testing.T) {
	// A year with named admissions ignores an imported total.
	c := quota.CountYear(2019, 152, 140, true)
	assert.Equal(t, quota.YearCount{Year: 2019, Admitted: 152, Source: quota.CountNamed, IgnoredTotal: 140}, c)
	c = quota.CountYear(2018, 0, 310, true)
	assert.Equal(t, quota.YearCount{Year: 2018, Admitted: 310, Source: quota.CountTotal, IgnoredTotal: -1}, c)
	c = quota.CountYear(2017, 0, 0, false)
	assert.Equal(t, quota.CountNone, c.Source)
	c = quota.CountYear(2016, 0, 0, true)
	assert.Equal(t, quota.CountTotal, c.Source, "an imported zero is a figure, not nothing")

	orgs := []quota.YearCount{quota.CountYear(2018, 0, 100, true), quota.CountYear(2018, 0, 200, true)}
	assert.Equal(t, 300, quota.CommitteeYear(2018, orgs, 0, false).Admitted)
	cy := quota.CommitteeYear(2018, orgs, 310, true)
	assert.Equal(t, quota.YearCount{Year: 2018, Admitted: 310, Source: quota.CountTotal, IgnoredTotal: -1}, cy,
		"the committee's own total is the office's figure for a year without names")
	named := []quota.YearCount{quota.CountYear(2019, 2, 0, false), quota.CountYear(2019, 0, 5, true)}
	cy = quota.CommitteeYear(2019, named, 40, true)
	assert.Equal(t, quota.YearCount{Year: 2019, Admitted: 7, Source: quota.CountNamed, IgnoredTotal: 40}, cy)
	// Added one at a time, the named admissions met last still set the
	// committee's own total aside.
	sum := quota.NewYearSum(2019)
	sum.Add(named[1])
	sum.Add(named[0])
	assert.Equal(t, cy, sum.Committee(40, true))
	sum = quota.NewYearSum(2018)
	for _, o := range orgs {
		sum.Add(o)
	}
	assert.Equal(t, quota.CommitteeYear(2018, orgs, 0, false), sum.Committee(0, false))
	assert.Equal(t, quota.YearCount{Year: 2020, IgnoredTotal: -1}, quota.CommitteeYear(2020, nil, 0, false))

	// The letter: 1,823 over 2013-2018.
	per := []int{280, 295, 300, 310, 318, 320}
	var counts []quota.YearCount
	for i, n := range per {
		counts = append(counts, quota.CountYear(2013+i, 0, n, true))
	}
	counts = append(counts, quota.CountYear(2019, 152, 0, false))
	avg := quota.NewAverage(quota.Term{From: 2013, To: 2018}, counts)
	assert.Equal(t, 1823, avg.Total)
	assert.Equal(t, 6, avg.Known)
	assert.InDelta(t, 303.83, avg.PerYear(), 0.01)
	assert.Equal(t, 304, avg.Rounded())
	assert.Equal(t, 300, avg.AsTheLetterSays())
	assert.Equal(t, 45, quota.Average{Span: quota.Term{From: 2020, To: 2021}, Total: 89}.AsTheLetterSays(), "44.5 rounds half up")
	assert.Equal(t, 1200, quota.Average{Span: quota.Term{From: 2020, To: 2021}, Total: 2460}.AsTheLetterSays())

	assert.InDelta(t, 50.6, quota.PercentAsTheLetterSays(152, 300), 1e-9, "the letter's 50,6%: cut, not rounded")
	assert.InDelta(t, 99.9, quota.PercentAsTheLetterSays(9996, 10000), 1e-9)
	assert.InDelta(t, 50.7, quota.PercentAsTheLetterSays(507, 1000), 1e-9, "an exact tenth is kept")
	assert.Zero(t, quota.PercentAsTheLetterSays(3, 0))
}
