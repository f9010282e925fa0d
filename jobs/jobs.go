// Package jobs holds the scheduled jobs' bodies: reminders, digests,
// escalation, probation and backups. Each queues its messages in the
// outbox in one transaction, deduplicated by the run it stands for, and
// wakes the sender. The registry below lists every job once.
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"quotabot/bot"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
)

// Chat is what the jobs need of the chat: the committee's standing as
// /status says it, so a digest and a reply never differ.
type Chat interface {
	CommitteeStatus(tx *storage.Tx, l *texts.Lang, year int, today quota.Date) (string, error)
	// TermProgress is the standing on a term of an organization (codes
	// is it alone, or with its subtree); has is false without a term quota.
	TermProgress(tx *storage.Tx, code string, codes []string, t quota.Term, on quota.Date) (p quota.Progress, has bool, err error)
}

// Waker is told when the outbox has something new.
type Waker interface{ Wake() }

// Options configure the jobs. cmd builds them from the configuration.
type Options struct {
	Admins         []int64
	Location       *time.Location
	Pace           quota.Pace
	Now            func() time.Time
	Log            *slog.Logger
	ClosingLine    string // last line of every reminder
	EscalateAfter  int    // reminders in a row with no admission before escalating
	ReminderMode   quota.PaceMode
	RemindBy       quota.Driver // which quota drives reminders and the at-risk warning
	ProbationAhead int          // days before a probation's end the secretaries are told
	BackupDir      string       // where backups go; empty turns the backups job off
	KeepBackups    int          // how many backups are kept
}

// Jobs runs the scheduled jobs on a database.
type Jobs struct {
	opts   Options
	db     *storage.DB
	chat   Chat
	sender Waker
	log    *slog.Logger
}

// New builds the jobs; nothing runs until the scheduler calls them.
// Location and Now are the chat's, so a job and a reply agree on today.
func New(db *storage.DB, chat Chat, sender Waker, opts Options) *Jobs {
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	if opts.EscalateAfter <= 0 {
		opts.EscalateAfter = 3
	}
	return &Jobs{opts: opts, db: db, chat: chat, sender: sender, log: opts.Log}
}

// Func is one run of a job for the cron time it stands for.
type Func func(ctx context.Context, scheduled time.Time) error

type entry struct {
	name string
	run  func(*Jobs, context.Context, time.Time) error
	// messages: the job writes to people, so its runs wait out the
	// quiet hours and days off.
	messages bool
}

// registry lists every job once, by the name the configuration's
// schedule uses.
var registry = []entry{
	{"reminders", (*Jobs).Reminders, true},
	{"digests", (*Jobs).Digests, true},
	{"escalation", (*Jobs).Escalation, true},
	{"probation", (*Jobs).Probation, true},
	{"backups", (*Jobs).Backups, false},
}

// SendsMessages reports whether the named job writes to people, so that
// a run falling at night or on a day off is held until the next allowed
// moment.
func SendsMessages(name string) bool {
	i := slices.IndexFunc(registry, func(e entry) bool { return e.name == name })
	return i >= 0 && registry[i].messages
}

// Names lists the jobs there are, in the registry's order.
func Names() []string {
	names := make([]string, len(registry))
	for i, r := range registry {
		names[i] = r.name
	}
	return names
}

// Job is the job of that name; a name no job has is an error, so a
// schedule that names one stops the start instead of being skipped.
func (j *Jobs) Job(name string) (Func, error) {
	i := slices.IndexFunc(registry, func(e entry) bool { return e.name == name })
	if i < 0 {
		return nil, fmt.Errorf("no job is named %q; the jobs are %s", name, strings.Join(Names(), ", "))
	}
	run := registry[i].run
	return func(ctx context.Context, scheduled time.Time) error { return run(j, ctx, scheduled) }, nil
}

func (j *Jobs) now() time.Time { return j.opts.Now().In(j.opts.Location) }

func (j *Jobs) isConfigAdmin(id int64) bool { return slices.Contains(j.opts.Admins, id) }

// runKey names one run of a job; the outbox refuses to queue the same
// message of the same run twice.
func runKey(job string, scheduled time.Time) string {
	return job + "@" + scheduled.UTC().Format(time.RFC3339)
}

// people indexes registered users by role and organization.
type people struct {
	secretaries map[string][]quota.User // by organization
	blocked     map[string][]quota.User // secretaries who blocked the bot, by organization
	specialists []quota.User
	leaders     []quota.User
	admins      []quota.User
	unreachable []quota.User
}

func (j *Jobs) loadPeople(tx *storage.Tx) (people, error) {
	p := people{secretaries: map[string][]quota.User{}, blocked: map[string][]quota.User{}}
	err := tx.EachUser(func(u quota.User) error {
		if j.isConfigAdmin(u.ID) {
			u.Role = quota.RoleAdmin
		}
		if u.Unreachable {
			p.unreachable = append(p.unreachable, u)
			if u.Role == quota.RoleSecretary {
				for _, o := range u.Orgs {
					p.blocked[o] = append(p.blocked[o], u)
				}
			}
			return nil
		}
		switch u.Role {
		case quota.RoleSecretary:
			for _, o := range u.Orgs {
				p.secretaries[o] = append(p.secretaries[o], u)
			}
		case quota.RoleSpecialist:
			p.specialists = append(p.specialists, u)
		case quota.RoleLeader:
			p.leaders = append(p.leaders, u)
		case quota.RoleAdmin:
			p.admins = append(p.admins, u)
		}
		return nil
	})
	return p, err
}

// toSpecialistsOf calls f for each specialist whose assignment covers
// the organization (its lineage), with the specialist's language.
func (p people) toSpecialistsOf(lineage quota.Lineage, f func(u quota.User, l *texts.Lang) error) error {
	for _, u := range p.specialists {
		if !u.Covers(lineage) {
			continue
		}
		if err := f(u, texts.For(u.Lang)); err != nil {
			return err
		}
	}
	return nil
}

func chatOfUser(u quota.User) int64 {
	if u.ChatID != 0 {
		return u.ChatID
	}
	return u.ID
}

// enqueueBulk queues one message of a run to a user, at most once per run.
func enqueueBulk(tx *storage.Tx, run string, u quota.User, topic, text string, now time.Time) (bool, error) {
	return tx.Enqueue(storage.PriorityBulk, storage.Outgoing{
		Kind: storage.KindMessage, ChatID: chatOfUser(u), Text: text, QueuedAt: now,
		DedupeKey: run + "/" + topic + "/" + strconv.FormatInt(u.ID, 10),
	})
}

// dueReminder is why an organization is reminded: behind on the year,
// on the term, or both, with what the candidates leave short (-1: not at
// risk).
type dueReminder struct {
	year, term       *quota.Progress
	yearGap, termGap int
}

// QueueReminders sends each organization behind one reminder per
// secretary, in the secretary's language, and keeps the escalation count.
// reminders.by decides whether the year's quota, the term's or both make
// an organization behind and at risk.
func (j *Jobs) QueueReminders(tx *storage.Tx, run string, on quota.Date, now time.Time) (bot.RemindResult, error) {
	var res bot.RemindResult
	ppl, err := j.loadPeople(tx)
	if err != nil {
		return res, err
	}
	year := on.Year
	dues := map[string]*dueReminder{}
	get := func(code string) *dueReminder {
		d := dues[code]
		if d == nil {
			d = &dueReminder{yearGap: -1, termGap: -1}
			dues[code] = d
		}
		return d
	}
	if j.opts.RemindBy.Year() {
		err = tx.EachTallyWithPipeline(year, func(code string, t quota.Tally, advanced int) error {
			p := quota.NewProgress(code, year, on, t, j.opts.Pace)
			if !p.NeedsReminder(j.opts.ReminderMode) {
				return nil
			}
			p.Org = code
			d := get(code)
			d.year = &p
			if quota.AtRisk(t, advanced) {
				d.yearGap = t.Quota - t.Admitted - advanced
			}
			return nil
		})
		if err != nil {
			return res, err
		}
	}
	if term, ok := bot.CurrentTerm(tx, year); ok && j.opts.RemindBy.Term() {
		err = tx.EachTermQuota(term, func(rec quota.QuotaRecord) error {
			p, has, err := j.chat.TermProgress(tx, rec.Org, []string{rec.Org}, term, term.AsOf(on))
			if err != nil || !has || !p.NeedsReminder(j.opts.ReminderMode) {
				return err
			}
			d := get(rec.Org)
			d.term = &p
			if advanced := tx.Advanced(rec.Org); quota.TermAtRisk(p, advanced) {
				d.termGap = p.Quota - p.Admitted - advanced
			}
			return nil
		})
		if err != nil {
			return res, err
		}
	}
	codes := make([]string, 0, len(dues))
	for code := range dues {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	reminded := map[string]bool{}
	for _, code := range codes {
		d := dues[code]
		org, err := tx.Org(code)
		if err != nil || !org.CountsOn(on) {
			continue // a tally of a removed or deactivated organization reminds nobody
		}
		res.Orgs++
		secs := ppl.secretaries[code]
		switch {
		case len(secs) == 0 && len(ppl.blocked[code]) > 0:
			res.Blocked = append(res.Blocked, code)
		case len(secs) == 0:
			res.NoSecretary = append(res.NoSecretary, code)
		}
		for _, u := range secs {
			queued, err := enqueueBulk(tx, run, u, "remind/"+code, j.reminderText(texts.For(u.Lang), org, d, on), now)
			if err != nil {
				return res, err
			}
			if queued {
				res.Queued++
			}
		}
		// Only a reminder queued to someone counts toward escalation.
		st, ok := tx.Streak(code).Reminded(run, year, tx.Tally(year, code).Admitted, len(secs))
		if !ok {
			continue
		}
		reminded[code] = true
		if err := tx.PutStreak(code, st); err != nil {
			return res, err
		}
	}
	// An organization no longer behind, or that nobody could be reminded
	// in, starts afresh.
	var done []string
	if err := tx.EachStreak(func(org string, _ storage.Streak) error {
		if !reminded[org] {
			done = append(done, org)
		}
		return nil
	}); err != nil {
		return res, err
	}
	for _, org := range done {
		if err := tx.DeleteStreak(org); err != nil {
			return res, err
		}
	}
	return res, j.queueUnreminded(tx, ppl, run, res, now)
}

// reminderText is one organization's reminder: the year's standing, the
// term's below it, or the term's alone, each with its at-risk warning.
func (j *Jobs) reminderText(l *texts.Lang, org quota.Org, d *dueReminder, on quota.Date) string {
	var lines []string
	if p := d.year; p != nil {
		ys := strconv.Itoa(p.Year)
		if j.opts.ReminderMode == quota.PaceQuota {
			lines = append(lines, l.RemindTextQuota(ys, bot.Esc(org.Name), p.Admitted, p.Quota, l.Pct(p.Percent()), p.Quota-p.Admitted))
		} else {
			lines = append(lines, l.RemindText(ys, bot.Esc(org.Name), p.Admitted, p.Quota, l.Pct(p.Percent()), on.String(), p.Expected, p.Shortfall()))
		}
		if d.yearGap >= 0 {
			lines = append(lines, l.RemindAtRisk) // one shortfall per reminder: the one above
		}
	}
	if p := d.term; p != nil {
		ts := p.Term.String()
		if d.year != nil {
			lines = append(lines, l.RemindTermLine(ts, p.Admitted, p.Quota, l.Pct(p.Percent()), p.Expected, p.Shortfall()))
		} else {
			lines = append(lines, l.RemindTermText(ts, bot.Esc(org.Name), p.Admitted, p.Quota, l.Pct(p.Percent()), on.String(), p.Expected, p.Shortfall()))
		}
		if d.termGap >= 0 {
			lines = append(lines, l.RemindAtRiskTerm(ts))
		}
	}
	if j.opts.ClosingLine != "" {
		lines = append(lines, "<i>"+bot.Esc(j.opts.ClosingLine)+"</i>")
	}
	return strings.Join(lines, "\n")
}

// queueUnreminded tells the specialists covering them, and the admins,
// which organizations behind nobody could be reminded in, and why.
func (j *Jobs) queueUnreminded(tx *storage.Tx, ppl people, run string, res bot.RemindResult, now time.Time) error {
	if len(res.NoSecretary)+len(res.Blocked) == 0 {
		return nil
	}
	list := func(u quota.User, l *texts.Lang, all bool) string {
		var lines []string
		add := func(codes []string, head func(n int) string) {
			var items []string
			for _, c := range codes {
				if all || u.Covers(tx.Lineage(c)) {
					items = append(items, l.UnremindedItem(bot.Esc(bot.OrgName(tx, c)), bot.Esc(c)))
				}
			}
			if len(items) > 0 {
				lines = append(lines, head(len(items)))
				lines = append(lines, items...)
			}
		}
		add(res.Blocked, l.UnremindedBlocked)
		add(res.NoSecretary, l.UnremindedNoSecretary)
		if len(lines) == 0 {
			return ""
		}
		return strings.Join(append([]string{l.UnremindedHead}, lines...), "\n")
	}
	for _, u := range ppl.specialists {
		if text := list(u, texts.For(u.Lang), false); text != "" {
			if _, err := enqueueBulk(tx, run, u, "unreminded", text, now); err != nil {
				return err
			}
		}
	}
	for _, u := range ppl.admins {
		if _, err := enqueueBulk(tx, run, u, "unreminded", list(u, texts.For(u.Lang), true), now); err != nil {
			return err
		}
	}
	return nil
}

// Reminders is the scheduled reminder run.
func (j *Jobs) Reminders(ctx context.Context, scheduled time.Time) error {
	var res bot.RemindResult
	err := j.db.Update(func(tx *storage.Tx) error {
		var err error
		res, err = j.QueueReminders(tx, runKey("reminders", scheduled), quota.DateOf(scheduled.In(j.opts.Location)), j.now())
		return err
	})
	if err != nil {
		return fmt.Errorf("queueing reminders: %w", err)
	}
	j.sender.Wake()
	j.log.Info("reminders queued", "orgs_behind", res.Orgs, "queued", res.Queued, "without_secretary", len(res.NoSecretary), "secretary_blocked", len(res.Blocked))
	return nil
}

// escalated lists organizations reminded EscalateAfter times in a row
// without a new admission.
func (j *Jobs) escalated(tx *storage.Tx, year int) ([]string, map[string]storage.Streak, error) {
	var codes []string
	streaks := map[string]storage.Streak{}
	err := tx.EachStreak(func(org string, s storage.Streak) error {
		if s.Escalates(year, tx.Tally(year, org).Admitted, j.opts.EscalateAfter) {
			codes = append(codes, org)
			streaks[org] = s
		}
		return nil
	})
	sort.Strings(codes)
	return codes, streaks, err
}

// Digests sends leaders and admins the committee summary, with the
// escalated organizations, and each specialist their organizations.
func (j *Jobs) Digests(ctx context.Context, scheduled time.Time) error {
	run := runKey("digests", scheduled)
	today := quota.DateOf(scheduled.In(j.opts.Location))
	err := j.db.Update(func(tx *storage.Tx) error {
		ppl, err := j.loadPeople(tx)
		if err != nil {
			return err
		}
		esc, streaks, err := j.escalated(tx, today.Year)
		if err != nil {
			return err
		}
		now := j.now()
		for _, u := range append(append([]quota.User{}, ppl.leaders...), ppl.admins...) {
			l := texts.For(u.Lang)
			body, err := j.chat.CommitteeStatus(tx, l, today.Year, today)
			if err != nil {
				return err
			}
			parts := []string{l.DigestHead, body}
			if len(esc) > 0 {
				parts = append(parts, j.escalationList(tx, l, esc, streaks, today.Year))
			}
			if u.Role == quota.RoleAdmin && len(ppl.unreachable) > 0 {
				parts = append(parts, unreachableList(l, ppl.unreachable))
			}
			if _, err := enqueueBulk(tx, run, u, "digest", strings.Join(parts, "\n\n"), now); err != nil {
				return err
			}
		}
		for _, u := range ppl.specialists {
			l := texts.For(u.Lang)
			if _, err := enqueueBulk(tx, run, u, "digest", j.assignedDigest(tx, l, u, today), now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("queueing digests: %w", err)
	}
	j.sender.Wake()
	return nil
}

func (j *Jobs) escalationList(tx *storage.Tx, l *texts.Lang, codes []string, streaks map[string]storage.Streak, year int) string {
	lines := []string{l.DigestEscalated}
	for _, c := range codes {
		t := tx.Tally(year, c)
		lines = append(lines, l.DigestEscItem(bot.Esc(bot.OrgName(tx, c)), bot.Esc(c), streaks[c].Count, t.Admitted, t.Quota))
	}
	return strings.Join(lines, "\n")
}

func unreachableList(l *texts.Lang, users []quota.User) string {
	lines := []string{l.DigestUnreachable}
	for _, u := range users {
		lines = append(lines, l.DigestUserItem(bot.Esc(u.Name), strconv.FormatInt(u.ID, 10), l.Role(u.Role)))
	}
	return strings.Join(lines, "\n")
}

// assignedDigest lists a specialist's organizations, and those below
// them, furthest behind first.
func (j *Jobs) assignedDigest(tx *storage.Tx, l *texts.Lang, u quota.User, today quota.Date) string {
	var ps []quota.Progress
	seen := map[string]bool{}
	for _, top := range u.Orgs {
		for _, c := range tx.Subtree(top) {
			if seen[c] {
				continue
			}
			seen[c] = true
			if o, err := tx.Org(c); err == nil && !o.CountsOn(today) {
				continue
			}
			ps = append(ps, quota.NewProgress(c, today.Year, today, tx.Tally(today.Year, c), j.opts.Pace))
		}
	}
	quota.SortBehindFirst(ps)
	lines := []string{l.DigestHead, l.DigestAssigned(today.String())}
	for _, p := range ps {
		short := ""
		if p.Behind() {
			short = l.DigestItemShort(p.Shortfall())
		}
		lines = append(lines, l.DigestItem(bot.Esc(bot.OrgName(tx, p.Org)), bot.Esc(p.Org), p.Admitted, p.Quota, l.Pct(p.Percent()), short))
	}
	// The assigned organizations that admitted no one this year, named,
	// so the specialist knows where to go first.
	var none []string
	for _, c := range u.Orgs {
		if yc, err := tx.SubtreeYearCount(today.Year, tx.Subtree(c)); err == nil && yc.Admitted == 0 {
			none = append(none, l.DigestNoneItem(bot.Esc(bot.OrgName(tx, c)), bot.Esc(c)))
		}
	}
	if len(none) > 0 {
		lines = append(lines, "", l.DigestNoAdmission(strconv.Itoa(today.Year), len(none)))
		lines = append(lines, none...)
	}
	return strings.Join(lines, "\n")
}

// Escalation names each escalated organization to its specialists.
func (j *Jobs) Escalation(ctx context.Context, scheduled time.Time) error {
	run := runKey("escalation", scheduled)
	today := quota.DateOf(scheduled.In(j.opts.Location))
	err := j.db.Update(func(tx *storage.Tx) error {
		ppl, err := j.loadPeople(tx)
		if err != nil {
			return err
		}
		codes, streaks, err := j.escalated(tx, today.Year)
		if err != nil {
			return err
		}
		now := j.now()
		for _, c := range codes {
			p := quota.NewProgress(c, today.Year, today, tx.Tally(today.Year, c), j.opts.Pace)
			err := ppl.toSpecialistsOf(tx.Lineage(c), func(u quota.User, l *texts.Lang) error {
				text := l.EscalateText(bot.Esc(bot.OrgName(tx, c)), bot.Esc(c), streaks[c].Count, strconv.Itoa(today.Year), p.Admitted, p.Quota, today.String(), p.Expected)
				_, err := enqueueBulk(tx, run, u, "escalate/"+c, text, now)
				return err
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("queueing escalations: %w", err)
	}
	j.sender.Wake()
	return nil
}
