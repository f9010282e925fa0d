package quota_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"quotabot/quota"
)

func TestStreakCountsOnlyRemindersQueuedToSomeone(t *testing.T) {
	var s quota.Streak
	s, ok := s.Reminded("r1", 2026, 2, 1)
	assert.True(t, ok)
	s, _ = s.Reminded("r1", 2026, 2, 1)
	assert.Equal(t, 1, s.Count, "a run counts once")
	s, _ = s.Reminded("r2", 2026, 2, 2)
	s, _ = s.Reminded("r3", 2026, 2, 1)
	assert.True(t, s.Escalates(2026, 2, 3))
	assert.False(t, s.Escalates(2026, 3, 3), "an admission since ends it")
	assert.False(t, s.Escalates(2027, 2, 3))

	_, ok = s.Reminded("r4", 2026, 2, 0)
	assert.False(t, ok, "a run that reminded nobody ends the streak")
	s, _ = s.Reminded("r4", 2026, 3, 1)
	assert.Equal(t, 1, s.Count, "a new admission starts afresh")
}
