package bot

import (
	"slices"

	"github.com/go-telegram/bot/models"

	"quotabot/quota"
)

// command is one chat command and who may use it.
type command struct {
	name        string
	aliases     []string
	roles       []quota.Role // nil: anyone, registered or not
	privateOnly bool
	menu        string // text key of its menu entry; "" keeps it out of the menu
	run         func(b *Bot, r *request) error
}

var everyone = []quota.Role{quota.RoleAdmin, quota.RoleLeader, quota.RoleSpecialist, quota.RoleSecretary}
var readers = []quota.Role{quota.RoleAdmin, quota.RoleLeader, quota.RoleSpecialist}

// commands is the chat interface of SPEC §4. Its names are a contract.
var commands = []command{
	{name: "start", menu: "menu_start", run: (*Bot).cmdStart},
	{name: "help", menu: "menu_help", run: (*Bot).cmdHelp},
	{name: "report", aliases: []string{"baocao"}, roles: []quota.Role{quota.RoleSecretary}, menu: "menu_report", run: (*Bot).cmdReport},
	{name: "undo", roles: []quota.Role{quota.RoleSecretary}, menu: "menu_undo", run: (*Bot).cmdUndo},
	{name: "status", aliases: []string{"tiendo"}, roles: everyone, menu: "menu_status", run: (*Bot).cmdStatus},
	{name: "invite", roles: []quota.Role{quota.RoleAdmin}, privateOnly: true, menu: "menu_invite", run: (*Bot).cmdInvite},
	{name: "remind", roles: []quota.Role{quota.RoleAdmin}, menu: "menu_remind", run: (*Bot).cmdRemind},
	{name: "export", roles: readers, menu: "menu_export", run: (*Bot).cmdExport},
	{name: "chart", roles: readers, menu: "menu_chart", run: (*Bot).cmdChart},
	{name: "history", aliases: []string{"lichsu"}, roles: everyone, menu: "menu_history", run: (*Bot).cmdHistory},
	{name: "candidate", aliases: []string{"nguon"}, roles: everyone, privateOnly: true, menu: "menu_candidate", run: (*Bot).cmdCandidate},
	{name: "official", aliases: []string{"chinhthuc"}, roles: []quota.Role{quota.RoleSecretary}, menu: "menu_official", run: (*Bot).cmdOfficial},
	{name: "rating", roles: readers, menu: "menu_rating", run: (*Bot).cmdRating},
	{name: "org", roles: []quota.Role{quota.RoleAdmin}, menu: "menu_org", run: (*Bot).cmdOrg},
	{name: "users", roles: []quota.Role{quota.RoleAdmin}, privateOnly: true, menu: "menu_users", run: (*Bot).cmdUsers},
	{name: "revoke", roles: []quota.Role{quota.RoleAdmin}, privateOnly: true, menu: "menu_revoke", run: (*Bot).cmdRevoke},
	{name: "lang", roles: everyone, menu: "menu_lang", run: (*Bot).cmdLang},
	{name: "cancel", run: (*Bot).cmdCancel},
}

func findCommand(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name || slices.Contains(c.aliases, name) {
			return c, true
		}
	}
	return command{}, false
}

// dispatch decides what an update means and who may do it.
func (b *Bot) dispatch(r *request) error {
	u := r.upd
	switch {
	case u.MyChatMember != nil:
		return b.chatMemberChanged(r)
	case u.CallbackQuery != nil:
		return b.callback(r)
	case u.EditedMessage != nil:
		if r.private {
			r.reply(r.l.T("edited_ignored"))
		}
		return nil
	case u.Message == nil || r.from == nil:
		return nil
	}
	switch r.cmd {
	case "@other":
		return nil // addressed to another bot in a group
	case "":
		if u.Message.Document != nil && r.private {
			return b.document(r)
		}
		if r.user != nil && r.private && r.text != "" {
			if handled, err := b.continueDialog(r); handled || err != nil {
				return err
			}
		}
		if r.private {
			r.reply(r.l.T("not_understood"))
		}
		return nil
	}
	c, ok := findCommand(r.cmd)
	if !ok {
		if r.private {
			r.reply(r.l.T("unknown_command", "/"+esc(r.cmd)))
		}
		return nil
	}
	if c.roles != nil {
		if r.user == nil {
			r.reply(r.l.T("not_registered"))
			return nil
		}
		if !slices.Contains(c.roles, r.user.Role) {
			r.reply(r.l.T("forbidden", r.l.roleName(r.user.Role)))
			return nil
		}
	}
	if c.privateOnly && !r.private {
		r.reply(r.l.T("group_private"))
		return nil
	}
	return c.run(b, r)
}

func (l lang) roleName(role quota.Role) string { return l.T("role_" + string(role)) }

// chatMemberChanged follows a person blocking or unblocking the bot.
func (b *Bot) chatMemberChanged(r *request) error {
	m := r.upd.MyChatMember
	if m.Chat.Type != models.ChatTypePrivate {
		return nil
	}
	blocked := m.NewChatMember.Type == models.ChatMemberTypeBanned
	_, err := r.tx.SetUnreachable(m.Chat.ID, blocked)
	return err
}
