package bot

import (
	"errors"
	"strconv"
	"strings"

	"quotabot/storage"
	"quotabot/texts"
)

// cmdRevoke removes a user's registration; what they reported stays.
func (b *Bot) cmdRevoke(r *request) error {
	id, err := strconv.ParseInt(strings.TrimSpace(r.args), 10, 64)
	if err != nil || id <= 0 {
		r.reply(r.l.RevokeUsage)
		return nil
	}
	ids := strconv.FormatInt(id, 10)
	switch {
	case id == r.from.ID:
		r.reply(r.l.RevokeSelf)
		return nil
	case b.isConfigAdmin(id):
		r.reply(r.l.RevokeConfigAdmin(ids))
		return nil
	}
	u, err := r.tx.User(id)
	if errors.Is(err, storage.ErrNotFound) {
		r.reply(r.l.RevokeUnknown(ids))
		return nil
	}
	if err != nil {
		return err
	}
	if err := r.tx.DeleteUser(id); err != nil {
		return err
	}
	if err := r.tx.DeleteDialog(id); err != nil {
		return err
	}
	b.queueMenuButton(r, u, false)
	if err := dropMenu(r.tx, u, r.now); err != nil {
		return err
	}
	r.reply(r.l.Revoked(esc(u.Name), ids, r.l.Role(u.Role)))
	// The person is told, unless they blocked the bot.
	if !u.Unreachable {
		r.send(chatOf(u), storage.PriorityReply, texts.For(u.Lang).AccessEnded, nil)
	}
	return nil
}
