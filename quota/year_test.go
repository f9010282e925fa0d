package quota_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
)

func TestYearRule(t *testing.T) {
	today := quota.Date{Year: 2026, Month: 6, Day: 15}
	for _, ok := range []int{2000, 2013, 2026, 2027} {
		assert.NoError(t, quota.CheckYear(ok, today), ok)
	}
	for _, bad := range []int{1800, 1999, 2028, 0} {
		err := quota.CheckYear(bad, today)
		require.ErrorIs(t, err, quota.ErrYearRange, bad)
		var ye *quota.YearRangeError
		require.ErrorAs(t, err, &ye)
		assert.Equal(t, quota.YearRangeError{Year: bad, From: 2000, To: 2027}, *ye)
	}
	y, err := quota.ParseYear(" ", today)
	assert.NoError(t, err)
	assert.Equal(t, 2026, y)
	y, err = quota.ParseYear("2025", today)
	assert.NoError(t, err)
	assert.Equal(t, 2025, y)
	_, err = quota.ParseYear("1999", today)
	assert.ErrorIs(t, err, quota.ErrYearRange)
	for _, bad := range []string{"abc", "26", "20266", "-2026", "２０２６"} {
		_, err = quota.ParseYear(bad, today)
		assert.ErrorIs(t, err, quota.ErrBadYear, bad)
	}
	assert.True(t, quota.LooksLikeYear("1999"))
	assert.False(t, quota.LooksLikeYear("CB_01"))
}

func FuzzParseYear(f *testing.F) {
	today := quota.Date{Year: 2026, Month: 6, Day: 15}
	f.Add("2026")
	f.Add("1999")
	f.Fuzz(func(t *testing.T, s string) {
		y, err := quota.ParseYear(s, today)
		if err == nil && quota.CheckYear(y, today) != nil {
			t.Fatalf("ParseYear(%q) = %d, outside the rule", s, y)
		}
	})
}
