package bot

import (
	"context"
	"fmt"

	"github.com/go-telegram/bot/models"

	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
)

// Dashboard is the chat's side of the Mini App: who a person is to the
// chat, the figures /status computes and the chat's own words, so the
// dashboard has no second source of truth.
type Dashboard struct{ b *Bot }

// Dashboard gives the dashboard its view of the chat.
func (b *Bot) Dashboard() Dashboard { return Dashboard{b} }

// Who is the chat's view of a person: their registration, a configuration
// admin as admin, and the language the chat answers them in; ok is false
// for a stranger.
func (d Dashboard) Who(tx *storage.Tx, id int64, languageCode string) (u quota.User, lang string, ok bool) {
	l := texts.For(languageCode)
	u, err := tx.User(id)
	switch {
	case err == nil:
		if u.LangChosen {
			l = texts.For(u.Lang)
		}
	case d.b.isConfigAdmin(id):
		u = quota.User{ID: id, Role: quota.RoleAdmin}
	default:
		return quota.User{}, l.Code(), false
	}
	if d.b.isConfigAdmin(id) {
		u.Role = quota.RoleAdmin
	}
	return u, l.Code(), true
}

// Today is the chat's date.
func (d Dashboard) Today() quota.Date { return d.b.today() }

// AsOf is the date a year's progress is measured on.
func (d Dashboard) AsOf(year int, today quota.Date) quota.Date { return quota.AsOf(year, today) }

// Summary is the committee's standing, as /status shows it.
func (d Dashboard) Summary(tx *storage.Tx, year int, today quota.Date, keep int) (quota.Summary, error) {
	return d.b.summarize(tx, year, today, keep)
}

// OrgProgress is an organization's standing with its subtree, as
// /status <org> shows it, with its parts (its own first) and the
// subtree's advanced candidates.
func (d Dashboard) OrgProgress(tx *storage.Tx, code string, year int, on quota.Date) (quota.Progress, []quota.Progress, int, error) {
	f, err := d.b.orgProgress(tx, code, year, on)
	return f.Progress, f.Parts, f.Advanced, err
}

// CommitteeCount is the committee's admitted figure for a year on the
// day, named or imported, as /status counts it.
func (d Dashboard) CommitteeCount(tx *storage.Tx, year int, on quota.Date) (quota.YearCount, error) {
	return d.b.committeeCount(tx, year, on)
}

// EachProgress calls f with every organization's own standing, from the
// same pass a committee /status makes; p.Org is valid only during the call.
func (d Dashboard) EachProgress(tx *storage.Tx, year int, on quota.Date, f func(p quota.Progress, advanced int)) error {
	return d.b.eachProgress(tx, year, on, f)
}

// SamePeriodLastYear counts what /status compares with.
func (d Dashboard) SamePeriodLastYear(tx *storage.Tx, code string, year int, on quota.Date) int {
	return samePeriodLastYear(tx, code, year, on)
}

// Pipeline is the candidates by source and the year's conversion of the
// organizations, as /status counts them.
func (d Dashboard) Pipeline(tx *storage.Tx, codes []string, year int) (map[quota.Source]int, int, int, error) {
	ps, err := countPipeline(tx, codes, year)
	return ps.BySource, ps.Introduced, ps.Admitted, err
}

// ProbationWindow is how far ahead /status lists probations ending.
func (d Dashboard) ProbationWindow() int { return probationSoon }

// Run runs a chat command as the person had typed it in their private
// chat with the bot: the same checks, and the replies go through the
// outbox to that chat.
func (d Dashboard) Run(ctx context.Context, u quota.User, lang, text string) error {
	chat := u.ChatID
	if chat == 0 {
		chat = u.ID
	}
	upd := &models.Update{Message: &models.Message{
		From: &models.User{ID: u.ID, FirstName: u.Name, Username: u.Username, LanguageCode: lang},
		Chat: models.Chat{ID: chat, Type: models.ChatTypePrivate},
		Text: text,
	}}
	// As HandleUpdate: what a command needs from outside the database
	// (the drafted report) is made before the transaction.
	pre := d.b.prefetch(ctx, upd)
	err := d.b.db.Update(func(tx *storage.Tx) error {
		r := d.b.newRequest(ctx, tx, upd)
		r.pre = pre
		if err := d.b.route(r); err != nil {
			return err
		}
		return r.flush()
	})
	if err != nil {
		return fmt.Errorf("running %q for user %d from the dashboard: %w", text, u.ID, err)
	}
	d.b.outbox.Wake()
	return nil
}

// Sends are the chat's commands that send a document of the year to the
// person, by what they send: the dashboard's send buttons run them.
func (d Dashboard) Sends() map[string]string {
	out := map[string]string{"export": "/export"}
	if _, ok := findCommand("draft"); ok {
		out["report"] = "/draft"
	}
	return out
}

// Term is the standing on the term the year belongs to, of the committee
// (code "") or of an organization with its subtree, as /status shows it
// beside the year; ok is false when the term has no quota.
func (d Dashboard) Term(tx *storage.Tx, code string, year int, today quota.Date) (p quota.Progress, ok bool, err error) {
	t, ok := CurrentTerm(tx, year)
	if !ok {
		return quota.Progress{}, false, nil
	}
	if code == "" {
		ts, err := d.b.termSummary(tx, t, quota.AsOf(year, today), 3)
		if err != nil || ts.Quota == 0 {
			return quota.Progress{}, false, err
		}
		return quota.Progress{Term: t, On: ts.On, Quota: ts.Quota, Admitted: ts.Admitted, Expected: ts.Expected}, true, nil
	}
	return d.b.TermProgress(tx, code, tx.Subtree(code), t, t.AsOf(quota.AsOf(year, today)))
}

// YearAtRisk reports whether /status warns of organizations at risk of
// missing the year's quota (reminders.by year or both).
func (d Dashboard) YearAtRisk() bool { return d.b.opts.RemindBy.Year() }
