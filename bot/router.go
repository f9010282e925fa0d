package bot

import (
	"slices"

	"github.com/go-telegram/bot/models"

	"quotabot/quota"
	"quotabot/texts"
)

// command is one chat command and who may use it.
type command struct {
	name        string
	aliases     []string
	roles       []quota.Role // nil: anyone, registered or not
	privateOnly bool
	// text is its entry in the menu and in /help; nil keeps it out of both.
	text func(l *texts.Lang) texts.Command
	run  func(b *Bot, r *request) error
}

var everyone = []quota.Role{quota.RoleAdmin, quota.RoleLeader, quota.RoleSpecialist, quota.RoleSecretary}
var readers = []quota.Role{quota.RoleAdmin, quota.RoleLeader, quota.RoleSpecialist}

// commands is the chat interface of SPEC §4. Its names are a contract;
// its order is the order of the menu and of /help. It is filled in init
// because /help and the menus, which some commands send, read it.
var commands []command

func init() {
	commands = []command{
		{name: "start", text: func(l *texts.Lang) texts.Command { return l.CmdStart }, run: (*Bot).cmdStart},
		{name: "help", text: func(l *texts.Lang) texts.Command { return l.CmdHelp }, run: (*Bot).cmdHelp},
		{name: "report", aliases: []string{"baocao"}, roles: []quota.Role{quota.RoleSecretary}, text: func(l *texts.Lang) texts.Command { return l.CmdReport }, run: (*Bot).cmdReport},
		{name: "undo", roles: []quota.Role{quota.RoleSecretary}, text: func(l *texts.Lang) texts.Command { return l.CmdUndo }, run: (*Bot).cmdUndo},
		{name: "correct", aliases: []string{"sua"}, roles: []quota.Role{quota.RoleSecretary}, privateOnly: true, text: func(l *texts.Lang) texts.Command { return l.CmdCorrect }, run: (*Bot).cmdCorrect},
		{name: "status", aliases: []string{"tiendo"}, roles: everyone, text: func(l *texts.Lang) texts.Command { return l.CmdStatus }, run: (*Bot).cmdStatus},
		{name: "history", aliases: []string{"lichsu"}, roles: everyone, text: func(l *texts.Lang) texts.Command { return l.CmdHistory }, run: (*Bot).cmdHistory},
		{name: "invite", roles: []quota.Role{quota.RoleAdmin}, privateOnly: true, text: func(l *texts.Lang) texts.Command { return l.CmdInvite }, run: (*Bot).cmdInvite},
		{name: "remind", roles: []quota.Role{quota.RoleAdmin}, text: func(l *texts.Lang) texts.Command { return l.CmdRemind }, run: (*Bot).cmdRemind},
		{name: "export", roles: readers, text: func(l *texts.Lang) texts.Command { return l.CmdExport }, run: (*Bot).cmdExport},
		{name: "chart", roles: readers, text: func(l *texts.Lang) texts.Command { return l.CmdChart }, run: (*Bot).cmdChart},
		{name: "candidate", aliases: []string{"nguon"}, roles: everyone, privateOnly: true, text: func(l *texts.Lang) texts.Command { return l.CmdCandidate }, run: (*Bot).cmdCandidate},
		{name: "admissions", aliases: []string{"danhsach"}, roles: everyone, privateOnly: true, text: func(l *texts.Lang) texts.Command { return l.CmdAdmissions }, run: (*Bot).cmdAdmissions},
		{name: "official", aliases: []string{"chinhthuc"}, roles: []quota.Role{quota.RoleSecretary}, text: func(l *texts.Lang) texts.Command { return l.CmdOfficial }, run: (*Bot).cmdOfficial},
		{name: "rating", roles: readers, text: func(l *texts.Lang) texts.Command { return l.CmdRating }, run: (*Bot).cmdRating},
		{name: "draft", aliases: []string{"duthao"}, roles: readers, text: func(l *texts.Lang) texts.Command { return l.CmdDraft }, run: (*Bot).cmdDraft},
		{name: "org", roles: []quota.Role{quota.RoleAdmin}, text: func(l *texts.Lang) texts.Command { return l.CmdOrg }, run: (*Bot).cmdOrg},
		{name: "users", roles: []quota.Role{quota.RoleAdmin}, privateOnly: true, text: func(l *texts.Lang) texts.Command { return l.CmdUsers }, run: (*Bot).cmdUsers},
		{name: "revoke", roles: []quota.Role{quota.RoleAdmin}, privateOnly: true, text: func(l *texts.Lang) texts.Command { return l.CmdRevoke }, run: (*Bot).cmdRevoke},
		{name: "lang", roles: everyone, text: func(l *texts.Lang) texts.Command { return l.CmdLang }, run: (*Bot).cmdLang},
		{name: "cancel", run: (*Bot).cmdCancel},
	}
}

// mayUse reports whether a user (nil: a person not registered) may use
// the command.
func (c command) mayUse(u *quota.User) bool {
	return c.roles == nil || u != nil && slices.Contains(c.roles, u.Role)
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
			r.reply(r.l.EditedIgnored)
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
			r.reply(r.l.NotUnderstood)
		}
		return nil
	}
	c, ok := findCommand(r.cmd)
	if !ok {
		if r.private {
			r.reply(r.l.UnknownCommand("/" + esc(r.cmd)))
		}
		return nil
	}
	if c.roles != nil {
		if r.user == nil {
			r.reply(r.l.NotRegistered)
			return nil
		}
		if !slices.Contains(c.roles, r.user.Role) {
			r.reply(r.l.Forbidden(r.l.Role(r.user.Role)))
			return nil
		}
	}
	if c.privateOnly && !r.private {
		r.reply(r.l.GroupPrivate)
		return nil
	}
	// Another command ends the dialog in progress, and says so: a message
	// typed later is no answer to it (a stray "cảm ơn" would otherwise
	// become the name of the admission being corrected).
	if r.private && c.name != "cancel" && r.tx.Dialog(r.from.ID) != nil {
		if err := r.tx.DeleteDialog(r.from.ID); err != nil {
			return err
		}
		r.reply(r.l.DialogCancelled)
	}
	return c.run(b, r)
}

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
