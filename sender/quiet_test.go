package sender_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/scheduler"
)

// A reminder run that began before the quiet hours does not go on into
// them: its queued messages wait for the morning, while replies go at
// once.
func TestBulkHeldInQuietHoursRepliesAreNot(t *testing.T) {
	from, to, err := scheduler.ParseQuietHours("21:00-07:00")
	require.NoError(t, err)
	h := bottest.New(t, func(c *bottest.Config) {
		c.Options.Quiet = scheduler.Quiet{From: from, To: to}
	})
	h.Clock.Set(bottest.At(2026, 6, 16, 21, 30))
	for _, chat := range []int64{10_001, 10_002, 10_003} {
		enqueue(t, h, chat, "nhắc việc")
	}
	nudge(t, h, 501)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err = h.Fake.WaitSentTo(ctx, 501, 1)
	require.NoError(t, err, "a reply goes out at night")

	// The sender looks again at every wake; none sends a held message.
	for range 5 {
		h.Sender.Wake()
		time.Sleep(40 * time.Millisecond)
	}
	for _, chat := range []int64{10_001, 10_002, 10_003} {
		assert.Empty(t, h.Fake.SentTo(chat), "nothing bulk at 21:30")
	}

	h.Clock.Set(bottest.At(2026, 6, 17, 7, 0))
	h.Sender.Wake()
	require.NoError(t, h.Sender.WaitIdle(ctx))
	for _, chat := range []int64{10_001, 10_002, 10_003} {
		assert.Len(t, h.Fake.SentTo(chat), 1, "sent in the morning, once")
	}
}

// /remind at night queues the reminders and tells the admin when they go.
func TestRemindAtNightSaysWhen(t *testing.T) {
	from, to, err := scheduler.ParseQuietHours("21:00-07:00")
	require.NoError(t, err)
	h := bottest.New(t, func(c *bottest.Config) {
		c.Options.Quiet = scheduler.Quiet{From: from, To: to}
	})
	addBehind(t, h, 2, 20_000)
	h.Clock.Set(bottest.At(2026, 6, 16, 22, 15))
	// The reply goes at once; the reminders stay queued, so the outbox is
	// not waited empty.
	h.Fake.SendText(bottest.User(bottest.AdminID), "/remind")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	replies, err := h.Fake.WaitSentTo(ctx, bottest.AdminID, 1)
	require.NoError(t, err)
	got := bottest.Plain(replies)
	assert.Contains(t, got, "2 tin nhắc việc")
	assert.Contains(t, got, "07:00 17/06/2026")
	assert.Empty(t, h.Fake.SentTo(20_000), "held until the morning")

	h.Clock.Set(bottest.At(2026, 6, 17, 9, 0))
	got = h.Reply(bottest.User(bottest.AdminID), "/remind")
	assert.NotContains(t, got, "ngoài giờ", "in the day nothing is held")
}
