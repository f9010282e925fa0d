package telegramfake

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-telegram/bot/models"
)

// checkWebAppURL is Telegram's rule for a Mini App's address: https only.
func checkWebAppURL(raw string) *apiError {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Scheme != "https" {
		return badRequest("inline keyboard button Web App URL '" + raw + "' is invalid: Only HTTPS links are allowed")
	}
	return nil
}

// webAppInPrivateOnly refuses web_app buttons outside a private chat, as
// Telegram does: a Mini App opens for the person in their chat with the
// bot. Private chats have the user's (positive) id.
func webAppInPrivateOnly(m markup, chatID int64) *apiError {
	if m.webApp && chatID < 0 {
		return badRequest("BUTTON_TYPE_INVALID")
	}
	return nil
}

// setChatMenuButton sets the menu button of a private chat, or the
// default one without chat_id.
func (s *Server) setChatMenuButton(r *request) (any, *apiError) {
	key := "default"
	if v := strings.TrimSpace(r.params["chat_id"]); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id == 0 {
			return nil, badRequest("chat not found")
		}
		if id < 0 {
			// Only private chats have a menu button.
			return nil, badRequest("CHAT_TYPE_INVALID")
		}
		key = v
	}
	var mb models.MenuButton
	raw := r.params["menu_button"]
	if raw == "" {
		raw = `{"type":"default"}`
	}
	if err := json.Unmarshal([]byte(raw), &mb); err != nil {
		return nil, badRequest("can't parse menu button JSON object")
	}
	if mb.Type == models.MenuButtonTypeWebApp {
		if strings.TrimSpace(mb.WebApp.Text) == "" {
			return nil, badRequest("BUTTON_TEXT_INVALID")
		}
		if e := checkWebAppURL(mb.WebApp.WebApp.URL); e != nil {
			return nil, badRequest("BUTTON_URL_INVALID")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.menuButtons == nil {
		s.menuButtons = map[string]models.MenuButton{}
	}
	s.menuButtons[key] = mb
	return true, nil
}

func (s *Server) getChatMenuButton(r *request) (any, *apiError) {
	key := "default"
	if v := strings.TrimSpace(r.params["chat_id"]); v != "" {
		key = v
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	mb, ok := s.menuButtons[key]
	if !ok {
		mb, ok = s.menuButtons["default"]
	}
	if !ok {
		return &models.MenuButton{Type: models.MenuButtonTypeDefault, Default: &models.MenuButtonDefault{}}, nil
	}
	return &mb, nil
}

// MenuButton is the menu button a user sees in their private chat with the
// bot: the chat's own, else the default one; ok is false when none was set.
func (s *Server) MenuButton(chatID int64) (mb models.MenuButton, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if mb, ok := s.menuButtons[strconv.FormatInt(chatID, 10)]; ok {
		return mb, true
	}
	mb, ok = s.menuButtons["default"]
	return mb, ok
}
