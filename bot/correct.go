package bot

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/go-telegram/bot/models"

	"quotabot/quota"
	"quotabot/storage"
)

// maxCorrectButtons is how many admissions one page of /correct lists as
// buttons, latest first; a button at the end turns to the older ones.
const maxCorrectButtons = 20

// cmdCorrect lists the organization's admissions of the year that still
// count, latest first, each a button that opens it to be corrected or
// retracted.
func (b *Bot) cmdCorrect(r *request) error {
	org, ok := b.secretaryOrg(r)
	if !ok {
		return nil
	}
	year := r.today.Year
	args := strings.TrimSpace(r.args)
	switch {
	case args == "":
	case quota.LooksLikeYear(args):
		y, err := quota.ParseYear(args, r.today)
		if err != nil {
			r.reply(reason(r.l, err) + "\n" + r.l.CorrectUsage)
			return nil
		}
		year = y
	default:
		name, err := quota.NormalizeName(args)
		if err != nil {
			r.reply(reason(r.l, err) + "\n" + r.l.CorrectUsage)
			return nil
		}
		return b.correctByName(r, org, name)
	}
	return b.correctionPage(r, org, year, 0)
}

// correctionPage lists one page of the year's counting admissions,
// skipping the skip latest.
func (b *Bot) correctionPage(r *request, org quota.Org, year, skip int) error {
	all, err := r.tx.AllAdmissionsOf(org.Code, year)
	if err != nil {
		return err
	}
	var counting []quota.Admission
	for i := len(all) - 1; i >= 0; i-- {
		if !all[i].Retracted {
			counting = append(counting, all[i])
		}
	}
	if len(counting) == 0 {
		r.reply(r.l.CorrectNone(esc(org.Name), strconv.Itoa(year)))
		return nil
	}
	skip = min(max(skip, 0), len(counting)-1)
	end := min(skip+maxCorrectButtons, len(counting))
	var rows [][]storage.Button
	for _, a := range counting[skip:end] {
		rows = append(rows, []storage.Button{{Text: a.Name + " — " + a.Date.String(), Data: correctData(a, "show")}})
	}
	if end < len(counting) {
		rows = append(rows, []storage.Button{{Text: r.l.BtnOlder(len(counting) - end),
			Data: fmt.Sprintf("c:0:page_%d_%d", year, end)}})
	}
	r.reply(r.l.CorrectPick(esc(org.Name), strconv.Itoa(year)), rows...)
	return nil
}

// correctionCard shows an admission with the buttons that correct or
// retract it.
func (b *Bot) correctionCard(r *request, a quota.Admission) {
	dec := ""
	if a.Decision != "" {
		dec = r.l.ReportDecision(esc(a.Decision))
	}
	r.reply(r.l.CorrectCard(esc(a.Name), a.Date.String(), dec),
		[]storage.Button{{Text: r.l.BtnFixName, Data: correctData(a, string(quota.FieldName))},
			{Text: r.l.BtnFixDate, Data: correctData(a, string(quota.FieldDate))}},
		[]storage.Button{{Text: r.l.BtnFixDecision, Data: correctData(a, string(quota.FieldDecision))}},
		[]storage.Button{{Text: r.l.BtnRetract, Data: correctData(a, "retract")}})
}

// correctByName finds the admission a typed name means, this year or
// the last, ignoring diacritics as any search does: the card of the one
// found, or the list of those that fit when several do.
func (b *Bot) correctByName(r *request, org quota.Org, query string) error {
	var found []quota.Admission
	for _, y := range []int{r.today.Year, r.today.Year - 1} {
		all, err := r.tx.AllAdmissionsOf(org.Code, y)
		if err != nil {
			return err
		}
		for i := len(all) - 1; i >= 0; i-- {
			if !all[i].Retracted {
				found = append(found, all[i])
			}
		}
	}
	names := make([]string, len(found))
	for i, a := range found {
		names[i] = a.Name
	}
	i, err := quota.MatchName(query, names)
	switch {
	case err == nil:
		// One person may be admitted twice (a mistake to correct): every
		// record with that name is offered.
		var same [][]storage.Button
		for _, a := range found {
			if quota.SameName(a.Name, found[i].Name) {
				same = append(same, []storage.Button{{Text: a.Name + " — " + a.Date.String(), Data: correctData(a, "show")}})
			}
		}
		if len(same) == 1 {
			b.correctionCard(r, found[i])
			return nil
		}
		r.reply(r.l.CorrectPick(esc(org.Name), strconv.Itoa(r.today.Year)), same...)
	case errors.Is(err, quota.ErrNameAmbiguous):
		var rows [][]storage.Button
		key := quota.SearchKey(query)
		for _, a := range found {
			if quota.SearchKey(a.Name) == key && len(rows) < maxCorrectButtons {
				rows = append(rows, []storage.Button{{Text: a.Name + " — " + a.Date.String(), Data: correctData(a, "show")}})
			}
		}
		r.reply(r.l.CorrectPick(esc(org.Name), strconv.Itoa(r.today.Year)), rows...)
	default:
		// Part of a name ("Dũng" for "Bùi Đức Dũng") finds those whose
		// name holds it, as the dashboard's search does.
		var rows [][]storage.Button
		var one quota.Admission
		if key := quota.SearchKey(query); key != "" {
			for _, a := range found {
				if strings.Contains(quota.SearchKey(a.Name), key) && len(rows) < maxCorrectButtons {
					one = a
					rows = append(rows, []storage.Button{{Text: a.Name + " — " + a.Date.String(), Data: correctData(a, "show")}})
				}
			}
		}
		switch len(rows) {
		case 0:
			r.reply(r.l.CorrectNotFound(esc(query)))
		case 1:
			b.correctionCard(r, one)
		default:
			r.reply(r.l.CorrectPick(esc(org.Name), strconv.Itoa(r.today.Year)), rows...)
		}
	}
	return nil
}

// correctData is a button of an admission: c:<id>:<action>.
func correctData(a quota.Admission, action string) string {
	return fmt.Sprintf("c:%d:%s", a.ID, action)
}

// correctionCallback takes a button of /correct; it returns the notice
// the button's answer shows.
func (b *Bot) correctionCallback(r *request, q *models.CallbackQuery) (string, error) {
	parts := strings.SplitN(q.Data, ":", 3)
	org, ok := b.secretaryOrg(r)
	if !ok || len(parts) != 3 {
		return r.l.DialogExpired, nil
	}
	var year, skip int
	if _, err := fmt.Sscanf(parts[2], "page_%d_%d", &year, &skip); err == nil && parts[1] == "0" {
		b.dropButtons(r, q)
		return "", b.correctionPage(r, org, year, skip)
	}
	id, _ := strconv.ParseUint(parts[1], 10, 64)
	a, err := r.tx.Admission(id)
	if err != nil || a.Org != org.Code || a.Retracted {
		return r.l.DialogExpired, nil //nolint:nilerr // a stale or foreign button
	}
	switch action := parts[2]; action {
	case "show":
		b.correctionCard(r, a)
		return "", nil
	case "retract":
		b.dropButtons(r, q)
		if _, err := r.tx.Retract(a.ID, r.from.ID, r.now); err != nil {
			return "", err
		}
		if err := b.returnToPipeline(r, a); err != nil {
			return "", err
		}
		r.reply(r.l.UndoDone(esc(a.Name), a.Date.String(), esc(org.Name)) + "\n" + b.tallyLine(r, a.Org, a.Date.Year))
		return "", nil
	default:
		f, ok := quota.ParseField(action)
		if !ok {
			return r.l.DialogExpired, nil
		}
		b.dropButtons(r, q)
		return "", b.saveDialog(r, reportDialog{ID: r.upd.ID, Kind: dialogAdmFix, Step: string(f), Org: org.Code, AdmID: a.ID, Name: a.Name})
	}
}

// askCorrection asks for the new value of the field being corrected.
func (b *Bot) askCorrection(r *request, d reportDialog, cancel []storage.Button) {
	switch quota.Field(d.Step) {
	case quota.FieldName:
		r.reply(r.l.CorrectAskName(esc(d.Name)), cancel)
	case quota.FieldDate:
		r.reply(r.l.CorrectAskDate(esc(d.Name)), cancel)
	default:
		r.reply(r.l.CorrectAskDecision(esc(d.Name)), cancel)
	}
}

// continueCorrection applies a typed new value, by the same rules as
// /report, and keeps the correction in the audit trail.
func (b *Bot) continueCorrection(r *request, d reportDialog, text string) error {
	a, err := r.tx.Admission(d.AdmID)
	if err != nil || a.Org != d.Org || a.Retracted {
		r.reply(r.l.DialogExpired)
		return r.tx.DeleteDialog(r.from.ID)
	}
	if quota.Field(d.Step) == quota.FieldDecision && (text == "-" || text == "0") {
		text = "" // a decision number written by mistake is taken out this way
	}
	next, c, err := a.Correct(quota.Field(d.Step), text, r.today, r.from.ID, r.now)
	if errors.Is(err, quota.ErrNoChange) {
		r.reply(r.l.CorrectNoChange)
		return r.tx.DeleteDialog(r.from.ID)
	}
	if err == nil {
		err = r.tx.ReplaceAdmission(next, c)
	}
	if errors.Is(err, quota.ErrAdmissionRecorded) {
		r.reply(r.l.ReportDuplicate)
		b.askDialog(r, d)
		return nil
	}
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		var dateErr, nameErr bool
		dateErr = errors.Is(err, quota.ErrBadDate) || errors.Is(err, quota.ErrImpossibleDate) || errors.Is(err, quota.ErrDateYearRange) ||
			errors.Is(err, quota.ErrFutureDate) || errors.Is(err, quota.ErrOldDate)
		nameErr = errors.Is(err, quota.ErrEmptyName) || errors.Is(err, quota.ErrLongName) || errors.Is(err, quota.ErrAbsurdName) || errors.Is(err, quota.ErrBadDecision)
		if !dateErr && !nameErr {
			return err
		}
		r.reply(reason(r.l, err))
		b.askDialog(r, d)
		return nil
	}
	if err := r.tx.DeleteDialog(r.from.ID); err != nil {
		return err
	}
	out := []string{r.l.CorrectDone(esc(next.Name), r.l.Fields[c.Field], esc(c.Old), esc(c.New))}
	out = append(out, b.tallyLine(r, next.Org, next.Date.Year))
	if a.Date.Year != next.Date.Year {
		out = append(out, b.tallyLine(r, next.Org, a.Date.Year))
	}
	r.reply(strings.Join(out, "\n"))
	return nil
}
