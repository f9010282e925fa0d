package transport_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/metrics"
	"quotabot/quota"
	"quotabot/transport"
)

func counterValue(t *testing.T, c prometheus.Counter) float64 {
	t.Helper()
	var m dto.Metric
	require.NoError(t, c.Write(&m))
	return m.GetCounter().GetValue()
}

// syncLog collects log lines from several goroutines.
type syncLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// secret is personal data inside the updates that cannot be decoded: it
// must reach no log line.
const secret = "Nguyễn Bí Mật"

// oddUpdate is an update Telegram can send that the client library's
// types cannot hold whole.
type oddUpdate struct {
	name, kind string
	raw        string
	// salvaged updates are read from the fields the bot uses; the
	// others are skipped.
	salvaged bool
}

func oddUpdates() []oddUpdate {
	from := `"from":{"id":7,"is_bot":false,"first_name":"Người","language_code":"vi"}`
	chat := `"chat":{"id":7,"type":"private","first_name":"Người"}`
	date := `"date":1781492400`
	return []oddUpdate{
		{"forward origin newer than the library", "message",
			`{"message":{"message_id":901,` + from + `,` + chat + `,` + date + `,"text":"/report Trần Văn Chuyển","forward_origin":{"type":"future_origin","date":1781492000}}}`, true},
		{"reply to a message with a new kind of origin", "message",
			`{"message":{"message_id":902,` + from + `,` + chat + `,` + date + `,"text":"/report Lê Thị Trả Lời","reply_to_message":{"message_id":5,` + chat + `,` + date + `,"forward_origin":{"type":"hidden_v2"}}}}`, true},
		{"chat id beyond int64", "message",
			`{"message":{"message_id":903,` + from + `,"chat":{"id":99999999999999999999,"type":"private"},` + date + `,"text":"/report ` + secret + `"}}`, false},
		{"text that is not a string", "message",
			`{"message":{"message_id":904,` + from + `,` + chat + `,` + date + `,"text":{"value":"/report ` + secret + `"}}}`, false},
		{"chat member status newer than the library", "my_chat_member",
			`{"my_chat_member":{"chat":{"id":7,"type":"private"},` + from + `,` + date + `,"old_chat_member":{"status":"member","user":{"id":1000,"is_bot":true,"first_name":"Q"}},"new_chat_member":{"status":"superowner","user":{"id":1000,"is_bot":true,"first_name":"Q"}}}}`, false},
		{"reaction type newer than the library", "message_reaction",
			`{"message_reaction":{` + chat + `,"message_id":3,` + date + `,"user":{"id":7,"is_bot":false,"first_name":"` + secret + `"},"old_reaction":[],"new_reaction":[{"type":"paid_sparkle"}]}}`, false},
		{"button press on a message with a new field type", "callback_query",
			`{"callback_query":{"id":"cb-odd",` + from + `,"chat_instance":"1","data":"nothing","message":{"message_id":5,` + chat + `,` + date + `,"forward_origin":{"type":"future_origin"}}}}`, true},
		{"a kind of update the library has never heard of", "purchased_paid_media_v2",
			`{"purchased_paid_media_v2":{"user":{"id":7,"first_name":"` + secret + `"},"payload":"x"}}`, true},
	}
}

// robustHarness is a secretary of CB_01 (quota 10), a metrics registry
// and the logs, before the bot starts.
func robustHarness(t *testing.T, change ...func(*bottest.Config)) (*bottest.Harness, *metrics.Metrics, *syncLog) {
	t.Helper()
	logs := &syncLog{}
	m := metrics.New(prometheus.NewRegistry(), metrics.Gauges{})
	h := bottest.New(t, append([]func(*bottest.Config){func(c *bottest.Config) {
		c.NoRun = true
		c.Options.Metrics = m
		c.Options.Log = slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}}, change...)...)
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.Register(7, quota.RoleSecretary, "CB_01")
	return h, m, logs
}

// checkOdd asserts what becomes of the odd updates: each recorded as
// handled, counted by kind and outcome, logged with its id and kind and
// without its content.
func checkOdd(t *testing.T, h *bottest.Harness, m *metrics.Metrics, logs *syncLog, ids []int64) {
	t.Helper()
	want := map[[2]string]float64{}
	for i, o := range oddUpdates() {
		assert.True(t, handled(t, h.DB, ids[i]), "%s: recorded as handled", o.name)
		switch {
		case o.kind == "purchased_paid_media_v2":
			// Unknown fields are ignored: it decodes, as nothing the bot uses.
		case o.salvaged:
			want[[2]string{o.kind, "partly_decoded"}]++
		default:
			want[[2]string{o.kind, "undecodable"}]++
			assert.Contains(t, logs.String(), fmt.Sprintf(`"update_id":%d`, ids[i]), "%s: logged with its id", o.name)
		}
	}
	for k, n := range want {
		assert.Equal(t, n, counterValue(t, m.Updates.WithLabelValues(k[0], k[1])), "metric %v", k)
	}
	out := logs.String()
	assert.Contains(t, out, `"kind":"my_chat_member"`)
	assert.Contains(t, out, `"kind":"message_reaction"`)
	assert.NotContains(t, out, secret, "no personal data in the logs")
	assert.NotContains(t, out, "99999999999999999999")
}

// TestPollingSkipsUndecodableUpdates: a batch holding every kind of odd
// update, then reports: every report is counted at once, the odd updates
// are confirmed and never delivered again.
func TestPollingSkipsUndecodableUpdates(t *testing.T) {
	h, m, logs := robustHarness(t)
	sec := bottest.User(7)
	var ids []int64
	for _, o := range oddUpdates() {
		id, err := h.Fake.AddRawUpdate(o.raw)
		require.NoError(t, err)
		ids = append(ids, id)
	}
	var last int64
	for _, n := range []string{"Phạm Văn Một", "Phạm Văn Hai", "Phạm Văn Ba"} {
		last = h.Fake.SendText(sec, "/report "+n)
	}
	h.Start()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	require.NoError(t, h.Fake.WaitConfirmed(ctx, last), "the reports behind the odd updates are not held up")
	h.Settle(last)

	// Two odd messages were read from their usable fields, and three reports.
	assert.Equal(t, quota.Tally{Quota: 10, Admitted: 5}, h.Tally(2026, "CB_01"))
	status := h.Reply(sec, "/status")
	assert.Contains(t, status, "5/10")
	assert.Empty(t, h.Fake.Pending(), "everything confirmed")
	checkOdd(t, h, m, logs, ids)
	assert.Len(t, h.Fake.Calls("answerCallbackQuery"), 1, "the button press on an odd message is answered")
}

// TestWebhookSkipsUndecodableUpdates: the same updates posted to the
// webhook are each answered 200, so Telegram does not retry them for a
// day, and the reports are counted.
func TestWebhookSkipsUndecodableUpdates(t *testing.T) {
	h, m, logs := robustHarness(t)
	srv := httptest.NewServer(h.Transport.WebhookHandler(hookSecret))
	t.Cleanup(srv.Close)
	var ids []int64
	for _, o := range oddUpdates() {
		id, err := h.Fake.AddRawUpdate(o.raw)
		require.NoError(t, err)
		ids = append(ids, id)
	}
	h.Fake.SendText(bottest.User(7), "/report Phạm Văn Bốn")
	h.Fake.SendText(bottest.User(7), "/report Phạm Văn Năm")
	// Registered as the bot registers it.
	require.NoError(t, h.Transport.SetWebhook(context.Background(), srv.URL, hookSecret))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	n, err := h.Fake.DeliverWebhook(ctx)
	require.NoError(t, err, "every update answered 2xx")
	assert.Equal(t, len(oddUpdates())+2, n)
	assert.Equal(t, 4, h.Tally(2026, "CB_01").Admitted)
	checkOdd(t, h, m, logs, ids)
}

// sleeps records the waits the transport asks for, without waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	if d > 0 {
		s.mu.Lock()
		s.d = append(s.d, d)
		s.mu.Unlock()
	}
	return ctx.Err()
}

func (s *sleeps) got() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// TestRetryAfterHonoured: getUpdates, getMe and deleteWebhook answered
// 429 wait the seconds Telegram gives, not a backoff of their own.
func TestRetryAfterHonoured(t *testing.T) {
	rec := &sleeps{}
	h, m, _ := robustHarness(t, func(c *bottest.Config) { c.Options.Sleep = rec.sleep })
	h.Fake.FailNext("getMe", 1, http.StatusTooManyRequests, 5)
	h.Fake.FailNext("setMyCommands", 1, http.StatusTooManyRequests, 2)
	h.Fake.FailNext("deleteWebhook", 1, http.StatusTooManyRequests, 4)
	h.Fake.FailNext("getUpdates", 2, http.StatusTooManyRequests, 3)
	h.Start()
	assert.Contains(t, h.Reply(bottest.User(7), "/report Phạm Văn Sáu"), "1/10")
	assert.Equal(t, []time.Duration{5 * time.Second, 2 * time.Second, 4 * time.Second, 3 * time.Second, 3 * time.Second}, rec.got())
	assert.Equal(t, 4.0, counterValue(t, m.TooMany), "the transport's own calls")
	assert.Equal(t, 15.0, counterValue(t, m.RetryAfter))
	assert.NotEmpty(t, h.Fake.Commands(""), "the menu is published after the wait")

	// A file an admin sends is fetched after the wait too.
	h.Fake.FailNext("getFile", 1, http.StatusTooManyRequests, 1)
	h.Settle(h.Fake.SendDocument(bottest.User(bottest.AdminID), "orgs.csv", "text/csv", []byte("code,name,quota_2026\nCB_09,Chi bộ Chín,4\n"), "thử"))
	got := rec.got()
	assert.Equal(t, time.Second, got[len(got)-1])
	getFile := h.Fake.Calls("getFile")
	require.Len(t, getFile, 2)
	assert.Equal(t, http.StatusOK, getFile[1].Status)
	calls := h.Fake.Calls("getUpdates")
	require.GreaterOrEqual(t, len(calls), 3)
	assert.Equal(t, http.StatusTooManyRequests, calls[0].Status)
	assert.Equal(t, http.StatusTooManyRequests, calls[1].Status)
}

// TestTokenRefusedStopsPolling: Telegram answering getUpdates 401 (the
// token was revoked while the bot ran) stops the bot with a clear error,
// after one call, not a retry loop.
func TestTokenRefusedStopsPolling(t *testing.T) {
	h, _, _ := robustHarness(t)
	h.Fake.FailNext("getUpdates", 1, http.StatusUnauthorized, 0)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := h.Transport.Run(ctx)
	require.Error(t, err)
	assert.True(t, errors.Is(err, transport.ErrTokenRefused), "%v", err)
	assert.Contains(t, err.Error(), "Telegram refused the token")
	assert.NotContains(t, err.Error(), bottest.Token)
	assert.Len(t, h.Fake.Calls("getUpdates"), 1)
	assert.NoError(t, ctx.Err(), "stopped at once")
}

// largestUpdate is the largest update Telegram can send to the bot: a
// 4096-character text of characters JSON must escape (each as \u00XX),
// with entities over every character, replying to another such message
// and quoting 1024 characters of it.
func largestUpdate() models.Update {
	text := strings.Repeat("\u0001", 4096)
	var ents []models.MessageEntity
	for i := 0; i < 4096; i += 41 {
		ents = append(ents, models.MessageEntity{Type: models.MessageEntityTypeTextLink, Offset: i, Length: 40,
			URL: "https://example.org/" + strings.Repeat("p", 200)})
	}
	user := models.User{ID: 7, FirstName: strings.Repeat("Ư", 64), LastName: strings.Repeat("Ư", 64), Username: strings.Repeat("u", 32), LanguageCode: "vi"}
	chat := models.Chat{ID: -1001234567890, Type: models.ChatTypeSupergroup, Title: strings.Repeat("Ơ", 128)}
	replied := &models.Message{ID: 1, From: &user, Chat: chat, Date: 1781492400, Text: text, Entities: ents}
	return models.Update{ID: 123456789, Message: &models.Message{ID: 2, From: &user, Chat: chat, Date: 1781492400,
		Text: "/report " + text[8:], Entities: ents, ReplyToMessage: replied,
		Quote: &models.TextQuote{Text: text[:1024], Entities: ents[:25], Position: 0}}}
}

func TestLargestRealUpdateFitsWithMargin(t *testing.T) {
	body, err := json.Marshal(largestUpdate())
	require.NoError(t, err)
	t.Logf("largest real update: %d bytes; limit %d", len(body), transport.MaxUpdateBytes)
	assert.Less(t, len(body)*4, transport.MaxUpdateBytes, "a wide margin above any real update")
}

// TestWebhookBodyLimit: a body beyond the limit is refused with 413
// without being handled; the largest real update is taken.
func TestWebhookBodyLimit(t *testing.T) {
	h, srv := webhookHarness(t)
	huge := []byte(`{"update_id":5,"message":{"text":"` + strings.Repeat("x", transport.MaxUpdateBytes) + `"}}`)
	assert.Equal(t, http.StatusRequestEntityTooLarge, post(t, srv.URL, hookSecret, huge))
	assert.False(t, handled(t, h.DB, 5))

	big := largestUpdate()
	body, err := json.Marshal(big)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, post(t, srv.URL, hookSecret, body))
	assert.True(t, handled(t, h.DB, big.ID), "the largest real update is handled")
}
