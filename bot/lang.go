package bot

import (
	"strings"

	"quotabot/texts"
)

func (b *Bot) cmdLang(r *request) error {
	l, ok := texts.Lookup(r.args)
	if !ok {
		choices := make([]string, len(texts.Languages))
		for i, l := range texts.Languages {
			choices[i] = "<code>/lang " + l.Code() + "</code> (" + l.Name + ")"
		}
		r.reply(r.l.LangUsage(strings.Join(choices, ", ")))
		return nil
	}
	u := *r.user
	u.Lang, u.LangChosen = l.Code(), true
	if u.RegisteredAt.IsZero() {
		u.RegisteredAt = r.now
		u.ChatID = r.chatID
	}
	if _, err := r.tx.PutUser(u); err != nil {
		return err
	}
	r.user, r.l = &u, l
	r.reply(r.l.LangSet)
	return nil
}
