package bot

import (
	"strconv"
	"strings"

	"quotabot/quota"
)

// cmdOrg shows an organization, or deactivates or reactivates it.
// Nothing is deleted: a deactivated organization keeps its history and
// its figures, and only stops taking reports and reminders.
func (b *Bot) cmdOrg(r *request) error {
	fields := strings.Fields(r.args)
	if len(fields) == 0 || len(fields) > 2 {
		r.reply(r.l.OrgUsage)
		return nil
	}
	org, err := r.tx.FindOrg(fields[0])
	if err != nil {
		r.reply(r.l.UnknownOrg(esc(fields[0])))
		return nil
	}
	if len(fields) == 2 {
		switch strings.ToLower(fields[1]) {
		case "off":
			if !org.Inactive {
				org.Deactivate(r.today)
			}
		case "on":
			org.Reactivate()
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
			sec := esc(u.Name) + " (" + strconv.FormatInt(u.ID, 10) + ")"
			if u.Unreachable { // registered, but no message reaches them
				sec += r.l.UsersUnreachable
			}
			secs = append(secs, sec)
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
