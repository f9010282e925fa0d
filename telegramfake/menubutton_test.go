package telegramfake_test

import (
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMenuButtonAndWebAppButtons: a Mini App opens only from an https
// address, from a private chat's menu button or an inline button there.
func TestMenuButtonAndWebAppButtons(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := ctxT(t)
	const user = 1001
	app := models.MenuButtonWebApp{Type: models.MenuButtonTypeWebApp, Text: "Bảng theo dõi", WebApp: models.WebAppInfo{URL: "https://example.org/app/"}}

	_, ok := s.MenuButton(user)
	assert.False(t, ok)
	_, err := b.SetChatMenuButton(ctx, &bot.SetChatMenuButtonParams{ChatID: user, MenuButton: app})
	require.NoError(t, err)
	mb, ok := s.MenuButton(user)
	require.True(t, ok)
	require.Equal(t, models.MenuButtonTypeWebApp, mb.Type)
	assert.Equal(t, "https://example.org/app/", mb.WebApp.WebApp.URL)
	assert.Equal(t, "Bảng theo dõi", mb.WebApp.Text)
	got, err := b.GetChatMenuButton(ctx, &bot.GetChatMenuButtonParams{ChatID: user})
	require.NoError(t, err)
	assert.Equal(t, models.MenuButtonTypeWebApp, got.Type)
	_, ok = s.MenuButton(user + 1)
	assert.False(t, ok, "one chat's button is not another's")

	// Back to the default button, as when access ends.
	_, err = b.SetChatMenuButton(ctx, &bot.SetChatMenuButtonParams{ChatID: user, MenuButton: models.MenuButtonDefault{Type: models.MenuButtonTypeDefault}})
	require.NoError(t, err)
	mb, _ = s.MenuButton(user)
	assert.Equal(t, models.MenuButtonTypeDefault, mb.Type)

	for name, bad := range map[string]models.MenuButtonWebApp{
		"http":    {Type: models.MenuButtonTypeWebApp, Text: "x", WebApp: models.WebAppInfo{URL: "http://example.org/app/"}},
		"no host": {Type: models.MenuButtonTypeWebApp, Text: "x", WebApp: models.WebAppInfo{URL: "https:///app/"}},
		"no text": {Type: models.MenuButtonTypeWebApp, Text: " ", WebApp: models.WebAppInfo{URL: "https://example.org/app/"}},
	} {
		_, err = b.SetChatMenuButton(ctx, &bot.SetChatMenuButtonParams{ChatID: user, MenuButton: bad})
		assert.ErrorIs(t, err, bot.ErrorBadRequest, name)
	}
	_, err = b.SetChatMenuButton(ctx, &bot.SetChatMenuButtonParams{ChatID: -100123, MenuButton: app})
	assert.ErrorIs(t, err, bot.ErrorBadRequest, "a group has no menu button")

	// The library sends the type only when the caller sets it; Telegram
	// needs it.
	_, err = b.SetChatMenuButton(ctx, &bot.SetChatMenuButtonParams{ChatID: user, MenuButton: models.MenuButtonWebApp{Text: "x", WebApp: app.WebApp}})
	assert.ErrorIs(t, err, bot.ErrorBadRequest)

	kb := func(u string) *models.InlineKeyboardMarkup {
		return &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "📊", WebApp: &models.WebAppInfo{URL: u}}}}}
	}
	_, err = b.SendMessage(ctx, &bot.SendMessageParams{ChatID: user, Text: "tiến độ", ReplyMarkup: kb("https://example.org/app/")})
	require.NoError(t, err)
	sent := s.SentTo(user)
	require.Len(t, sent, 1)
	require.NotNil(t, sent[0].ReplyMarkup)
	assert.Equal(t, "https://example.org/app/", sent[0].ReplyMarkup.InlineKeyboard[0][0].WebApp.URL)

	_, err = b.SendMessage(ctx, &bot.SendMessageParams{ChatID: user, Text: "tiến độ", ReplyMarkup: kb("http://example.org/app/")})
	assert.ErrorIs(t, err, bot.ErrorBadRequest)
	_, err = b.SendMessage(ctx, &bot.SendMessageParams{ChatID: -100123, Text: "tiến độ", ReplyMarkup: kb("https://example.org/app/")})
	assert.ErrorIs(t, err, bot.ErrorBadRequest, "web_app buttons only in private chats")
	assert.Len(t, s.SentTo(user), 1)
}
