package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
	"quotabot/transport"
)

// The command menu is set per person: the default scope holds what a
// person not registered may use, and each registered user's private chat
// gets the commands of their role, in their language, once each. Both come
// from the command table, as /help does. A user's menu is queued with the
// first update of theirs that finds it missing or different (after they
// register, change role or language, or an upgrade changed the commands),
// when Telegram knows their chat; the default menu covers them until then.

// menuFor is the menu of a user (nil: a person not registered).
func menuFor(l *texts.Lang, u *quota.User) []storage.Command {
	var cmds []storage.Command
	for _, c := range commands {
		if c.text != nil && c.mayUse(u) {
			cmds = append(cmds, storage.Command{Command: c.name, Description: c.text(l).Menu})
		}
	}
	return cmds
}

// helpFor is /help for a user (nil: a person not registered): every
// command they may use, with its other names and an example.
func helpFor(l *texts.Lang, u *quota.User) string {
	var lines []string
	if u == nil {
		lines = append(lines, l.HelpHeadAnonymous, "")
	} else {
		lines = append(lines, l.HelpHead(l.Role(u.Role)), "")
	}
	for _, c := range commands {
		if c.text == nil || !c.mayUse(u) {
			continue
		}
		t := c.text(l)
		help := t.Help
		if u != nil && u.Role == quota.RoleSecretary && t.HelpSecretary != "" {
			help = t.HelpSecretary
		}
		names := "/" + c.name
		if len(c.aliases) > 0 {
			names += l.HelpAliases("/" + strings.Join(c.aliases, ", /"))
		}
		lines = append(lines, names+" — "+help)
	}
	switch {
	case u == nil:
		lines = append(lines, "", l.HelpInvitationHint)
	case u.Role == quota.RoleAdmin:
		lines = append(lines, l.HelpImport, l.HelpImportAdmissions)
	}
	return strings.Join(lines, "\n")
}

// publishCommands sets the default menu, for people not registered, in
// every language: the default language for clients in any other.
func (b *Bot) publishCommands(ctx context.Context) error {
	for _, l := range texts.Languages {
		p := &tgbot.SetMyCommandsParams{Commands: botCommands(menuFor(l, nil))}
		if l != texts.Default {
			p.LanguageCode = l.Code()
		}
		err := transport.HonouringRetryAfter(ctx, b.opts.Sleep, 3, func(ctx context.Context) error {
			_, err := b.api.SetMyCommands(ctx, p)
			return err
		})
		if err != nil {
			return fmt.Errorf("setting the default command menu in %s: %w", l.Name, err)
		}
	}
	return nil
}

func botCommands(cmds []storage.Command) []models.BotCommand {
	out := make([]models.BotCommand, len(cmds))
	for i, c := range cmds {
		out[i] = models.BotCommand{Command: c.Command, Description: c.Description}
	}
	return out
}

// menuFingerprint names a menu, so a menu already queued is not queued
// again.
func menuFingerprint(cmds []storage.Command) string {
	data, _ := json.Marshal(cmds)
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:12])
}

// menus keeps each (language, role) menu with its fingerprint: the
// command table never changes while the bot runs, and every private
// message of a registered user checks its menu.
var menus sync.Map // menuKey -> menuEntry

type menuKey struct {
	lang *texts.Lang
	role quota.Role
}

type menuEntry struct {
	cmds []storage.Command
	fp   string
}

func menuOf(l *texts.Lang, role quota.Role) menuEntry {
	k := menuKey{l, role}
	if e, ok := menus.Load(k); ok {
		return e.(menuEntry)
	}
	cmds := menuFor(l, &quota.User{Role: role})
	e := menuEntry{cmds: cmds, fp: menuFingerprint(cmds)}
	menus.Store(k, e)
	return e
}

// queueMenu queues the menu of a user's private chat, in language l, in
// the transaction tx, unless that very menu was the last one queued.
func queueMenu(tx *storage.Tx, u quota.User, l *texts.Lang, p storage.Priority, now time.Time) error {
	m := menuOf(l, u.Role)
	cmds, fp := m.cmds, m.fp
	if tx.Menu(u.ID) == fp {
		return nil
	}
	if _, err := tx.Enqueue(p, storage.Outgoing{Kind: storage.KindCommands, ChatID: privateChat(u), Commands: cmds, QueuedAt: now}); err != nil {
		return err
	}
	_, err := tx.PutMenu(u.ID, fp)
	return err
}

// dropMenu queues the removal of a user's own menu, whose access ended:
// their chat falls back to the default menu.
func dropMenu(tx *storage.Tx, u quota.User, now time.Time) error {
	if tx.Menu(u.ID) == "" {
		return nil
	}
	if _, err := tx.Enqueue(storage.PriorityReply, storage.Outgoing{Kind: storage.KindCommands, ChatID: privateChat(u), QueuedAt: now}); err != nil {
		return err
	}
	return tx.DeleteMenu(u.ID)
}

func privateChat(u quota.User) int64 {
	if u.ChatID != 0 {
		return u.ChatID
	}
	return u.ID
}
