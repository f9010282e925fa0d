package bot

import (
	"strings"

	"quotabot/quota"
)

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
