package bot

import (
	"html"
	"strconv"
	"strings"

	"github.com/go-telegram/bot/models"

	"quotabot/quota"
	"quotabot/storage"
)

// callback takes a button press.
func (b *Bot) callback(r *request) error {
	q := r.upd.CallbackQuery
	answer := storage.Outgoing{Kind: storage.KindCallbackAnswer, ChatID: r.chatID, CallbackID: q.ID}
	// The answer shows as a plain notice: tags and entities are taken out.
	defer func() {
		answer.Text = html.UnescapeString(stripTags(answer.Text))
		r.queue(answer)
	}()
	switch {
	case r.user == nil:
		answer.Text = r.l.NotRegistered
		return nil
	case r.user.Role != quota.RoleSecretary:
		answer.Text = stripTags(r.l.Forbidden(r.l.Role(r.user.Role)))
		return nil
	}
	if strings.HasPrefix(q.Data, "k:") {
		text, err := b.candidateCallback(r, q.Data)
		answer.Text = text
		return err
	}
	if strings.HasPrefix(q.Data, "c:") {
		text, err := b.correctionCallback(r, q)
		answer.Text = text
		return err
	}
	d, ok := b.loadDialog(r)
	parts := strings.SplitN(q.Data, ":", 3)
	if !ok || len(parts) != 3 || parts[0] != "r" || parts[1] != strconv.FormatInt(d.ID, 10) {
		answer.Text = r.l.DialogExpired
		return nil
	}
	b.dropButtons(r, q)
	if d.Kind != "" {
		notice, err := b.candidateDialogButton(r, d, parts[2])
		answer.Text = notice
		return err
	}
	handled, err := b.reportDialogButton(r, d, parts[2])
	if handled || err != nil {
		return err
	}
	answer.Text = r.l.DialogExpired
	return nil
}

// dropButtons removes the keyboard of the pressed message, so an old
// question cannot be answered twice.
func (b *Bot) dropButtons(r *request, q *models.CallbackQuery) {
	if q.Message.Message == nil {
		return
	}
	r.queue(storage.Outgoing{Kind: storage.KindEdit, ChatID: q.Message.Message.Chat.ID,
		MessageID: q.Message.Message.ID})
}
