package bot

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
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
		// An invitation never changes an existing registration silently;
		// one for another role or organization says how to change.
		if inv, err := r.tx.Invitation(code); err == nil {
			if inv.Role == r.user.Role && slices.Equal(inv.Orgs, r.user.Orgs) {
				r.reply(r.l.AlreadyRegistered(r.l.Role(r.user.Role)))
				return nil
			}
			r.reply(r.l.AlreadyRegisteredOther(r.l.Role(r.user.Role)+b.orgSuffix(r, r.user.Orgs),
				r.l.Role(inv.Role)+b.orgSuffix(r, inv.Orgs), strconv.FormatInt(r.from.ID, 10)))
			return nil
		}
	}
	inv, err := r.tx.RedeemInvitation(code, r.from.ID, r.now)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		r.reply(r.l.InvitationUnknown)
		return nil
	case errors.Is(err, quota.ErrInvitationUsed):
		r.reply(r.l.InvitationUsed)
		return nil
	case errors.Is(err, quota.ErrInvitationExpired):
		r.reply(r.l.InvitationExpired)
		return nil
	case err != nil:
		return err
	}
	if err := b.saveUser(r, inv.Role, inv.Orgs, inv.CreatedBy); err != nil {
		return err
	}
	r.reply(r.l.Registered(r.l.Role(inv.Role), b.orgSuffix(r, inv.Orgs)))
	// The admin who made the invitation learns it was taken, and by whom.
	if inv.CreatedBy != 0 && inv.CreatedBy != r.from.ID {
		chat, l := inv.CreatedBy, r.l
		if creator, err := r.tx.User(inv.CreatedBy); err == nil {
			chat, l = chatOf(creator), texts.For(creator.Lang)
		}
		r.send(chat, storage.PriorityReply, l.InvitationRedeemed(esc(displayName(r)), strconv.FormatInt(r.from.ID, 10),
			l.Role(inv.Role)+b.orgSuffixIn(r, l, inv.Orgs)), nil)
	}
	return nil
}

// chatOf is where a registered person's messages go.
func chatOf(u quota.User) int64 {
	if u.ChatID != 0 {
		return u.ChatID
	}
	return u.ID
}

func (b *Bot) orgSuffix(r *request, codes []string) string { return b.orgSuffixIn(r, r.l, codes) }

// orgSuffixIn is orgSuffix in another person's language.
func (b *Bot) orgSuffixIn(r *request, l *texts.Lang, codes []string) string {
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
	return l.RegisteredOrg(strings.Join(names, ", "))
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
