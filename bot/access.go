package bot

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"sort"
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
	return nil
}

func (b *Bot) cmdHelp(r *request) error {
	r.reply(helpFor(r.l, r.user))
	return nil
}

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
		o, err := r.tx.Org(c)
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

func (b *Bot) cmdCancel(r *request) error {
	if r.user != nil {
		if err := r.tx.DeleteDialog(r.user.ID); err != nil {
			return err
		}
	}
	r.reply(r.l.DialogCancelled)
	return nil
}

// maxUserLines bounds the /users reply; a national committee has
// thousands, and the reply is split into several messages anyway.
const maxUserLines = 500

// cmdUsers lists the registered users, admins and leaders first.
func (b *Bot) cmdUsers(r *request) error {
	var users []quota.User
	if err := r.tx.EachUser(func(u quota.User) error {
		if b.isConfigAdmin(u.ID) {
			u.Role = quota.RoleAdmin
		}
		users = append(users, u)
		return nil
	}); err != nil {
		return err
	}
	rank := func(role quota.Role) int { return slices.Index(quota.Roles, role) }
	sort.SliceStable(users, func(i, j int) bool { return rank(users[i].Role) < rank(users[j].Role) })
	lines := []string{r.l.UsersHead(len(users))}
	for i, u := range users {
		if i == maxUserLines {
			lines = append(lines, r.l.MoreLines(len(users)-i))
			break
		}
		orgs := ""
		if len(u.Orgs) > 0 {
			orgs = " " + esc(strings.Join(u.Orgs, ", "))
		}
		blocked := ""
		if u.Unreachable {
			blocked = r.l.UsersUnreachable
		}
		name := u.Name
		if name == "" {
			name = "—"
		}
		lines = append(lines, r.l.UsersItem(esc(name), r.l.Role(u.Role), orgs, strconv.FormatInt(u.ID, 10), blocked))
	}
	r.reply(strings.Join(lines, "\n"))
	return nil
}

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
	if err := dropMenu(r.tx, u, r.now); err != nil {
		return err
	}
	r.reply(r.l.Revoked(esc(u.Name), ids, r.l.Role(u.Role)))
	return nil
}

// cmdOrg shows an organization, or deactivates or reactivates it.
// Nothing is deleted: a deactivated organization keeps its history and
// its figures, and only stops taking reports and reminders.
func (b *Bot) cmdOrg(r *request) error {
	fields := strings.Fields(r.args)
	if len(fields) == 0 || len(fields) > 2 {
		r.reply(r.l.OrgUsage)
		return nil
	}
	org, err := r.tx.Org(fields[0])
	if err != nil {
		r.reply(r.l.UnknownOrg(esc(fields[0])))
		return nil
	}
	if len(fields) == 2 {
		switch strings.ToLower(fields[1]) {
		case "off":
			org.Inactive = true
		case "on":
			org.Inactive = false
		default:
			r.reply(r.l.OrgUsage)
			return nil
		}
		if _, err := r.tx.PutOrg(org); err != nil {
			return err
		}
		if org.Inactive {
			r.reply(r.l.OrgDeactivated(esc(org.Name)))
		} else {
			r.reply(r.l.OrgReactivated(esc(org.Name)))
		}
		return nil
	}
	parent := r.l.OrgTop
	if org.Parent != "" {
		parent = esc(orgName(r.tx, org.Parent)) + " (<code>" + esc(org.Parent) + "</code>)"
	}
	state := r.l.OrgActive
	if org.Inactive {
		state = r.l.OrgInactiveState
	}
	var secs []string
	if err := r.tx.EachUser(func(u quota.User) error {
		if u.Role == quota.RoleSecretary && u.HasOrg(org.Code) {
			secs = append(secs, esc(u.Name)+" ("+strconv.FormatInt(u.ID, 10)+")")
		}
		return nil
	}); err != nil {
		return err
	}
	who := r.l.OrgNone
	if len(secs) > 0 {
		who = strings.Join(secs, ", ")
	}
	t := r.tx.Tally(r.today.Year, org.Code)
	r.reply(r.l.OrgCard(esc(org.Name), esc(org.Code), parent, state, strconv.Itoa(r.today.Year), t.Quota, t.Admitted, who))
	return nil
}
