package transport_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/quota"
	"quotabot/storage"
)

const hookSecret = "s3cret-Token_1"

// webhookHarness is a bot that does not poll, with one secretary of CB_01
// and the webhook handler served over HTTP.
func webhookHarness(t *testing.T) (*bottest.Harness, *httptest.Server) {
	t.Helper()
	h := bottest.New(t, func(c *bottest.Config) { c.NoRun = true })
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.Register(7, quota.RoleSecretary, "CB_01")
	srv := httptest.NewServer(h.Transport.WebhookHandler(hookSecret))
	t.Cleanup(srv.Close)
	return h, srv
}

// queued takes the update the fake queued as Telegram would post it.
func queued(t *testing.T, h *bottest.Harness, id int64) models.Update {
	t.Helper()
	for _, u := range h.Fake.Pending() {
		if u.ID == id {
			return u
		}
	}
	t.Fatalf("update %d is not pending", id)
	return models.Update{}
}

func post(t *testing.T, url, secret string, body []byte) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	return resp.StatusCode
}

func postUpdate(t *testing.T, url, secret string, u models.Update) int {
	t.Helper()
	body, err := json.Marshal(u)
	require.NoError(t, err)
	return post(t, url, secret, body)
}

func handled(t *testing.T, db *storage.DB, id int64) bool {
	t.Helper()
	var ok bool
	require.NoError(t, db.View(func(tx *storage.Tx) error { ok = tx.UpdateHandled(id); return nil }))
	return ok
}

// outboxTo is what the outbox holds for a chat.
func outboxTo(t *testing.T, db *storage.DB, chatID int64) []storage.Outgoing {
	t.Helper()
	all, err := db.PendingOutgoing(1000, nil)
	require.NoError(t, err)
	var out []storage.Outgoing
	for _, m := range all {
		if m.ChatID == chatID && m.Kind == storage.KindMessage { // the chat's menu aside
			out = append(out, m)
		}
	}
	return out
}

func TestWebhookRefusesWrongSecret(t *testing.T) {
	h, srv := webhookHarness(t)
	upd := queued(t, h, h.Fake.SendText(bottest.User(7), "/report Nguyễn Văn An"))

	for name, secret := range map[string]string{
		"missing":          "",
		"wrong":            "not-the-secret",
		"prefix":           hookSecret[:len(hookSecret)-1],
		"different case":   strings.ToUpper(hookSecret),
		"with extra chars": hookSecret + "x",
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, http.StatusUnauthorized, postUpdate(t, srv.URL, secret, upd))
		})
	}
	assert.Zero(t, h.Tally(2026, "CB_01").Admitted, "a refused update must not count")
	assert.False(t, handled(t, h.DB, upd.ID), "a refused update must stay unhandled so Telegram retries it")
	assert.Empty(t, outboxTo(t, h.DB, 7))

	// The same update with the right secret is then taken.
	assert.Equal(t, http.StatusOK, postUpdate(t, srv.URL, hookSecret, upd))
	assert.Equal(t, 1, h.Tally(2026, "CB_01").Admitted)
}

func TestWebhookNoSecretConfiguredRefusesAll(t *testing.T) {
	h := bottest.New(t, func(c *bottest.Config) { c.NoRun = true })
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.Register(7, quota.RoleSecretary, "CB_01")
	srv := httptest.NewServer(h.Transport.WebhookHandler(""))
	t.Cleanup(srv.Close)
	upd := queued(t, h, h.Fake.SendText(bottest.User(7), "/report Nguyễn Văn An"))
	assert.Equal(t, http.StatusUnauthorized, postUpdate(t, srv.URL, "", upd))
	assert.Zero(t, h.Tally(2026, "CB_01").Admitted)
}

func TestWebhookMalformed(t *testing.T) {
	h, srv := webhookHarness(t)
	for name, body := range map[string]string{
		"not json":   "{update_id: 1",
		"empty":      "",
		"no id":      `{"message":{"message_id":1,"chat":{"id":7,"type":"private"},"text":"/status"}}`,
		"wrong type": `{"update_id":"one"}`,
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, http.StatusBadRequest, post(t, srv.URL, hookSecret, []byte(body)))
		})
	}
	assert.Empty(t, outboxTo(t, h.DB, 7))

	req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
	require.NoError(t, err)
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", hookSecret)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
}

func TestWebhookCommitsBeforeAnswering(t *testing.T) {
	h, srv := webhookHarness(t)
	upd := queued(t, h, h.Fake.SendText(bottest.User(7), "/report Nguyễn Văn An"))

	require.Equal(t, http.StatusOK, postUpdate(t, srv.URL, hookSecret, upd))
	// By the time Telegram sees 200, the effect and the reply are durable.
	assert.Equal(t, 1, h.Tally(2026, "CB_01").Admitted)
	assert.True(t, handled(t, h.DB, upd.ID))
	replies := outboxTo(t, h.DB, 7)
	require.Len(t, replies, 1)
	assert.Contains(t, replies[0].Text, "Nguyễn Văn An")
	assert.Contains(t, replies[0].Text, "1/10")

	// Telegram delivers the same update again: accepted, nothing changes.
	require.Equal(t, http.StatusOK, postUpdate(t, srv.URL, hookSecret, upd))
	assert.Equal(t, 1, h.Tally(2026, "CB_01").Admitted)
	assert.Len(t, outboxTo(t, h.DB, 7), 1, "a repeated update must not queue a second reply")
}

// The process committed an update but died before answering; Telegram
// then posts it again, to this or a restarted process.
func TestWebhookRetryAfterCommitWithoutResponse(t *testing.T) {
	h, srv := webhookHarness(t)
	upd := queued(t, h, h.Fake.SendText(bottest.User(7), "/report Trần Thị Bình; 14/06/2026"))

	committed := upd
	require.NoError(t, h.Bot.HandleUpdate(context.Background(), &committed))
	require.Equal(t, 1, h.Tally(2026, "CB_01").Admitted)

	require.Equal(t, http.StatusOK, postUpdate(t, srv.URL, hookSecret, upd))
	assert.Equal(t, 1, h.Tally(2026, "CB_01").Admitted)
	assert.Len(t, outboxTo(t, h.DB, 7), 1)

	// A different update with the same person and date is a duplicate
	// report, not a second admission.
	again := queued(t, h, h.Fake.SendText(bottest.User(7), "/report Trần Thị Bình; 14/06/2026"))
	require.Equal(t, http.StatusOK, postUpdate(t, srv.URL, hookSecret, again))
	assert.Equal(t, 1, h.Tally(2026, "CB_01").Admitted)
}

// proxyCalls wraps the bot's HTTP client so the test learns when a Bot
// API method has been answered.
type proxyCalls struct {
	next   http.RoundTripper
	method string
	done   chan struct{}
}

func (p *proxyCalls) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := p.next.RoundTrip(r)
	if err == nil && resp.StatusCode == http.StatusOK && strings.HasSuffix(r.URL.Path, "/"+p.method) {
		select {
		case <-p.done:
		default:
			close(p.done)
		}
	}
	return resp, err
}

func TestRunWebhookEndToEnd(t *testing.T) {
	setWebhook := &proxyCalls{method: "setWebhook", done: make(chan struct{})}
	h := bottest.New(t, func(c *bottest.Config) {
		c.NoRun = true
		c.Options.HTTPClient = &http.Client{Transport: setWebhook, Timeout: 10 * time.Second}
	})
	setWebhook.next = h.Fake.Client().Transport
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.Register(7, quota.RoleSecretary, "CB_01")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	hookURL := "http://" + ln.Addr().String() + "/hook"
	// Update ids handled a month ago, which running forgets.
	old := []int64{900001, 900002, 900003, 900004, 900005}
	require.NoError(t, h.DB.Update(func(tx *storage.Tx) error {
		for _, id := range old {
			if err := tx.MarkUpdateHandled(id, h.Clock.Now().AddDate(0, -1, 0)); err != nil {
				return err
			}
		}
		return nil
	}))

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- h.Transport.RunWebhook(runCtx, ln, hookURL, hookSecret) }()
	t.Cleanup(func() {
		stop()
		assert.NoError(t, <-done, "the webhook run stops cleanly")
	})

	select {
	case <-setWebhook.done:
	case err := <-done:
		t.Fatalf("RunWebhook returned before setting the webhook: %v", err)
	case <-ctx.Done():
		t.Fatal("the webhook was not set")
	}
	gotURL, gotSecret := h.Fake.Webhook()
	assert.Equal(t, hookURL, gotURL)
	assert.Equal(t, hookSecret, gotSecret)

	sec := bottest.User(7)
	h.Fake.SendText(sec, "/report Lê Văn Cường")
	status := h.Fake.SendText(sec, "/status")
	n, err := h.Fake.DeliverWebhook(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	assert.Equal(t, status, h.Fake.Confirmed())
	assert.Empty(t, h.Fake.Pending())

	got, err := h.Fake.WaitSentTo(ctx, sec.ID, 2)
	require.NoError(t, err)
	assert.Contains(t, got[0].Plain(), "Lê Văn Cường")
	assert.Contains(t, got[1].Plain(), "Chi bộ Một")
	assert.Contains(t, got[1].Plain(), "1/10")
	assert.Equal(t, 1, h.Tally(2026, "CB_01").Admitted)

	stop()
	require.NoError(t, <-done)
	done <- nil // for the cleanup
	for _, id := range old {
		assert.False(t, handled(t, h.DB, id), "update %d of a month ago is still kept", id)
	}
	assert.True(t, handled(t, h.DB, status))
}
