package sender_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/storage"
)

func queueReplies(t *testing.T, h *bottest.Harness, chatID int64, texts ...string) {
	t.Helper()
	require.NoError(t, h.DB.Update(func(tx *storage.Tx) error {
		for _, s := range texts {
			if _, err := tx.Enqueue(storage.PriorityReply, storage.Outgoing{Kind: storage.KindMessage, ChatID: chatID, Text: s, QueuedAt: h.Clock.Now()}); err != nil {
				return err
			}
		}
		return nil
	}))
}

func outboxLen(t *testing.T, h *bottest.Harness) int {
	t.Helper()
	n := 0
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error { n = tx.OutboxLen(); return nil }))
	return n
}

// A reply sent at once after its commit reaches Telegram before
// SendReplyNow returns and leaves the outbox; racing the loop that drains
// the outbox, every reply still goes exactly once and in its chat's order.
func TestSendReplyNow(t *testing.T) {
	synctest.Test(t, testSendReplyNow)
}

func testSendReplyNow(t *testing.T) {
	h := bottest.New(t)
	ctx := context.Background()
	time.Sleep(2 * time.Second) // the window a start counts as full has passed

	queueReplies(t, h, 301, "một")
	assert.True(t, h.Sender.SendReplyNow(ctx, 301))
	require.Len(t, h.Fake.SentTo(301), 1, "sent by the caller, not later")
	assert.Equal(t, "một", h.Fake.SentTo(301)[0].Plain())
	assert.Zero(t, outboxLen(t, h), "the entry goes once Telegram took the message")

	// Nothing queued for the chat: nothing sent, no error.
	assert.False(t, h.Sender.SendReplyNow(ctx, 302))

	// Many chats at once, each with two replies, while the loop drains
	// the outbox too: the limits still hold and no reply goes twice.
	const chats = 40
	for i := range chats {
		queueReplies(t, h, int64(400+i), fmt.Sprintf("%d-a", i), fmt.Sprintf("%d-b", i))
	}
	h.Sender.Wake()
	var wg sync.WaitGroup
	for i := range chats {
		wg.Add(1)
		go func() { defer wg.Done(); h.Sender.SendReplyNow(ctx, int64(400+i)) }()
	}
	wg.Wait()
	wctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	require.NoError(t, h.Sender.WaitIdle(wctx))
	for i := range chats {
		got := h.Fake.SentTo(int64(400 + i))
		require.Len(t, got, 2, "chat %d", 400+i)
		assert.Equal(t, fmt.Sprintf("%d-a", i), got[0].Plain())
		assert.Equal(t, fmt.Sprintf("%d-b", i), got[1].Plain())
	}
	assert.Zero(t, h.Fake.Violations(), "no send over Telegram's limit")
}

// A sender that does not run sends nothing at once: the reply waits in
// the outbox for the loop.
func TestSendReplyNowNeedsTheLoop(t *testing.T) {
	h := bottest.New(t, func(c *bottest.Config) { c.NoRun = true })
	queueReplies(t, h, 301, "một")
	assert.False(t, h.Sender.SendReplyNow(context.Background(), 301))
	assert.Empty(t, h.Fake.SentTo(301))
	assert.Equal(t, 1, outboxLen(t, h))
}
