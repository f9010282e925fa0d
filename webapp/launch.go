package webapp

import (
	"encoding/json"
	"fmt"
	"net/url"
	"time"
)

// LightTheme and DarkTheme are themeParams as Telegram's clients send
// them, for opening the page outside Telegram.
var (
	LightTheme = map[string]string{"bg_color": "#ffffff", "text_color": "#000000", "hint_color": "#707579",
		"link_color": "#3390ec", "button_color": "#3390ec", "button_text_color": "#ffffff",
		"secondary_bg_color": "#f4f4f5", "section_bg_color": "#ffffff", "accent_text_color": "#3390ec",
		"destructive_text_color": "#e53935"}
	DarkTheme = map[string]string{"bg_color": "#212121", "text_color": "#ffffff", "hint_color": "#aaaaaa",
		"link_color": "#8774e1", "button_color": "#8774e1", "button_text_color": "#ffffff",
		"secondary_bg_color": "#0f0f0f", "section_bg_color": "#212121", "accent_text_color": "#8774e1",
		"destructive_text_color": "#ff595a"}
)

// LaunchURL is the page's address with the launch parameters Telegram
// appends when it opens a Mini App: initData signed with token, and the
// theme. The demo opens its dashboard in a browser with it; in Telegram
// the client builds this address itself and only its signature counts.
func LaunchURL(base string, u WebUser, token string, at time.Time, theme map[string]string) (string, error) {
	data, err := Sign(u, token, at)
	if err != nil {
		return "", err
	}
	th, err := json.Marshal(theme)
	if err != nil {
		return "", fmt.Errorf("encoding the theme: %w", err)
	}
	v := url.Values{}
	v.Set("tgWebAppData", data)
	v.Set("tgWebAppVersion", "8.0")
	v.Set("tgWebAppPlatform", "web")
	v.Set("tgWebAppThemeParams", string(th))
	return base + "#" + v.Encode(), nil
}
