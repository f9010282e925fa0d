package main

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/config"
)

// TestReminderHeldAcrossTet: with Tết Bính Ngọ listed as days off, the
// Monday reminder of 16/02/2026 does not go out during Tết, nor at
// night, and goes out once at 07:00 on 23/02, the first allowed moment;
// the regular 08:00 run that morning does not repeat it. A secretary who
// writes during Tết is answered at once.
func TestReminderHeldAcrossTet(t *testing.T) {
	h, cfg := scheduleHarness(t)
	cfg.Quiet.Holidays = append(cfg.Quiet.Holidays, "14/02/2026-22/02/2026")
	require.NoError(t, reparse(cfg))
	require.NoError(t, h.DB.SetLastRun("reminders", bottest.At(2026, 2, 9, 8, 0)))
	s := newTestScheduler(t, h, cfg)
	ctx := context.Background()

	for _, now := range []struct{ d, hh, mm int }{{16, 8, 5}, {18, 10, 0}, {22, 23, 0}, {23, 6, 59}} {
		h.Clock.Set(bottest.At(2026, 2, now.d, now.hh, now.mm))
		s.MakeUp(ctx)
		settle(t, h)
		assert.Empty(t, h.Fake.SentTo(scheduleSecretary), "nothing scheduled goes out on %02d/02 %02d:%02d", now.d, now.hh, now.mm)
	}

	// A reply is never held, Tết or night.
	h.Clock.Set(bottest.At(2026, 2, 17, 23, 30))
	assert.Contains(t, h.Reply(bottest.User(scheduleSecretary), "/status"), "0/12")
	before := len(h.Fake.SentTo(scheduleSecretary))

	h.Clock.Set(bottest.At(2026, 2, 23, 7, 10))
	s.MakeUp(ctx)
	s.MakeUp(ctx)
	settle(t, h)
	got := h.Fake.SentTo(scheduleSecretary)[before:]
	require.Len(t, got, 1, "the held reminder goes out once")
	assert.Contains(t, got[0].Plain(), "0/12")
	last, err := h.DB.LastRun("reminders")
	require.NoError(t, err)
	assert.True(t, bottest.At(2026, 2, 23, 7, 0).Equal(last), "run for its release: %v", last)

	h.Clock.Set(bottest.At(2026, 2, 23, 8, 5))
	s.MakeUp(ctx)
	settle(t, h)
	assert.Len(t, h.Fake.SentTo(scheduleSecretary)[before:], 1, "the 08:00 run does not repeat it")

	// The next Monday runs as usual.
	h.Clock.Set(bottest.At(2026, 3, 2, 8, 5))
	s.MakeUp(ctx)
	settle(t, h)
	assert.Len(t, h.Fake.SentTo(scheduleSecretary)[before:], 2)
}

// reparse validates a configuration changed in a test, as loading does.
func reparse(cfg *config.Config) error {
	out, err := config.Parse([]byte(cfg.Redacted()), nil)
	if err != nil {
		return err
	}
	cfg.Quiet = out.Quiet
	return nil
}
