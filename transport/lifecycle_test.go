package transport_test

import (
	"context"
	"net"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/storage"
)

func outboxLen(t *testing.T, db *storage.DB) int {
	t.Helper()
	var n int
	require.NoError(t, db.View(func(tx *storage.Tx) error { n = tx.OutboxLen(); return nil }))
	return n
}

// TestShutdownDrainsTheOutbox: a reply committed just before the stop is
// still sent, although its first try failed, before Run returns.
func TestShutdownDrainsTheOutbox(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := bottest.New(t)
		h.Fake.FailNext("sendMessage", 1, http.StatusInternalServerError, 0)
		id := h.Fake.SendText(bottest.User(7), "/help")
		require.NoError(t, h.Fake.WaitConfirmed(context.Background(), id))
		h.Stop()
		assert.Len(t, h.Fake.SentTo(7), 1, "the reply was sent before the bot stopped")
		assert.Zero(t, outboxLen(t, h.DB))
	})
}

// TestShutdownDrainIsBounded: with Telegram down, the drain gives up after
// the grace and the reply waits in the outbox for the next start.
func TestShutdownDrainIsBounded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := bottest.New(t)
		id := h.Fake.SendText(bottest.User(7), "/help")
		require.NoError(t, h.Fake.WaitConfirmed(context.Background(), id))
		h.Fake.SetDown(true)
		start := time.Now()
		h.Stop()
		took := time.Since(start)
		assert.Less(t, took, 8*time.Second, "the stop waited past the grace")
		assert.Empty(t, h.Fake.SentTo(7))
		assert.Equal(t, 1, outboxLen(t, h.DB), "the reply is kept for the next start")
	})
}

// TestWebhookShutdownStopsIntakeFirst: once RunWebhook returns, the port
// takes no more updates, and the reply to the last one was sent.
func TestWebhookShutdownStopsIntakeFirst(t *testing.T) {
	h, _ := webhookHarness(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	hookURL := "http://" + ln.Addr().String() + "/hook"
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.Transport.RunWebhook(ctx, ln, hookURL, hookSecret) }()
	wait, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for url, _ := h.Fake.Webhook(); url != hookURL; url, _ = h.Fake.Webhook() {
		select {
		case <-wait.Done():
			t.Fatal("the webhook was not set")
		case <-time.After(10 * time.Millisecond):
		}
	}
	h.Fake.SendText(bottest.User(7), "/report Lê Văn Cường")
	n, err := h.Fake.DeliverWebhook(wait)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	stop()
	require.NoError(t, <-done)
	assert.Len(t, h.Fake.SentTo(7), 1, "the reply was sent before the stop ended")
	assert.Zero(t, outboxLen(t, h.DB))

	h.Fake.SendText(bottest.User(7), "/status")
	_, err = h.Fake.DeliverWebhook(wait)
	assert.Error(t, err, "an update after the stop reached the bot")
	assert.Equal(t, 1, h.Tally(2026, "CB_01").Admitted)
}
