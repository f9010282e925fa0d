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
			r.reply(r.l.T("greeting_unregistered", name, fmt.Sprint(r.from.ID)))
			return nil
		}
		if b.isConfigAdmin(r.from.ID) {
			// An admin from the configuration needs no invitation, but is
			// saved so reminders and notices can reach them.
			if err := b.saveUser(r, quota.RoleAdmin, nil, 0); err != nil {
				return err
			}
		}
		r.reply(r.l.T("greeting", name))
		return nil
	}
	if !r.private {
		r.reply(r.l.T("group_private"))
		return nil
	}
	if r.user != nil && !b.isConfigAdmin(r.from.ID) {
		// An invitation never changes an existing registration silently.
		if _, err := r.tx.Invitation(code); err == nil {
			r.reply(r.l.T("already_registered", r.l.roleName(r.user.Role)))
			return nil
		}
	}
	inv, err := r.tx.RedeemInvitation(code, r.from.ID, r.now)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		r.reply(r.l.T("invitation_unknown"))
		return nil
	case errors.Is(err, storage.ErrInvitationUsed):
		r.reply(r.l.T("invitation_used"))
		return nil
	case errors.Is(err, storage.ErrInvitationExpired):
		r.reply(r.l.T("invitation_expired"))
		return nil
	case err != nil:
		return err
	}
	if err := b.saveUser(r, inv.Role, inv.Orgs, inv.CreatedBy); err != nil {
		return err
	}
	r.reply(r.l.T("registered", r.l.roleName(inv.Role), b.orgSuffix(r, inv.Orgs)))
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
	return r.l.T("registered_org", strings.Join(names, ", "))
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
		u.Lang = r.l.code
	}
	if _, err := r.tx.PutUser(u); err != nil {
		return fmt.Errorf("registering user %d: %w", u.ID, err)
	}
	r.user = &u
	return nil
}

func (b *Bot) cmdHelp(r *request) error {
	if r.user == nil {
		r.reply(r.l.T("help_head_anonymous"))
		return nil
	}
	role := r.user.Role
	lines := []string{r.l.T("help_head", r.l.roleName(role)), r.l.T("help_start")}
	switch role {
	case quota.RoleSecretary:
		lines = append(lines, r.l.T("help_report"), r.l.T("help_undo"), r.l.T("help_status_secretary"), r.l.T("help_history"),
			r.l.T("help_candidate"), r.l.T("help_official"))
	case quota.RoleAdmin:
		lines = append(lines, r.l.T("help_status"), r.l.T("help_history"), r.l.T("help_export"), r.l.T("help_chart"), r.l.T("help_rating"),
			r.l.T("help_candidate_reader"), r.l.T("help_invite"), r.l.T("help_org"), r.l.T("help_users"), r.l.T("help_remind"), r.l.T("help_import"))
	default:
		lines = append(lines, r.l.T("help_status"), r.l.T("help_history"), r.l.T("help_export"), r.l.T("help_chart"), r.l.T("help_rating"),
			r.l.T("help_candidate_reader"))
	}
	lines = append(lines, r.l.T("help_lang"))
	r.reply(lines[0] + "\n\n" + strings.Join(lines[1:], "\n"))
	return nil
}

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
		r.reply(r.l.T("invite_usage"))
		return nil
	}
	role, ok := quota.ParseRole(fields[0])
	orgs := fields[1:]
	if !ok && len(fields) > 1 {
		// Vietnamese role names are two words: "bí thư", "quản trị".
		role, ok = quota.ParseRole(fields[0] + " " + fields[1])
		orgs = fields[2:]
	}
	if !ok {
		r.reply(r.l.T("invite_usage"))
		return nil
	}
	switch role {
	case quota.RoleSecretary:
		if len(orgs) != 1 {
			r.reply(r.l.T("invite_one_org"))
			return nil
		}
	case quota.RoleSpecialist:
		if len(orgs) == 0 {
			r.reply(r.l.T("invite_some_org"))
			return nil
		}
	default:
		if len(orgs) != 0 {
			r.reply(r.l.T("invite_no_org", r.l.roleName(role)))
			return nil
		}
	}
	for i, c := range orgs {
		o, err := r.tx.Org(c)
		if err != nil {
			r.reply(r.l.T("unknown_org", esc(c)))
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
	r.reply(r.l.T("invite_created", r.l.roleName(role), b.orgSuffix(r, orgs), expires, esc(link)))
	return nil
}

func (b *Bot) cmdCancel(r *request) error {
	if r.user != nil {
		if err := r.tx.DeleteDialog(r.user.ID); err != nil {
			return err
		}
	}
	r.reply(r.l.T("dialog_cancelled"))
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
	lines := []string{r.l.T("users_head", len(users))}
	for i, u := range users {
		if i == maxUserLines {
			lines = append(lines, r.l.T("more_lines", len(users)-i))
			break
		}
		orgs := ""
		if len(u.Orgs) > 0 {
			orgs = " " + esc(strings.Join(u.Orgs, ", "))
		}
		blocked := ""
		if u.Unreachable {
			blocked = r.l.T("users_unreachable")
		}
		name := u.Name
		if name == "" {
			name = "—"
		}
		lines = append(lines, r.l.T("users_item", esc(name), r.l.roleName(u.Role), orgs, strconv.FormatInt(u.ID, 10), blocked))
	}
	r.reply(strings.Join(lines, "\n"))
	return nil
}

// cmdRevoke removes a user's registration; what they reported stays.
func (b *Bot) cmdRevoke(r *request) error {
	id, err := strconv.ParseInt(strings.TrimSpace(r.args), 10, 64)
	if err != nil || id <= 0 {
		r.reply(r.l.T("revoke_usage"))
		return nil
	}
	ids := strconv.FormatInt(id, 10)
	switch {
	case id == r.from.ID:
		r.reply(r.l.T("revoke_self"))
		return nil
	case b.isConfigAdmin(id):
		r.reply(r.l.T("revoke_config_admin", ids))
		return nil
	}
	u, err := r.tx.User(id)
	if errors.Is(err, storage.ErrNotFound) {
		r.reply(r.l.T("revoke_unknown", ids))
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
	r.reply(r.l.T("revoked", esc(u.Name), ids, r.l.roleName(u.Role)))
	return nil
}

// cmdOrg shows an organization, or deactivates or reactivates it.
// Nothing is deleted: a deactivated organization keeps its history and
// its figures, and only stops taking reports and reminders.
func (b *Bot) cmdOrg(r *request) error {
	fields := strings.Fields(r.args)
	if len(fields) == 0 || len(fields) > 2 {
		r.reply(r.l.T("org_usage"))
		return nil
	}
	org, err := r.tx.Org(fields[0])
	if err != nil {
		r.reply(r.l.T("unknown_org", esc(fields[0])))
		return nil
	}
	if len(fields) == 2 {
		switch strings.ToLower(fields[1]) {
		case "off":
			org.Inactive = true
		case "on":
			org.Inactive = false
		default:
			r.reply(r.l.T("org_usage"))
			return nil
		}
		if _, err := r.tx.PutOrg(org); err != nil {
			return err
		}
		key := "org_reactivated"
		if org.Inactive {
			key = "org_deactivated"
		}
		r.reply(r.l.T(key, esc(org.Name)))
		return nil
	}
	parent := r.l.T("org_top")
	if org.Parent != "" {
		parent = esc(orgName(r.tx, org.Parent)) + " (<code>" + esc(org.Parent) + "</code>)"
	}
	state := r.l.T("org_active")
	if org.Inactive {
		state = r.l.T("org_inactive_state")
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
	who := r.l.T("org_none")
	if len(secs) > 0 {
		who = strings.Join(secs, ", ")
	}
	t := r.tx.Tally(r.today.Year, org.Code)
	card := r.l.T("org_card", esc(org.Name), esc(org.Code), parent, state, strconv.Itoa(r.today.Year), t.Quota, t.Admitted, who)
	ql, err := quotaDecisionLines(r.tx, r.l, org.Code, r.today.Year)
	if err != nil {
		return err
	}
	if len(ql) > 0 {
		card += "\n" + strings.Join(ql, "\n")
	}
	r.reply(card)
	return nil
}

// quotaDecisionLines are an organization's quotas of this year and of its
// terms, each with the decision that set it and the earlier values.
func quotaDecisionLines(tx *storage.Tx, l lang, code string, year int) ([]string, error) {
	var recs []quota.QuotaRecord
	if rec, err := tx.YearQuota(year, code); err == nil {
		recs = append(recs, rec)
	} else if !isNotFound(err) {
		return nil, err
	}
	terms, err := tx.TermQuotasOf(code)
	if err != nil {
		return nil, err
	}
	recs = append(recs, terms...)
	var lines []string
	for _, rec := range recs {
		what := strconv.Itoa(rec.Year)
		if !rec.Term.IsZero() {
			what = l.T("org_term", rec.Term.String())
		}
		lines = append(lines, l.T("org_quota_line", what, rec.Current.Quota, decisionNote(l, rec.Current.Decision)))
		if len(rec.History) == 0 {
			continue
		}
		var earlier []string
		for i := len(rec.History) - 1; i >= 0; i-- { // the latest first
			h := rec.History[i]
			earlier = append(earlier, l.T("org_earlier_item", h.Quota, decisionNote(l, h.Decision)))
		}
		lines = append(lines, l.T("org_earlier", strings.Join(earlier, "; ")))
	}
	return lines, nil
}

// decisionNote is " (theo Quyết định 2323-QĐ/ĐUK, 11/04/2019)", or
// nothing when no decision is known.
func decisionNote(l lang, d quota.Decision) string {
	if d.IsZero() {
		return ""
	}
	return l.T("org_decision", esc(d.String()))
}
