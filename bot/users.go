package bot

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"quotabot/quota"
)

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
