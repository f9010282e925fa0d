package quota_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
)

func date(d, m, y int) quota.Date { return quota.Date{Year: y, Month: time.Month(m), Day: d} }

func TestParseDateAcceptsUsualForms(t *testing.T) {
	cases := map[string]quota.Date{
		"15/03/2026":     date(15, 3, 2026),
		"5/3/2026":       date(5, 3, 2026),
		"15-03-2026":     date(15, 3, 2026),
		"15.03.2026":     date(15, 3, 2026),
		"15/03/26":       date(15, 3, 2026),
		"1.1.25":         date(1, 1, 2025),
		"  29/02/2024  ": date(29, 2, 2024),
		"31/12/2026":     date(31, 12, 2026),
		"01/01/1930":     date(1, 1, 1930),
		"31/12/2200":     date(31, 12, 2200),
	}
	for in, want := range cases {
		got, err := quota.ParseDate(in)
		if assert.NoError(t, err, in) {
			assert.Equal(t, want, got, in)
		}
	}
}

func TestParseDateRefusesBadInput(t *testing.T) {
	bad := []string{"", "abc", "1/2", "1/2/3/4", "01/02/2026x", "aa/02/2026", "01/02/026",
		"01/02/2", "01/02/20266", "01/02/1929", "01/02/2201", "01/02/0026", "１/02/2026"}
	for _, in := range bad {
		_, err := quota.ParseDate(in)
		assert.ErrorIs(t, err, quota.ErrBadDate, "%q", in)
		assert.NotErrorIs(t, err, quota.ErrImpossibleDate, "%q", in)
	}
}

func TestParseDateSaysWhatIsWrong(t *testing.T) {
	_, err := quota.ParseDate("2026-03-01")
	var order *quota.OtherOrderError
	require.ErrorAs(t, err, &order, "year first is another order, not an impossible day")
	assert.Equal(t, date(1, 3, 2026), order.Meant)
	assert.NotErrorIs(t, err, quota.ErrImpossibleDate)
	for _, in := range []string{"01/03/1900", "01/02/2201", "01/02/0026"} {
		_, err := quota.ParseDate(in)
		assert.ErrorIs(t, err, quota.ErrDateYearRange, in)
		var ye *quota.DateYearError
		require.ErrorAs(t, err, &ye, in)
	}
	_, err = quota.ParseDate("2026-02-31")
	assert.NotErrorIs(t, err, quota.ErrDateOtherOrder, "no such day in either order")
}

func TestParseDateRefusesImpossibleDays(t *testing.T) {
	for _, in := range []string{"31/02/2026", "29/02/2025", "01/13/2026", "00/01/2026", "01/00/2026", "31/04/2026", "32/01/2026"} {
		_, err := quota.ParseDate(in)
		assert.ErrorIs(t, err, quota.ErrImpossibleDate, "%q", in)
	}
}

func TestDateStringRoundTrips(t *testing.T) {
	d := date(5, 3, 2026)
	assert.Equal(t, "05/03/2026", d.String())
	got, err := quota.ParseDate(d.String())
	require.NoError(t, err)
	assert.Equal(t, d, got)
	assert.Equal(t, d, quota.DateFromKey(d.Key()))
	assert.Equal(t, uint32(20260305), d.Key())
}

func TestNewDate(t *testing.T) {
	_, ok := quota.NewDate(2026, time.February, 31)
	assert.False(t, ok)
	d, ok := quota.NewDate(2024, time.February, 29)
	assert.True(t, ok)
	assert.Equal(t, date(29, 2, 2024), d)
}

func TestDateOrderAndArithmetic(t *testing.T) {
	a, b := date(31, 12, 2025), date(1, 1, 2026)
	assert.True(t, a.Before(b))
	assert.False(t, b.Before(a))
	assert.Equal(t, 0, a.Compare(a))
	assert.Equal(t, -1, date(1, 2, 2026).Compare(date(2, 2, 2026)))
	assert.Equal(t, 1, date(1, 3, 2026).Compare(date(28, 2, 2026)))
	assert.Equal(t, b, a.AddDays(1))
	assert.Equal(t, date(1, 3, 2024), date(28, 2, 2024).AddDays(2))
	assert.Equal(t, 1, b.DayOfYear())
	assert.Equal(t, 366, date(31, 12, 2024).DayOfYear())
	assert.Equal(t, 365, quota.DaysInYear(2026))
	assert.Equal(t, 366, quota.DaysInYear(2024))
	assert.True(t, quota.Date{}.IsZero())
	assert.False(t, a.IsZero())
	loc := time.FixedZone("ICT", 7*3600)
	// 23:30 UTC on 31/12 is already 1 January in Ho Chi Minh City.
	assert.Equal(t, b, quota.DateOf(time.Date(2025, 12, 31, 23, 30, 0, 0, time.UTC).In(loc)))
}

func TestProbationEnd(t *testing.T) {
	assert.Equal(t, date(15, 3, 2027), quota.ProbationEnd(date(15, 3, 2026)))
	assert.Equal(t, date(28, 2, 2025), quota.ProbationEnd(date(29, 2, 2024)))
	assert.Equal(t, date(31, 12, 2027), quota.ProbationEnd(date(31, 12, 2026)))
	assert.Equal(t, date(28, 2, 2027), quota.ProbationEnd(date(28, 2, 2026)))
}

func TestSameDayInYear(t *testing.T) {
	assert.Equal(t, date(29, 2, 2028), date(29, 2, 2024).SameDayInYear(2028))
	assert.Equal(t, date(28, 2, 2026), date(29, 2, 2024).SameDayInYear(2026))
	assert.Equal(t, date(1, 3, 2023), date(1, 3, 2024).SameDayInYear(2023))
}
