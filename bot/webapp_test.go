package bot_test

import (
	"context"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/quota"
)

const dashboardURL = "https://quotabot.example.org/app/"

func withDashboard(c *bottest.Config) { c.Options.WebAppURL = dashboardURL }

// TestDashboardMenuButtonFollowsRegistration: a person who registers gets
// the dashboard in their chat's menu button; one whose access ends gets
// Telegram's default back.
func TestDashboardMenuButtonFollowsRegistration(t *testing.T) {
	h := bottest.New(t, withDashboard)
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	code := invite(t, h, "leader")
	h.Send(bottest.User(501), "/start "+code)
	mb, ok := h.Fake.MenuButton(501)
	require.True(t, ok, "the menu button was set")
	require.Equal(t, models.MenuButtonTypeWebApp, mb.Type)
	assert.Equal(t, dashboardURL, mb.WebApp.WebApp.URL)
	assert.Equal(t, "Bảng theo dõi", mb.WebApp.Text)

	h.Send(bottest.User(bottest.AdminID), "/revoke 501")
	mb, _ = h.Fake.MenuButton(501)
	assert.Equal(t, models.MenuButtonTypeDefault, mb.Type)
	_, ok = h.Fake.MenuButton(777)
	assert.False(t, ok, "a stranger's chat is left alone")
}

// TestDashboardMenuButtonsAtStart: the people registered before the
// dashboard was configured get its button at the next start, once.
func TestDashboardMenuButtonsAtStart(t *testing.T) {
	h := bottest.New(t, withDashboard, func(c *bottest.Config) { c.NoRun = true })
	h.Register(601, quota.RoleSecretary, "CB_01")
	h.Register(602, quota.RoleLeader)
	h.Start()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, id := range []int64{601, 602} {
		for {
			if mb, ok := h.Fake.MenuButton(id); ok {
				assert.Equal(t, dashboardURL, mb.WebApp.WebApp.URL)
				break
			}
			select {
			case <-ctx.Done():
				t.Fatalf("no menu button for %d", id)
			case <-time.After(10 * time.Millisecond):
			}
		}
	}
	require.NoError(t, h.Sender.WaitIdle(ctx))
	calls := len(h.Fake.Calls("setChatMenuButton"))
	assert.Equal(t, 2, calls)
	h.Stop()
	h.Start()
	require.NoError(t, h.Sender.WaitIdle(ctx))
	// Give the start-up's own queueing a moment to have happened.
	h.Reply(bottest.User(602), "/help")
	assert.Equal(t, calls, len(h.Fake.Calls("setChatMenuButton")), "not set again")
}

// TestStatusOffersTheDashboardToReaders: readers find a button under
// /status that opens the dashboard at what they asked about.
func TestStatusOffersTheDashboardToReaders(t *testing.T) {
	h := bottest.New(t, withDashboard)
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.Register(701, quota.RoleLeader)
	h.Register(702, quota.RoleSecretary, "CB_01")

	got := h.Send(bottest.User(701), "/status")
	last := got[len(got)-1]
	require.NotNil(t, last.ReplyMarkup)
	btn := last.ReplyMarkup.InlineKeyboard[0][0]
	require.NotNil(t, btn.WebApp)
	assert.Equal(t, dashboardURL, btn.WebApp.URL)
	assert.Equal(t, "📊 Mở bảng theo dõi", btn.Text)

	got = h.Send(bottest.EnglishUser(701), "/status CB_01")
	btn = got[len(got)-1].ReplyMarkup.InlineKeyboard[0][0]
	assert.Equal(t, dashboardURL+"?org=CB_01", btn.WebApp.URL)

	got = h.Send(bottest.User(702), "/status")
	assert.Nil(t, got[len(got)-1].ReplyMarkup, "a secretary's /status has no dashboard button")
}

func TestNoDashboardNoButtons(t *testing.T) {
	h := bottest.New(t)
	h.Register(701, quota.RoleLeader)
	got := h.Send(bottest.User(701), "/status")
	assert.Nil(t, got[len(got)-1].ReplyMarkup)
	_, ok := h.Fake.MenuButton(701)
	assert.False(t, ok)
}
