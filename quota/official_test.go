package quota_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
)

func TestRecognitionNotBeforeTheProbationEnds(t *testing.T) {
	admitted := quota.Date{Year: 2025, Month: 12, Day: 20}
	today := quota.Date{Year: 2027, Month: 1, Day: 10}
	err := quota.CheckRecognition(admitted, quota.Date{Year: 2026, Month: 12, Day: 1}, today)
	require.ErrorIs(t, err, quota.ErrRecognitionEarly)
	var early *quota.RecognitionEarlyError
	require.ErrorAs(t, err, &early)
	assert.Equal(t, quota.Date{Year: 2026, Month: 12, Day: 20}, early.AllowedFrom)

	assert.NoError(t, quota.CheckRecognition(admitted, quota.Date{Year: 2026, Month: 12, Day: 20}, today))
	assert.ErrorIs(t, quota.CheckRecognition(admitted, quota.Date{Year: 2027, Month: 1, Day: 11}, today), quota.ErrFutureDate)
	// 29/02 ends on 28/02 a year later.
	leap := quota.Date{Year: 2024, Month: 2, Day: 29}
	assert.NoError(t, quota.CheckRecognition(leap, quota.Date{Year: 2025, Month: 2, Day: 28}, today))
}

func TestDeactivatedOrgCountsBeforeItsDeactivationOnly(t *testing.T) {
	o := quota.Org{Code: "CB_01"}
	on := quota.Date{Year: 2026, Month: 6, Day: 15}
	assert.True(t, o.CountsOn(on))
	o.Deactivate(quota.Date{Year: 2026, Month: 3, Day: 1})
	assert.False(t, o.CountsOn(on))
	assert.False(t, o.CountsOn(quota.Date{Year: 2026, Month: 3, Day: 1}), "from the day of its deactivation on")
	assert.True(t, o.CountsOn(quota.Date{Year: 2025, Month: 12, Day: 31}), "its history stays")
	assert.False(t, quota.Org{Inactive: true}.CountsOn(on), "an undated deactivation counts nowhere")
	o.Reactivate()
	assert.True(t, o.CountsOn(on))
}
