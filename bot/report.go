package bot

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
)

// secretaryOrg is the organization a secretary reports for.
func (b *Bot) secretaryOrg(r *request) (quota.Org, bool) {
	if r.user == nil || len(r.user.Orgs) == 0 {
		r.reply(r.l.NoOrg)
		return quota.Org{}, false
	}
	o, err := r.tx.Org(r.user.Orgs[0])
	if err != nil {
		r.reply(r.l.NoOrg)
		return quota.Org{}, false
	}
	if o.Inactive {
		r.reply(r.l.OrgInactive(esc(o.Name)))
		return quota.Org{}, false
	}
	return o, true
}

func (b *Bot) cmdReport(r *request) error {
	org, ok := b.secretaryOrg(r)
	if !ok {
		return nil
	}
	if strings.TrimSpace(r.args) == "" {
		return b.startReportDialog(r, org)
	}
	args := r.args
	// "/report CB_B1: name; date" reports for an organization below the
	// secretary's own, which the domain allows only when it has no
	// registered secretary of its own.
	if code, rest, found := strings.Cut(args, ":"); found && quota.ValidateCode(strings.TrimSpace(code)) == nil && !strings.Contains(code, "\n") {
		if sub, err := r.tx.Org(strings.TrimSpace(code)); err == nil && sub.Code != org.Code {
			switch err := r.user.MayReportFor(r.tx.Lineage(sub.Code), b.hasSecretary(r, sub.Code)); {
			case errors.Is(err, quota.ErrCellHasSecretary):
				r.reply(r.l.ReportCellHasSecretary(esc(sub.Name)))
				return nil
			case err != nil:
				r.reply(r.l.ReportNotAssigned(esc(sub.Name)))
				return nil
			case !sub.CountsOn(r.today):
				r.reply(r.l.OrgInactive(esc(sub.Name)))
				return nil
			}
			org, args = sub, rest
		}
	}
	lines, errs := quota.ParseReport(args, r.today)
	// Every mistake is told at once: the lines already recorded too, not
	// only after the badly written ones are mended.
	errs = append(errs, b.duplicates(r, org, lines)...)
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
		b.replyLineErrors(r, errs)
		return nil
	}
	return b.record(r, org, lines)
}

// duplicates are the lines whose person is already recorded that day.
func (b *Bot) duplicates(r *request, org quota.Org, lines []quota.ReportLine) []quota.LineError {
	var dups []quota.LineError
	for _, l := range lines {
		if _, found := r.tx.FindAdmission(org.Code, l.Date, l.Name); found {
			dups = append(dups, quota.LineError{Line: l.Line, Text: l.Name + "; " + l.Date.String(), Err: quota.ErrAdmissionRecorded})
		}
	}
	return dups
}

// hasSecretary reports whether anyone is registered as the
// organization's secretary, reachable or not.
func (b *Bot) hasSecretary(r *request, code string) bool {
	found := false
	_ = r.tx.EachUser(func(u quota.User) error {
		if u.Role == quota.RoleSecretary && u.HasOrg(code) {
			found = true
		}
		return nil
	})
	return found
}

func (b *Bot) replyLineErrors(r *request, errs []quota.LineError) {
	out := []string{r.l.ReportErrors}
	if len(errs) == 1 && errs[0].Line == 0 {
		out = []string{r.l.ReportRefused}
	}
	for _, e := range errs {
		if e.Line == 0 { // the message as a whole
			out = append(out, reason(r.l, e.Err))
			continue
		}
		text := e.Text
		if len([]rune(text)) > 60 {
			text = string([]rune(text)[:60]) + "…"
		}
		out = append(out, r.l.ReportLineError(e.Line, esc(text), reason(r.l, e.Err)))
	}
	out = append(out, "", r.l.ReportUsage)
	r.reply(strings.Join(out, "\n"))
}

// reason is the user's words for a parsing error.
func reason(l *texts.Lang, err error) string {
	var (
		order    *quota.OtherOrderError
		dateYear *quota.DateYearError
		tooMany  *quota.TooManyLinesError
		year     *quota.YearRangeError
	)
	switch {
	case errors.Is(err, quota.ErrEmptyName):
		return l.ErrEmptyName
	case errors.Is(err, quota.ErrLongName):
		return l.ErrLongName
	case errors.Is(err, quota.ErrAbsurdName):
		return l.ErrAbsurdName
	case errors.As(err, &order):
		return l.ErrDateOtherOrder(esc(order.Input), order.Meant.String())
	case errors.As(err, &dateYear):
		return l.ErrDateYear(strconv.Itoa(dateYear.Year), strconv.Itoa(quota.MinDateYear), strconv.Itoa(quota.MaxDateYear))
	case errors.As(err, &tooMany):
		return l.ErrMessageTooLong(tooMany.Lines, tooMany.Max)
	case errors.As(err, &year):
		return l.ErrYearRange(strconv.Itoa(year.Year), strconv.Itoa(year.From), strconv.Itoa(year.To))
	case errors.Is(err, quota.ErrBadYear):
		return l.ErrBadYear
	case errors.Is(err, quota.ErrImpossibleDate):
		return l.ErrNoSuchDay
	case errors.Is(err, quota.ErrBadDate):
		return l.ErrBadDate
	case errors.Is(err, quota.ErrFutureDate):
		return l.ErrFutureDate
	case errors.Is(err, quota.ErrOldDate):
		return l.ErrOldDate
	case errors.Is(err, quota.ErrBadDecision):
		return l.ErrBadDecision
	case errors.Is(err, quota.ErrTooManyPart):
		return l.ErrTooManyParts
	case errors.Is(err, quota.ErrNoLines):
		return l.ErrNoLines
	case errors.Is(err, quota.ErrTooMany):
		return l.ErrTooManyLines
	case errors.Is(err, quota.ErrDuplicate):
		return l.ErrDupInMessage
	case errors.Is(err, quota.ErrAdmissionRecorded):
		return l.ReportDuplicate
	}
	return esc(err.Error())
}

// record stores the admissions of one message, all or none, and replies
// with the organization's tally for each year concerned.
func (b *Bot) record(r *request, org quota.Org, lines []quota.ReportLine) error {
	if dups := b.duplicates(r, org, lines); len(dups) > 0 {
		b.replyLineErrors(r, dups)
		return nil
	}
	years := map[int]bool{}
	out := []string{r.l.ReportRecorded(len(lines), esc(org.Name))}
	for _, l := range lines {
		a := quota.Admission{Org: org.Code, Name: l.Name, Date: l.Date, Decision: l.Decision,
			ReportedBy: r.from.ID, ReportedAt: r.now, UpdateID: r.upd.ID}
		// A name that differs from another of that day only in its
		// diacritics is another person, but may be a typing mistake.
		similar, err := r.tx.SimilarAdmissions(org.Code, l.Date, l.Name)
		if err != nil {
			return err
		}
		// A person from the organization's pipeline becomes this admission.
		cand, fromPipeline := r.tx.FindCandidate(org.Code, l.Name)
		if fromPipeline {
			a.CandidateID = cand.ID
			a.Name = cand.Name
		}
		if err := r.tx.AddAdmission(&a); err != nil {
			return fmt.Errorf("recording %s in %s: %w", l.Name, org.Code, err)
		}
		years[l.Date.Year] = true
		dec := ""
		if l.Decision != "" {
			dec = r.l.ReportDecision(esc(l.Decision))
		}
		if fromPipeline {
			if err := cand.Admit(a.ID, l.Date, r.now, r.from.ID); err != nil {
				return err
			}
			if err := r.tx.PutCandidate(cand); err != nil {
				return err
			}
			dec += r.l.ReportFromCandidate
		}
		out = append(out, r.l.ReportItem(esc(a.Name), l.Date.String(), dec))
		for _, s := range similar {
			out = append(out, r.l.ReportSimilar(esc(s.Name), s.Date.String()))
		}
	}
	ys := make([]int, 0, len(years))
	for y := range years {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	for _, y := range ys {
		out = append(out, b.tallyLine(r, org.Code, y))
	}
	r.reply(strings.Join(out, "\n"))
	return nil
}

// tallyLine is "Năm 2026: 3/10 (30,0%)".
func (b *Bot) tallyLine(r *request, code string, year int) string {
	t := r.tx.Tally(year, code)
	if t.Quota == 0 {
		return r.l.TallyNoQuota(strconv.Itoa(year), t.Admitted)
	}
	return r.l.TallyLine(strconv.Itoa(year), t.Admitted, t.Quota, r.l.Pct(quota.Percent(t.Admitted, t.Quota)))
}

const (
	stepName     = "name"
	stepDate     = "date"
	stepDecision = "decision"
	stepConfirm  = "confirm"
)

func (b *Bot) startReportDialog(r *request, org quota.Org) error {
	d := reportDialog{ID: r.upd.ID, Step: stepName, Org: org.Code}
	return b.saveDialog(r, d)
}

// askReportDialog asks the next question of a guided /report.
func (b *Bot) askReportDialog(r *request, d reportDialog) {
	cancel := []storage.Button{r.button(d, r.l.BtnCancel, "cancel")}
	switch d.Step {
	case stepName:
		r.reply(r.l.DialogName, cancel)
	case stepDate:
		r.reply(r.l.DialogDate(esc(d.Name)),
			[]storage.Button{r.button(d, r.l.BtnToday, "today"), r.button(d, r.l.BtnYesterday, "yesterday")}, cancel)
	case stepDecision:
		r.reply(r.l.DialogDecision, []storage.Button{r.button(d, r.l.BtnSkip, "skip")}, cancel)
	case stepConfirm:
		org := d.Org
		if o, err := r.tx.Org(d.Org); err == nil {
			org = o.Name
		}
		dec := ""
		if d.Decision != "" {
			dec = r.l.ReportDecision(esc(d.Decision))
		}
		r.reply(r.l.DialogConfirm(esc(d.Name), d.Date.String(), dec, esc(org)),
			[]storage.Button{r.button(d, r.l.BtnConfirm, "ok"), r.button(d, r.l.BtnCancel, "cancel")})
	}
}

// continueReportDialog takes a typed answer to a guided /report.
func (b *Bot) continueReportDialog(r *request, d reportDialog, text string) error {
	switch d.Step {
	case stepName:
		name, err := quota.NormalizeName(text)
		if err != nil {
			// The question comes again with its buttons, Cancel included.
			r.reply(reason(r.l, err))
			b.askDialog(r, d)
			return nil
		}
		d.Name, d.Step = name, stepDate
	case stepDate:
		date, err := quota.ParseDate(text)
		if err == nil {
			err = quota.CheckAdmissionDate(date, r.today)
		}
		if err != nil {
			r.reply(reason(r.l, err))
			b.askDialog(r, d)
			return nil
		}
		d.Date, d.Step = date, stepDecision
	case stepDecision:
		dec := strings.Join(strings.Fields(text), " ")
		if len([]rune(dec)) > quota.MaxDecisionRunes {
			r.reply(r.l.ErrBadDecision)
			b.askDialog(r, d)
			return nil
		}
		d.Decision, d.Step = dec, stepConfirm
	default:
		b.askDialog(r, d)
		return nil
	}
	return b.saveDialog(r, d)
}

// reportDialogButton takes a button press of a guided /report; handled
// is false for a button that is not its current question's.
func (b *Bot) reportDialogButton(r *request, d reportDialog, action string) (handled bool, err error) {
	switch {
	case action == "cancel":
		r.reply(r.l.DialogCancelled)
		return true, r.tx.DeleteDialog(r.from.ID)
	case d.Step == stepDate && (action == "today" || action == "yesterday"):
		d.Date = r.today
		if action == "yesterday" {
			d.Date = r.today.AddDays(-1)
		}
		if err := quota.CheckAdmissionDate(d.Date, r.today); err != nil {
			r.reply(reason(r.l, err))
			b.askDialog(r, d)
			return true, nil
		}
		d.Step = stepDecision
		return true, b.saveDialog(r, d)
	case d.Step == stepDecision && action == "skip":
		d.Step = stepConfirm
		return true, b.saveDialog(r, d)
	case d.Step == stepConfirm && action == "ok":
		if err := r.tx.DeleteDialog(r.from.ID); err != nil {
			return true, err
		}
		org, err := r.tx.Org(d.Org)
		if err != nil || org.Inactive {
			r.reply(r.l.NoOrg)
			return true, nil
		}
		return true, b.record(r, org, []quota.ReportLine{{Line: 1, Name: d.Name, Date: d.Date, Decision: d.Decision}})
	}
	return false, nil
}
