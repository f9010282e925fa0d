package bot

import (
	"errors"
	"fmt"
	"strings"

	"quotabot/quota"
	"quotabot/storage"
)

func displayName(r *request) string {
	if r.from == nil {
		return ""
	}
	return strings.TrimSpace(r.from.FirstName + " " + r.from.LastName)
}

func (b *Bot) cmdStart(r *request) error {
	name := esc(displayName(r))
	code := strings.TrimSpace(r.args)
	if code == "" {
		if r.user == nil {
			r.reply(r.l.GreetingUnregistered(name, fmt.Sprint(r.from.ID)))
			return nil
		}
		if b.isConfigAdmin(r.from.ID) {
			// An admin from the configuration needs no invitation, but is
			// saved so reminders and notices can reach them.
			if err := b.saveUser(r, quota.RoleAdmin, nil, 0); err != nil {
				return err
			}
		}
		r.reply(r.l.Greeting(name))
		return nil
	}
	if !r.private {
		r.reply(r.l.GroupPrivate)
		return nil
	}
	if r.user != nil && !b.isConfigAdmin(r.from.ID) {
		// An invitation never changes an existing registration silently.
		if _, err := r.tx.Invitation(code); err == nil {
			r.reply(r.l.AlreadyRegistered(r.l.Role(r.user.Role)))
			return nil
		}
	}
	inv, err := r.tx.RedeemInvitation(code, r.from.ID, r.now)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		r.reply(r.l.InvitationUnknown)
		return nil
	case errors.Is(err, storage.ErrInvitationUsed):
		r.reply(r.l.InvitationUsed)
		return nil
	case errors.Is(err, storage.ErrInvitationExpired):
		r.reply(r.l.InvitationExpired)
		return nil
	case err != nil:
		return err
	}
	if err := b.saveUser(r, inv.Role, inv.Orgs, inv.CreatedBy); err != nil {
		return err
	}
	r.reply(r.l.Registered(r.l.Role(inv.Role), b.orgSuffix(r, inv.Orgs)))
	return nil
}

func (b *Bot) orgSuffix(r *request, codes []string) string {
	if len(codes) == 0 {
		return ""
	}
	names := make([]string, 0, len(codes))
	for _, c := range codes {
		if o, err := r.tx.Org(c); err == nil {
			names = append(names, esc(o.Name))
		} else {
			names = append(names, esc(c))
		}
	}
	return r.l.RegisteredOrg(strings.Join(names, ", "))
}

func (b *Bot) saveUser(r *request, role quota.Role, orgs []string, invitedBy int64) error {
	u := quota.User{ID: r.from.ID, RegisteredAt: r.now, InvitedBy: invitedBy}
	if old, err := r.tx.User(r.from.ID); err == nil {
		u = old
	}
	u.Role, u.Orgs = role, orgs
	u.Name = displayName(r)
	u.Username = r.from.Username
	u.ChatID = r.chatID
	u.Unreachable = false
	if u.Lang == "" {
		u.Lang = r.l.Code()
	}
	if _, err := r.tx.PutUser(u); err != nil {
		return fmt.Errorf("registering user %d: %w", u.ID, err)
	}
	r.user = &u
	b.queueMenuButton(r, u, true)
	return nil
}
