package transport_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/metrics"
	"quotabot/quota"
)

func health(t *testing.T, h http.Handler) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	body, err := io.ReadAll(rec.Result().Body)
	require.NoError(t, err)
	return rec.Code, string(body)
}

func TestHealthFollowsTelegram(t *testing.T) {
	h := bottest.New(t, func(c *bottest.Config) { c.NoRun = true })
	// 1ns: every check is older than that, so each one pings Telegram.
	pinging := h.Transport.HealthHandler(time.Nanosecond)
	relaxed := h.Transport.HealthHandler(time.Hour)

	code, body := health(t, pinging)
	assert.Equal(t, http.StatusOK, code)
	assert.Equal(t, "ok\n", body)
	pings := len(h.Fake.Calls("getMe"))
	assert.Positive(t, pings, "with no recent contact the check asks Telegram")

	h.Fake.SetDown(true)
	code, body = health(t, pinging)
	assert.Equal(t, http.StatusServiceUnavailable, code)
	assert.Contains(t, body, "telegram")
	assert.Contains(t, body, "getMe")

	// Telegram answered a moment ago: a check allowing an hour does not
	// ask again, so a scrape cannot flood the API.
	code, _ = health(t, relaxed)
	assert.Equal(t, http.StatusOK, code)

	h.Fake.SetDown(false)
	code, body = health(t, pinging)
	assert.Equal(t, http.StatusOK, code)
	assert.Equal(t, "ok\n", body)
	assert.Greater(t, len(h.Fake.Calls("getMe")), pings)
}

func TestHealthDatabaseClosed(t *testing.T) {
	h := bottest.New(t, func(c *bottest.Config) { c.NoRun = true })
	handler := h.Transport.HealthHandler(time.Hour)
	code, _ := health(t, handler)
	require.Equal(t, http.StatusOK, code)

	require.NoError(t, h.DB.Close())
	// The harness closes it again at cleanup; bbolt allows that.
	require.NoError(t, h.DB.Close())
	code, body := health(t, handler)
	assert.Equal(t, http.StatusServiceUnavailable, code)
	assert.Contains(t, body, "database")
}

// gathered reads one sample of a counter or gauge; absent is 0.
func gathered(t *testing.T, reg *prometheus.Registry, name string, labels map[string]string) float64 {
	t.Helper()
	families, err := reg.Gather()
	require.NoError(t, err)
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
	next:
		for _, m := range f.GetMetric() {
			got := map[string]string{}
			for _, l := range m.GetLabel() {
				got[l.GetName()] = l.GetValue()
			}
			for k, v := range labels {
				if got[k] != v {
					continue next
				}
			}
			if c := m.GetCounter(); c != nil {
				return c.GetValue()
			}
			return m.GetGauge().GetValue()
		}
	}
	return 0
}

// sumOf adds every sample of a counter.
func sumOf(t *testing.T, reg *prometheus.Registry, name string) float64 {
	t.Helper()
	families, err := reg.Gather()
	require.NoError(t, err)
	var n float64
	for _, f := range families {
		if f.GetName() == name {
			for _, m := range f.GetMetric() {
				n += m.GetCounter().GetValue()
			}
		}
	}
	return n
}

func TestMetricsCountWhatHappened(t *testing.T) {
	reg := prometheus.NewRegistry()
	depth := 0.0
	m := metrics.New(reg, metrics.Gauges{OutboxDepth: func() float64 { return depth }})
	h := bottest.New(t, func(c *bottest.Config) { c.Options.Metrics = m })
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.Register(7, quota.RoleSecretary, "CB_01")
	h.Register(8, quota.RoleSecretary, "CB_01")
	sec := bottest.User(7)

	assert.NotEmpty(t, h.Send(sec, "/status"))
	assert.NotEmpty(t, h.Send(sec, "/report Nguyễn Văn An"))
	assert.NotEmpty(t, h.Send(sec, "/frobnicate"))
	assert.NotEmpty(t, h.Send(sec, "hello"))

	// The second secretary blocked the bot: the reply cannot be delivered.
	h.Fake.BlockChat(8)
	assert.Empty(t, h.Send(bottest.User(8), "/status"))

	assert.Equal(t, 5.0, gathered(t, reg, "quotabot_updates_total", map[string]string{"kind": "message", "outcome": "ok"}))
	assert.Equal(t, 5.0, sumOf(t, reg, "quotabot_updates_total"))
	sent := len(h.Fake.Sent())
	assert.Equal(t, 4, sent)
	assert.Equal(t, float64(sent), gathered(t, reg, "quotabot_messages_sent_total", map[string]string{"kind": "message"}))
	// Each secretary's chat also got its command menu.
	assert.Equal(t, 2.0, gathered(t, reg, "quotabot_messages_sent_total", map[string]string{"kind": "commands"}))
	assert.Equal(t, float64(sent+2), sumOf(t, reg, "quotabot_messages_sent_total"))
	assert.Equal(t, 1.0, gathered(t, reg, "quotabot_send_failures_total", map[string]string{"reason": "blocked"}))
	assert.Equal(t, 1.0, sumOf(t, reg, "quotabot_send_failures_total"))

	// A second delivery of an update already handled counts as a duplicate.
	last := h.Fake.Confirmed()
	require.NoError(t, h.Bot.HandleUpdate(t.Context(), &models.Update{ID: last}))
	assert.Equal(t, 1.0, gathered(t, reg, "quotabot_updates_total", map[string]string{"kind": "other", "outcome": "duplicate"}))
	assert.Equal(t, 1, h.Tally(2026, "CB_01").Admitted)

	depth = 3
	assert.Equal(t, 3.0, gathered(t, reg, "quotabot_outbox_depth", nil))
}
