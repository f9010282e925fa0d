package bot

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
)

// The dashboard (a Mini App) opens from each registered person's menu
// button and from a button under /status, when Options.WebAppURL is set.

// menuButton is the outgoing message that sets a person's menu button:
// the dashboard while they are registered, Telegram's default after.
func (b *Bot) menuButton(u quota.User, l *texts.Lang, registered bool, at storage.Outgoing) storage.Outgoing {
	m := at
	m.Kind, m.ChatID = storage.KindMenuButton, u.ChatID
	if m.ChatID == 0 {
		m.ChatID = u.ID
	}
	if registered {
		m.Text, m.WebApp = l.Dashboard.Menu, b.opts.WebAppURL
	}
	return m
}

// queueMenuButton sets the menu button of the person the request made
// registered (or whose access it ended), ahead of bulk messages.
func (b *Bot) queueMenuButton(r *request, u quota.User, registered bool) {
	if b.opts.WebAppURL == "" {
		return
	}
	r.queue(b.menuButton(u, r.l, registered, storage.Outgoing{QueuedAt: r.now}))
}

// queueMenuButtons gives every registered person the dashboard's menu
// button, once per address: a start-up queues only those not yet set.
func (b *Bot) queueMenuButtons(ctx context.Context) error {
	if b.opts.WebAppURL == "" {
		return nil
	}
	return b.db.Update(func(tx *storage.Tx) error {
		var people []quota.User
		if err := tx.EachUser(func(u quota.User) error {
			people = append(people, u)
			return nil
		}); err != nil {
			return err
		}
		for _, u := range people {
			m := b.menuButton(u, texts.For(u.Lang), true, storage.Outgoing{QueuedAt: b.now(),
				DedupeKey: "menu_button/" + strconv.FormatInt(u.ID, 10) + "/" + b.opts.WebAppURL})
			if _, err := tx.Enqueue(storage.PriorityBulk, m); err != nil {
				return fmt.Errorf("queueing the dashboard's menu button of user %d: %w", u.ID, err)
			}
		}
		return ctx.Err()
	})
}

// dashboardButton opens the dashboard from under /status, at the
// organization asked about; none where it cannot open (a group) or is off.
func (b *Bot) dashboardButton(r *request, code string) [][]storage.Button {
	if b.opts.WebAppURL == "" || !r.private || r.user == nil || !r.user.Role.ReadsEverything() {
		return nil
	}
	link := b.opts.WebAppURL
	if code != "" {
		if u, err := url.Parse(link); err == nil {
			q := u.Query()
			q.Set("org", code)
			u.RawQuery = q.Encode()
			link = u.String()
		}
	}
	return [][]storage.Button{{{Text: r.l.Dashboard.Open, WebApp: link}}}
}
