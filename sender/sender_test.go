package sender_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/telegramfake"
)

// addBehind creates n organizations with nothing admitted, so all are
// behind, each with one secretary; it returns the secretaries' ids.
func addBehind(t *testing.T, h *bottest.Harness, n int, firstID int64) []int64 {
	t.Helper()
	ids := make([]int64, n)
	err := h.DB.Update(func(tx *storage.Tx) error {
		for i := range n {
			code := fmt.Sprintf("ORG_%04d", i)
			if _, err := tx.PutOrg(quota.Org{Code: code, Name: "Chi bộ " + code}); err != nil {
				return err
			}
			if _, err := tx.SetQuota(2026, code, 12); err != nil {
				return err
			}
			ids[i] = firstID + int64(i)
			u := quota.User{ID: ids[i], Role: quota.RoleSecretary, Orgs: []string{code}, ChatID: ids[i], Lang: "vi"}
			if _, err := tx.PutUser(u); err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(t, err)
	return ids
}

// callsTo counts the sendMessage requests to a chat, failed ones included.
func callsTo(h *bottest.Harness, chatID int64) int {
	n := 0
	for _, c := range h.Fake.Calls("sendMessage") {
		if c.Params["chat_id"] == strconv.FormatInt(chatID, 10) {
			n++
		}
	}
	return n
}

// enqueue puts messages straight into the outbox, as a handler would.
func enqueue(t *testing.T, h *bottest.Harness, chatID int64, texts ...string) {
	t.Helper()
	require.NoError(t, h.DB.Update(func(tx *storage.Tx) error {
		for _, s := range texts {
			if _, err := tx.Enqueue(storage.PriorityBulk, storage.Outgoing{Kind: storage.KindMessage, ChatID: chatID, Text: s, QueuedAt: h.Clock.Now()}); err != nil {
				return err
			}
		}
		return nil
	}))
}

// nudge has someone write to the bot, which wakes the sender, and waits
// until the update is committed.
func nudge(t *testing.T, h *bottest.Harness, from int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, h.Fake.WaitConfirmed(ctx, h.Fake.SendText(bottest.User(from), "/help")))
}

// perChat counts the messages each chat received.
func perChat(sent []telegramfake.Sent) map[int64]int {
	n := map[int64]int{}
	for _, m := range sent {
		n[m.ChatID]++
	}
	return n
}

func TestRepliesGoAheadOfQueuedReminders(t *testing.T) {
	synctest.Test(t, testRepliesGoAheadOfQueuedReminders)
}

func testRepliesGoAheadOfQueuedReminders(t *testing.T) {
	h := bottest.New(t)
	addBehind(t, h, 300, 10_000)
	const leader = 501
	h.Register(leader, quota.RoleLeader)

	require.NoError(t, h.Jobs.Reminders(context.Background(), bottest.RemindMonday))
	before := len(h.Fake.Sent())
	h.Fake.SendText(bottest.User(leader), "/status")

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := h.Fake.WaitSentTo(ctx, leader, 1)
	require.NoError(t, err)
	sent := h.Fake.Sent()
	pos := -1
	for i, m := range sent {
		if m.ChatID == leader {
			pos = i
			break
		}
	}
	require.GreaterOrEqual(t, pos, before)
	assert.Less(t, pos-before, 40, "the reply waited behind %d reminders", pos-before)
	assert.Less(t, pos, 300, "the reply went before most reminders")
	assert.Contains(t, sent[pos].Plain(), "0/3.600")
}

func TestBlockedUserIsMarkedUnreachable(t *testing.T) {
	synctest.Test(t, testBlockedUserIsMarkedUnreachable)
}

func testBlockedUserIsMarkedUnreachable(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("A", "Chi bộ A", "", 2026, 12)
	h.Register(201, quota.RoleSecretary, "A")
	h.Register(202, quota.RoleSecretary, "A")
	h.Fake.BlockChat(201)

	h.RunJob(h.Jobs.Reminders, bottest.RemindMonday)

	assert.Empty(t, h.Fake.SentTo(201))
	assert.Len(t, h.Fake.SentTo(202), 1, "the other secretary is not held up")
	assert.Equal(t, 1, callsTo(h, 201), "a 403 is not retried")
	assert.Equal(t, 1, h.Sender.Stats().Blocked)
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error {
		u, err := tx.User(201)
		require.NoError(t, err)
		assert.True(t, u.Unreachable)
		u, err = tx.User(202)
		require.NoError(t, err)
		assert.False(t, u.Unreachable)
		assert.Zero(t, tx.OutboxLen())
		return nil
	}))

	// Later runs leave the unreachable user out.
	h.RunJob(h.Jobs.Reminders, bottest.RemindMonday.AddDate(0, 0, 7))
	assert.Equal(t, 1, callsTo(h, 201))
	assert.Len(t, h.Fake.SentTo(202), 2)
}

func TestTooManyRequestsIsHonoured(t *testing.T) { synctest.Test(t, testTooManyRequestsIsHonoured) }

func testTooManyRequestsIsHonoured(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("A", "Chi bộ A", "", 2026, 12)
	h.Register(301, quota.RoleSecretary, "A")
	h.Fake.FailNext("sendMessage", 1, 429, 1)

	start := time.Now()
	h.RunJob(h.Jobs.Reminders, bottest.RemindMonday)

	assert.GreaterOrEqual(t, time.Since(start), time.Second, "retry_after was not waited out")
	assert.Len(t, h.Fake.SentTo(301), 1)
	assert.Equal(t, 2, callsTo(h, 301))
	st := h.Sender.Stats()
	assert.Equal(t, 1, st.TooMany)
	assert.Equal(t, 1, st.Sent)
}

func TestServerErrorsAreRetried(t *testing.T) { synctest.Test(t, testServerErrorsAreRetried) }

func testServerErrorsAreRetried(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("A", "Chi bộ A", "", 2026, 12)
	h.Register(401, quota.RoleSecretary, "A")
	h.Fake.FailNext("sendMessage", 2, 500, 0)

	h.RunJob(h.Jobs.Reminders, bottest.RemindMonday)

	assert.Len(t, h.Fake.SentTo(401), 1)
	assert.Equal(t, 3, callsTo(h, 401))
}

func TestMessagesFollowAGroupToItsSupergroup(t *testing.T) {
	synctest.Test(t, testMessagesFollowAGroupToItsSupergroup)
}

func testMessagesFollowAGroupToItsSupergroup(t *testing.T) {
	h := bottest.New(t)
	const oldID, newID int64 = -4100, -1000000004100
	h.Fake.MigrateChat(oldID, newID)
	enqueue(t, h, oldID, "một", "hai")
	nudge(t, h, 7)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	got, err := h.Fake.WaitSentTo(ctx, newID, 2)
	require.NoError(t, err, "every message queued to the old group reaches the new one")
	assert.Equal(t, "một", got[0].Text)
	assert.Equal(t, "hai", got[1].Text)
	h.Drain(10 * time.Second)
	assert.Empty(t, h.Fake.SentTo(oldID))
	assert.Len(t, h.Fake.SentTo(newID), 2)
}

func TestGroupChatLimit(t *testing.T) { synctest.Test(t, testGroupChatLimit) }

func testGroupChatLimit(t *testing.T) {
	h := bottest.New(t, func(c *bottest.Config) {
		c.Options.PerGroupPerMinute = 3
		c.FakeOptions = []telegramfake.Option{telegramfake.WithLimits(30, 3)}
	})
	const group int64 = -4200
	enqueue(t, h, group, "1", "2", "3", "4", "5")
	nudge(t, h, 8)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	got, err := h.Fake.WaitSentTo(ctx, group, 3)
	require.NoError(t, err)
	assert.Len(t, got, 3)
	// The user's reply is not held up by the group's limit.
	_, err = h.Fake.WaitSentTo(ctx, 8, 1)
	require.NoError(t, err)

	// The fourth must wait for the group's minute; two seconds show it does.
	hold, cancelHold := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancelHold()
	got, err = h.Fake.WaitSentTo(hold, group, 4)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Len(t, got, 3)
	assert.Zero(t, h.Fake.Violations())
	assert.Equal(t, 3, callsTo(h, group), "the held messages were not tried")
}

func TestOutboxSurvivesARestart(t *testing.T) { synctest.Test(t, testOutboxSurvivesARestart) }

func testOutboxSurvivesARestart(t *testing.T) {
	h := bottest.New(t)
	ids := addBehind(t, h, 20, 20_000)
	h.Fake.SetDown(true)

	require.NoError(t, h.Jobs.Reminders(context.Background(), bottest.RemindMonday))
	h.Stop()
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error {
		assert.Equal(t, 20, tx.OutboxLen(), "queued durably while Telegram was unreachable")
		return nil
	}))
	assert.Empty(t, h.Fake.Sent())

	h.Fake.SetDown(false)
	h.Start()
	h.Drain(30 * time.Second)
	counts := perChat(h.Fake.Sent())
	for _, id := range ids {
		assert.Equal(t, 1, counts[id], "secretary %d", id)
	}
	assert.Len(t, h.Fake.Sent(), 20)
}

func fanOut(t *testing.T, faults bool) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) { fanOutInBubble(t, faults) })
}

// fanOutInBubble runs in virtual time: the sender's windows and the fake's
// flood limiter count the same clock, which moves only while both wait.
func fanOutInBubble(t *testing.T, faults bool) {
	h := bottest.New(t, func(c *bottest.Config) { c.NoSync = true })
	ids := addBehind(t, h, 600, 100_000)
	if faults {
		h.Fake.SetFaultRate(0.05, 20260615, 429, 1)
	}

	start := time.Now()
	require.NoError(t, h.Jobs.Reminders(context.Background(), bottest.RemindMonday))
	h.Drain(2 * time.Minute)
	took := time.Since(start)

	sent := h.Fake.Sent()
	counts := perChat(sent)
	for _, id := range ids {
		if !assert.Equal(t, 1, counts[id], "secretary %d", id) {
			break
		}
	}
	assert.Len(t, sent, 600)
	assert.Zero(t, h.Fake.Violations(), "the sender exceeded Telegram's limits")
	st := h.Sender.Stats()
	if faults {
		assert.Positive(t, st.TooMany, "no fault was injected")
	}
	t.Logf("600 reminders in %v (%.1f/s), %d answered 429", took.Round(time.Millisecond), 600/took.Seconds(), st.TooMany)
}

func TestFanOutWithinLimits(t *testing.T) { fanOut(t, false) }

func TestFanOutWithFaultsLosesAndRepeatsNothing(t *testing.T) { fanOut(t, true) }
