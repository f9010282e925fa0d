package bot

import (
	"strings"
)

func (b *Bot) cmdLang(r *request) error {
	code := strings.ToLower(strings.TrimSpace(r.args))
	if code != "vi" && code != "en" {
		r.reply(r.l.T("lang_usage"))
		return nil
	}
	u := *r.user
	u.Lang, u.LangChosen = code, true
	if u.RegisteredAt.IsZero() {
		u.RegisteredAt = r.now
		u.ChatID = r.chatID
	}
	if _, err := r.tx.PutUser(u); err != nil {
		return err
	}
	r.l = langFor(code)
	r.reply(r.l.T("lang_set"))
	return nil
}
