package bot

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"quotabot/quota"
	"quotabot/storage"
)

// Job is the function the scheduler runs for a job named in the
// configuration, or nil when the bot has no such job.
func (b *Bot) Job(name string) func(ctx context.Context, scheduled time.Time) error {
	switch name {
	case "reminders":
		return b.RemindJob
	case "digests":
		return b.DigestJob
	case "escalation":
		return b.EscalationJob
	case "probation":
		return b.ProbationJob
	}
	return nil
}

// runKey names one run of a job; the outbox refuses to queue the same
// message of the same run twice.
func runKey(job string, scheduled time.Time) string {
	return job + "@" + scheduled.UTC().Format(time.RFC3339)
}

// people indexes registered users by role and organization.
type people struct {
	secretaries map[string][]quota.User // by organization
	specialists []quota.User
	leaders     []quota.User
	admins      []quota.User
	unreachable []quota.User
}

func (b *Bot) loadPeople(tx *storage.Tx) (people, error) {
	p := people{secretaries: map[string][]quota.User{}}
	err := tx.EachUser(func(u quota.User) error {
		if b.isConfigAdmin(u.ID) {
			u.Role = quota.RoleAdmin
		}
		if u.Unreachable {
			p.unreachable = append(p.unreachable, u)
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

// toSpecialistsOf calls f for each specialist assigned to the
// organization, with the specialist's language.
func (p people) toSpecialistsOf(org string, f func(u quota.User, l lang) error) error {
	for _, u := range p.specialists {
		if !u.HasOrg(org) {
			continue
		}
		if err := f(u, langFor(u.Lang)); err != nil {
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

// behind is an organization that needs a reminder on the date.
func (b *Bot) behind(p quota.Progress) bool {
	if p.Quota <= 0 || p.Met() {
		return false
	}
	if b.opts.ReminderMode == quota.PaceQuota {
		return p.Admitted < p.Quota
	}
	return p.Behind()
}

// RemindResult is what a reminder run did.
type RemindResult struct {
	Orgs        int      // organizations behind
	Queued      int      // reminders queued
	NoSecretary []string // organizations behind with nobody to remind
}

// queueReminders sends each organization behind one reminder per
// secretary, in the secretary's language, and keeps the escalation count.
func (b *Bot) queueReminders(tx *storage.Tx, run string, on quota.Date, now time.Time) (RemindResult, error) {
	var res RemindResult
	ppl, err := b.loadPeople(tx)
	if err != nil {
		return res, err
	}
	year := on.Year
	reminded := map[string]bool{}
	err = tx.EachTallyWithPipeline(year, func(code string, t quota.Tally, advanced int) error {
		p := quota.NewProgress(code, year, on, t, b.opts.Pace)
		if !b.behind(p) {
			return nil
		}
		code = strings.Clone(code) // kept past the call
		p.Org = code
		org, err := tx.Org(code)
		if err != nil || org.Inactive {
			return nil //nolint:nilerr // a tally of a removed or inactive organization reminds nobody
		}
		res.Orgs++
		reminded[code] = true
		secs := ppl.secretaries[code]
		if len(secs) == 0 {
			res.NoSecretary = append(res.NoSecretary, code)
		}
		for _, u := range secs {
			l := langFor(u.Lang)
			var text string
			if b.opts.ReminderMode == quota.PaceQuota {
				text = l.T("remind_text_quota", strconv.Itoa(year), esc(org.Name), p.Admitted, p.Quota, l.Pct(p.Percent()), p.Quota-p.Admitted)
			} else {
				text = l.T("remind_text", strconv.Itoa(year), esc(org.Name), p.Admitted, p.Quota, l.Pct(p.Percent()), on.String(), p.Expected, p.Shortfall())
			}
			if quota.AtRisk(t, advanced) {
				text += "\n" + l.T("at_risk_org", t.Quota-t.Admitted-advanced)
			}
			if b.opts.ClosingLine != "" {
				text += "\n<i>" + esc(b.opts.ClosingLine) + "</i>"
			}
			queued, err := enqueueBulk(tx, run, u, "remind/"+code, text, now)
			if err != nil {
				return err
			}
			if queued {
				res.Queued++
			}
		}
		return b.countStreak(tx, code, run, year, p.Admitted)
	})
	if err != nil {
		return res, err
	}
	// An organization no longer behind starts afresh.
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
	return res, nil
}

func (b *Bot) countStreak(tx *storage.Tx, code, run string, year, admitted int) error {
	s := tx.Streak(code)
	if s.LastRun == run {
		return nil
	}
	if s.Year != year || admitted > s.Admitted {
		s = storage.Streak{Year: year}
	}
	s.Count++
	s.Admitted, s.LastRun = admitted, run
	return tx.PutStreak(code, s)
}

// RemindJob is the scheduled reminder run.
func (b *Bot) RemindJob(ctx context.Context, scheduled time.Time) error {
	var res RemindResult
	err := b.db.Update(func(tx *storage.Tx) error {
		var err error
		res, err = b.queueReminders(tx, runKey("reminders", scheduled), quota.DateOf(scheduled.In(b.opts.Location)), b.now())
		return err
	})
	if err != nil {
		return fmt.Errorf("queueing reminders: %w", err)
	}
	b.sender.wake()
	b.log.Info("reminders queued", "orgs_behind", res.Orgs, "queued", res.Queued, "without_secretary", len(res.NoSecretary))
	return nil
}

func (b *Bot) cmdRemind(r *request) error {
	// A manual run is its own run, named by its update, so a repeated
	// delivery of the same /remind cannot queue twice.
	res, err := b.queueReminders(r.tx, "remind@update:"+strconv.FormatInt(r.upd.ID, 10), r.today, r.now)
	if err != nil {
		return err
	}
	text := r.l.T("remind_done", res.Queued, res.Orgs)
	if len(res.NoSecretary) > 0 {
		codes := res.NoSecretary
		if len(codes) > 20 {
			codes = append(codes[:20:20], "…")
		}
		text += "\n" + r.l.T("remind_no_secretary", len(res.NoSecretary), esc(strings.Join(codes, ", ")))
	}
	r.reply(text)
	return nil
}

// escalated lists organizations reminded EscalateAfter times in a row
// without a new admission.
func (b *Bot) escalated(tx *storage.Tx, year int) ([]string, map[string]storage.Streak, error) {
	var codes []string
	streaks := map[string]storage.Streak{}
	err := tx.EachStreak(func(org string, s storage.Streak) error {
		if s.Year == year && s.Count >= b.opts.EscalateAfter && tx.Tally(year, org).Admitted <= s.Admitted {
			codes = append(codes, org)
			streaks[org] = s
		}
		return nil
	})
	sort.Strings(codes)
	return codes, streaks, err
}

// DigestJob sends leaders and admins the committee summary, with the
// escalated organizations, and each specialist their organizations.
func (b *Bot) DigestJob(ctx context.Context, scheduled time.Time) error {
	run := runKey("digests", scheduled)
	today := quota.DateOf(scheduled.In(b.opts.Location))
	err := b.db.Update(func(tx *storage.Tx) error {
		ppl, err := b.loadPeople(tx)
		if err != nil {
			return err
		}
		esc, streaks, err := b.escalated(tx, today.Year)
		if err != nil {
			return err
		}
		now := b.now()
		for _, u := range append(append([]quota.User{}, ppl.leaders...), ppl.admins...) {
			l := langFor(u.Lang)
			body, err := b.committeeStatus(tx, l, today.Year, today)
			if err != nil {
				return err
			}
			parts := []string{l.T("digest_head"), body}
			if len(esc) > 0 {
				parts = append(parts, b.escalationList(tx, l, esc, streaks, today.Year))
			}
			if u.Role == quota.RoleAdmin && len(ppl.unreachable) > 0 {
				parts = append(parts, unreachableList(l, ppl.unreachable))
			}
			if _, err := enqueueBulk(tx, run, u, "digest", strings.Join(parts, "\n\n"), now); err != nil {
				return err
			}
		}
		for _, u := range ppl.specialists {
			l := langFor(u.Lang)
			if _, err := enqueueBulk(tx, run, u, "digest", b.assignedDigest(tx, l, u, today), now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("queueing digests: %w", err)
	}
	b.sender.wake()
	return nil
}

func (b *Bot) escalationList(tx *storage.Tx, l lang, codes []string, streaks map[string]storage.Streak, year int) string {
	lines := []string{l.T("digest_escalated")}
	for _, c := range codes {
		t := tx.Tally(year, c)
		lines = append(lines, l.T("digest_esc_item", esc(orgName(tx, c)), esc(c), streaks[c].Count, t.Admitted, t.Quota))
	}
	return strings.Join(lines, "\n")
}

func unreachableList(l lang, users []quota.User) string {
	lines := []string{l.T("digest_unreachable")}
	for _, u := range users {
		lines = append(lines, l.T("digest_user_item", esc(u.Name), strconv.FormatInt(u.ID, 10), l.roleName(u.Role)))
	}
	return strings.Join(lines, "\n")
}

// assignedDigest lists a specialist's organizations, furthest behind first.
func (b *Bot) assignedDigest(tx *storage.Tx, l lang, u quota.User, today quota.Date) string {
	var ps []quota.Progress
	for _, c := range u.Orgs {
		ps = append(ps, quota.NewProgress(c, today.Year, today, tx.Tally(today.Year, c), b.opts.Pace))
	}
	quota.SortBehindFirst(ps)
	lines := []string{l.T("digest_head"), l.T("digest_assigned", today.String())}
	for _, p := range ps {
		short := ""
		if p.Behind() {
			short = l.T("digest_item_short", p.Shortfall())
		}
		lines = append(lines, l.T("digest_item", esc(orgName(tx, p.Org)), esc(p.Org), p.Admitted, p.Quota, l.Pct(p.Percent()), short))
	}
	return strings.Join(lines, "\n")
}

// EscalationJob names each escalated organization to its specialists.
func (b *Bot) EscalationJob(ctx context.Context, scheduled time.Time) error {
	run := runKey("escalation", scheduled)
	today := quota.DateOf(scheduled.In(b.opts.Location))
	err := b.db.Update(func(tx *storage.Tx) error {
		ppl, err := b.loadPeople(tx)
		if err != nil {
			return err
		}
		codes, streaks, err := b.escalated(tx, today.Year)
		if err != nil {
			return err
		}
		now := b.now()
		for _, c := range codes {
			p := quota.NewProgress(c, today.Year, today, tx.Tally(today.Year, c), b.opts.Pace)
			err := ppl.toSpecialistsOf(c, func(u quota.User, l lang) error {
				text := l.T("escalate_text", esc(orgName(tx, c)), esc(c), streaks[c].Count, strconv.Itoa(today.Year), p.Admitted, p.Quota, today.String(), p.Expected)
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
	b.sender.wake()
	return nil
}
