package bot

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"sort"
	"strconv"
	"strings"

	"github.com/go-telegram/bot/models"

	"quotabot/quota"
	"quotabot/storage"
)

// secretaryOrg is the organization a secretary reports for.
func (b *Bot) secretaryOrg(r *request) (quota.Org, bool) {
	if r.user == nil || len(r.user.Orgs) == 0 {
		r.reply(r.l.T("no_org"))
		return quota.Org{}, false
	}
	o, err := r.tx.Org(r.user.Orgs[0])
	if err != nil {
		r.reply(r.l.T("no_org"))
		return quota.Org{}, false
	}
	if o.Inactive {
		r.reply(r.l.T("org_inactive", esc(o.Name)))
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
	lines, errs := quota.ParseReport(r.args, r.today)
	if len(errs) > 0 {
		b.replyLineErrors(r, errs)
		return nil
	}
	return b.record(r, org, lines)
}

func (b *Bot) replyLineErrors(r *request, errs []quota.LineError) {
	out := []string{r.l.T("report_errors")}
	for _, e := range errs {
		text := e.Text
		if len([]rune(text)) > 60 {
			text = string([]rune(text)[:60]) + "…"
		}
		out = append(out, r.l.T("report_line_error", e.Line, esc(text), r.l.reason(e.Err)))
	}
	out = append(out, "", r.l.T("report_usage"))
	r.reply(strings.Join(out, "\n"))
}

// reason is the user's words for a parsing error.
func (l lang) reason(err error) string {
	switch {
	case errors.Is(err, quota.ErrEmptyName):
		return l.T("err_empty_name")
	case errors.Is(err, quota.ErrLongName):
		return l.T("err_long_name")
	case errors.Is(err, quota.ErrAbsurdName):
		return l.T("err_absurd_name")
	case errors.Is(err, quota.ErrImpossibleDate):
		return l.T("err_no_such_day")
	case errors.Is(err, quota.ErrBadDate):
		return l.T("err_bad_date")
	case errors.Is(err, quota.ErrFutureDate):
		return l.T("err_future_date")
	case errors.Is(err, quota.ErrOldDate):
		return l.T("err_old_date")
	case errors.Is(err, quota.ErrBadDecision):
		return l.T("err_bad_decision")
	case errors.Is(err, quota.ErrTooManyPart):
		return l.T("err_too_many_parts")
	case errors.Is(err, quota.ErrNoLines):
		return l.T("err_no_lines")
	case errors.Is(err, quota.ErrTooMany):
		return l.T("err_too_many_lines")
	case errors.Is(err, quota.ErrDuplicate):
		return l.T("err_dup_in_message")
	case errors.Is(err, storage.ErrDuplicate):
		return l.T("report_duplicate")
	}
	return esc(err.Error())
}

// record stores the admissions of one message, all or none, and replies
// with the organization's tally for each year concerned.
func (b *Bot) record(r *request, org quota.Org, lines []quota.ReportLine) error {
	var dups []quota.LineError
	for _, l := range lines {
		if _, found := r.tx.FindAdmission(org.Code, l.Date, l.Name); found {
			dups = append(dups, quota.LineError{Line: l.Line, Text: l.Name + "; " + l.Date.String(), Err: storage.ErrDuplicate})
		}
	}
	if len(dups) > 0 {
		b.replyLineErrors(r, dups)
		return nil
	}
	years := map[int]bool{}
	out := []string{r.l.T("report_recorded", len(lines), esc(org.Name))}
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
			dec = r.l.T("report_decision", esc(l.Decision))
		}
		if fromPipeline {
			cand.Stage, cand.AdmissionID = quota.StageAdmitted, a.ID
			cand.History = append(cand.History, quota.StageChange{Stage: quota.StageAdmitted, On: l.Date, At: r.now, By: r.from.ID})
			if err := r.tx.PutCandidate(cand); err != nil {
				return err
			}
			dec += r.l.T("report_from_candidate")
		}
		out = append(out, r.l.T("report_item", esc(a.Name), l.Date.String(), dec))
		for _, s := range similar {
			out = append(out, r.l.T("report_similar", esc(s.Name), s.Date.String()))
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
		return r.l.T("tally_no_quota", strconv.Itoa(year), t.Admitted)
	}
	return r.l.T("tally_line", strconv.Itoa(year), t.Admitted, t.Quota, r.l.Pct(quota.Percent(t.Admitted, t.Quota)))
}

func (b *Bot) cmdUndo(r *request) error {
	a, err := r.tx.LastCountingAdmissionBy(r.from.ID)
	if errors.Is(err, storage.ErrNotFound) {
		r.reply(r.l.T("undo_nothing"))
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := r.tx.Retract(a.ID, r.from.ID, r.now); err != nil {
		return err
	}
	if err := b.returnToPipeline(r, a); err != nil {
		return err
	}
	orgName := a.Org
	if o, err := r.tx.Org(a.Org); err == nil {
		orgName = o.Name
	}
	r.reply(r.l.T("undo_done", esc(a.Name), a.Date.String(), esc(orgName)) + "\n" + b.tallyLine(r, a.Org, a.Date.Year))
	return nil
}

// returnToPipeline puts the candidate an admission came from back at the
// stage before it, when the admission is retracted.
func (b *Bot) returnToPipeline(r *request, a quota.Admission) error {
	if a.CandidateID == 0 {
		return nil
	}
	c, err := r.tx.Candidate(a.CandidateID)
	if err != nil || c.Stage != quota.StageAdmitted || c.AdmissionID != a.ID {
		return nil //nolint:nilerr // erased or moved since: nothing to restore
	}
	if _, taken := r.tx.FindCandidate(c.Org, c.Name); taken {
		return nil // someone of that name was added meanwhile
	}
	c.History = c.History[:len(c.History)-1]
	c.Stage = quota.StageSubmitted
	if n := len(c.History); n > 0 {
		c.Stage = c.History[n-1].Stage
	}
	c.AdmissionID = 0
	return r.tx.PutCandidate(c)
}

// reportDialog is the state of a guided /report, kept in storage so it
// survives restarts.
type reportDialog struct {
	ID       int64      `json:"id"`             // the update that started it; buttons carry it
	Kind     string     `json:"kind,omitempty"` // "" for /report, or a candidate dialog
	CandID   uint64     `json:"cand_id,omitempty"`
	Step     string     `json:"step"`
	Org      string     `json:"org"`
	Name     string     `json:"name,omitempty"`
	Date     quota.Date `json:"date,omitzero"`
	Decision string     `json:"decision,omitempty"`
}

// Kinds of guided dialogs besides /report.
const (
	dialogCandName  = "cand_name"  // the name of a new candidate, then its source
	dialogCandClass = "cand_class" // the date a candidate attended the class
	dialogCandDrop  = "cand_drop"  // why a candidate is dropped
)

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

func (b *Bot) saveDialog(r *request, d reportDialog) error {
	v, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("encoding a dialog: %w", err)
	}
	if err := r.tx.PutDialog(r.from.ID, v); err != nil {
		return err
	}
	b.askDialog(r, d)
	return nil
}

func (r *request) button(d reportDialog, key, action string) storage.Button {
	return storage.Button{Text: r.l.T(key), Data: fmt.Sprintf("r:%d:%s", d.ID, action)}
}

func (b *Bot) askDialog(r *request, d reportDialog) {
	cancel := []storage.Button{r.button(d, "btn_cancel", "cancel")}
	switch d.Kind {
	case dialogCandName:
		if d.Name == "" {
			r.reply(r.l.T("cand_ask_name"), cancel)
			return
		}
		var row []storage.Button
		for _, s := range quota.Sources {
			row = append(row, storage.Button{Text: r.l.source(s), Data: fmt.Sprintf("r:%d:src_%s", d.ID, s)})
		}
		r.reply(r.l.T("cand_ask_source", esc(d.Name)), row[:2], row[2:], cancel)
		return
	case dialogCandClass:
		r.reply(r.l.T("cand_ask_class", esc(d.Name)), []storage.Button{r.button(d, "btn_today", "today")}, cancel)
		return
	case dialogCandDrop:
		r.reply(r.l.T("cand_ask_reason", esc(d.Name)), cancel)
		return
	}
	switch d.Step {
	case stepName:
		r.reply(r.l.T("dialog_name"), cancel)
	case stepDate:
		r.reply(r.l.T("dialog_date", esc(d.Name)),
			[]storage.Button{r.button(d, "btn_today", "today"), r.button(d, "btn_yesterday", "yesterday")}, cancel)
	case stepDecision:
		r.reply(r.l.T("dialog_decision"), []storage.Button{r.button(d, "btn_skip", "skip")}, cancel)
	case stepConfirm:
		org := d.Org
		if o, err := r.tx.Org(d.Org); err == nil {
			org = o.Name
		}
		dec := ""
		if d.Decision != "" {
			dec = r.l.T("report_decision", esc(d.Decision))
		}
		r.reply(r.l.T("dialog_confirm", esc(d.Name), d.Date.String(), dec, esc(org)),
			[]storage.Button{r.button(d, "btn_confirm", "ok"), r.button(d, "btn_cancel", "cancel")})
	}
}

func (b *Bot) loadDialog(r *request) (reportDialog, bool) {
	var d reportDialog
	v := r.tx.Dialog(r.from.ID)
	if v == nil || json.Unmarshal(v, &d) != nil {
		return d, false
	}
	return d, true
}

// continueDialog takes a typed answer to the dialog's question.
func (b *Bot) continueDialog(r *request) (bool, error) {
	d, ok := b.loadDialog(r)
	if !ok || r.user.Role != quota.RoleSecretary {
		return false, nil
	}
	text := strings.TrimSpace(r.text)
	if d.Kind != "" {
		return true, b.continueCandidateDialog(r, d, text)
	}
	switch d.Step {
	case stepName:
		name, err := quota.NormalizeName(text)
		if err != nil {
			r.reply(r.l.reason(err) + "\n" + r.l.T("dialog_name"))
			return true, nil
		}
		d.Name, d.Step = name, stepDate
	case stepDate:
		date, err := quota.ParseDate(text)
		if err == nil {
			err = quota.CheckAdmissionDate(date, r.today)
		}
		if err != nil {
			r.reply(r.l.reason(err))
			b.askDialog(r, d)
			return true, nil
		}
		d.Date, d.Step = date, stepDecision
	case stepDecision:
		dec := strings.Join(strings.Fields(text), " ")
		if len([]rune(dec)) > quota.MaxDecisionRunes {
			r.reply(r.l.T("err_bad_decision"))
			return true, nil
		}
		d.Decision, d.Step = dec, stepConfirm
	default:
		b.askDialog(r, d)
		return true, nil
	}
	return true, b.saveDialog(r, d)
}

// callback takes a button press.
func (b *Bot) callback(r *request) error {
	q := r.upd.CallbackQuery
	answer := storage.Outgoing{Kind: storage.KindCallbackAnswer, ChatID: r.chatID, CallbackID: q.ID}
	// The answer shows as a plain notice: tags and entities are taken out.
	defer func() {
		answer.Text = html.UnescapeString(stripTags(answer.Text))
		r.queue(answer)
	}()
	switch {
	case r.user == nil:
		answer.Text = r.l.T("not_registered")
		return nil
	case r.user.Role != quota.RoleSecretary:
		answer.Text = stripTags(r.l.T("forbidden", r.l.roleName(r.user.Role)))
		return nil
	}
	if strings.HasPrefix(q.Data, "k:") {
		text, err := b.candidateCallback(r, q.Data)
		answer.Text = text
		return err
	}
	d, ok := b.loadDialog(r)
	parts := strings.SplitN(q.Data, ":", 3)
	if !ok || len(parts) != 3 || parts[0] != "r" || parts[1] != strconv.FormatInt(d.ID, 10) {
		answer.Text = r.l.T("dialog_expired")
		return nil
	}
	b.dropButtons(r, q)
	if d.Kind != "" {
		return b.candidateDialogButton(r, d, parts[2])
	}
	switch action := parts[2]; {
	case action == "cancel":
		r.reply(r.l.T("dialog_cancelled"))
		return r.tx.DeleteDialog(r.from.ID)
	case d.Step == stepDate && (action == "today" || action == "yesterday"):
		d.Date = r.today
		if action == "yesterday" {
			d.Date = r.today.AddDays(-1)
		}
		if err := quota.CheckAdmissionDate(d.Date, r.today); err != nil {
			r.reply(r.l.reason(err))
			b.askDialog(r, d)
			return nil
		}
		d.Step = stepDecision
		return b.saveDialog(r, d)
	case d.Step == stepDecision && action == "skip":
		d.Step = stepConfirm
		return b.saveDialog(r, d)
	case d.Step == stepConfirm && action == "ok":
		if err := r.tx.DeleteDialog(r.from.ID); err != nil {
			return err
		}
		org, err := r.tx.Org(d.Org)
		if err != nil || org.Inactive {
			r.reply(r.l.T("no_org"))
			return nil
		}
		return b.record(r, org, []quota.ReportLine{{Line: 1, Name: d.Name, Date: d.Date, Decision: d.Decision}})
	}
	answer.Text = r.l.T("dialog_expired")
	return nil
}

// dropButtons removes the keyboard of the pressed message, so an old
// question cannot be answered twice.
func (b *Bot) dropButtons(r *request, q *models.CallbackQuery) {
	if q.Message.Message == nil {
		return
	}
	r.queue(storage.Outgoing{Kind: storage.KindEdit, ChatID: q.Message.Message.Chat.ID,
		MessageID: q.Message.Message.ID})
}
