package bot

import (
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
)

// What the scheduled jobs need of the chat: the way it writes names and
// says a standing, so a digest reads like a reply.

// Esc escapes a user-supplied string for Telegram HTML.
func Esc(s string) string { return esc(s) }

// OrgName is an organization's name, or its code when it has none.
func OrgName(tx *storage.Tx, code string) string { return orgName(tx, code) }

// CommitteeStatus is the committee's standing, as /status says it.
func (b *Bot) CommitteeStatus(tx *storage.Tx, l *texts.Lang, year int, today quota.Date) (string, error) {
	return b.committeeStatus(tx, l, year, today)
}
