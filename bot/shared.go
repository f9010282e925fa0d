package bot

import (
	"quotabot/quota"
	"quotabot/storage"
)

// What the scheduled jobs need of the chat: its languages and the way it
// says a standing, so a digest reads like a reply.

// Lang is one language of the chat's texts.
type Lang = lang

// LangFor is the language for a Telegram language code or a user's choice.
func LangFor(code string) Lang { return langFor(code) }

// RoleName is a role in the language.
func (l lang) RoleName(role quota.Role) string { return l.roleName(role) }

// Esc escapes a user-supplied string for Telegram HTML.
func Esc(s string) string { return esc(s) }

// OrgName is an organization's name, or its code when it has none.
func OrgName(tx *storage.Tx, code string) string { return orgName(tx, code) }

// CommitteeStatus is the committee's standing, as /status says it.
func (b *Bot) CommitteeStatus(tx *storage.Tx, l Lang, year int, today quota.Date) (string, error) {
	return b.committeeStatus(tx, l, year, today)
}
