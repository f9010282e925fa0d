package bot

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"

	"quotabot/quota"
	"quotabot/texts"
)

// newInvitationCode is 144 random bits, URL-safe, fitting Telegram's
// 64-character deep-link parameter.
func newInvitationCode() (string, error) {
	buf := make([]byte, 18)
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("drawing an invitation code: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(buf), nil
}

func (b *Bot) cmdInvite(r *request) error {
	fields := strings.Fields(r.args)
	if len(fields) == 0 {
		r.reply(r.l.InviteUsage)
		return nil
	}
	role, ok := texts.ParseRole(fields[0])
	orgs := fields[1:]
	if !ok && len(fields) > 1 {
		// Vietnamese role names are two words: "bí thư", "quản trị".
		role, ok = texts.ParseRole(fields[0] + " " + fields[1])
		orgs = fields[2:]
	}
	if !ok {
		r.reply(r.l.InviteUsage)
		return nil
	}
	switch role {
	case quota.RoleSecretary:
		if len(orgs) != 1 {
			r.reply(r.l.InviteOneOrg)
			return nil
		}
	case quota.RoleSpecialist:
		if len(orgs) == 0 {
			r.reply(r.l.InviteSomeOrg)
			return nil
		}
	default:
		if len(orgs) != 0 {
			r.reply(r.l.InviteNoOrg(r.l.Role(role)))
			return nil
		}
	}
	for i, c := range orgs {
		o, err := r.tx.FindOrg(c)
		if err != nil {
			r.reply(r.l.UnknownOrg(esc(c)))
			return nil
		}
		orgs[i] = o.Code
	}
	code, err := newInvitationCode()
	if err != nil {
		return err
	}
	inv := quota.Invitation{Code: code, Role: role, Orgs: orgs, CreatedBy: r.from.ID, CreatedAt: r.now, ExpiresAt: r.now.Add(b.opts.InviteTTL)}
	if err := r.tx.PutInvitation(inv); err != nil {
		return err
	}
	link := fmt.Sprintf("https://t.me/%s?start=%s", b.Username(), code)
	expires := inv.ExpiresAt.In(b.opts.Location).Format("02/01/2006 15:04")
	r.reply(r.l.InviteCreated(r.l.Role(role), b.orgSuffix(r, orgs), expires, esc(link)))
	return nil
}
