package bot

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
)

// Candidate names are personal data: they are shown only in private chats
// and only to the organization's secretaries, its specialists, leaders and
// admins.

// candidateArgs is a typed /candidate line: a verb, a name and what
// follows the first ';' (a source, a date or a reason).
type candidateArgs struct {
	word    string     // the first word as typed: a verb or an organization code
	action  texts.Verb // the verb it means, "" when it is none
	name    string     // the person's name, normalized
	nameErr error
	arg     string
}

// parseCandidateArgs reads "/candidate <verb> <name>[; <arg>]".
func parseCandidateArgs(args string) candidateArgs {
	verb, rest, _ := strings.Cut(strings.TrimSpace(args), " ")
	action, _ := texts.ParseVerb(verb)
	a := candidateArgs{word: verb, action: action}
	parts := strings.SplitN(rest, ";", 2)
	a.name, a.nameErr = quota.NormalizeName(parts[0])
	if len(parts) > 1 {
		a.arg = strings.TrimSpace(parts[1])
	}
	return a
}

func (b *Bot) cmdCandidate(r *request) error {
	if !r.private {
		r.reply(r.l.CandPrivate)
		return nil
	}
	ca := parseCandidateArgs(r.args)
	verb, rest := ca.word, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(r.args), ca.word))
	action, isVerb := ca.action, ca.action != ""
	if r.user.Role != quota.RoleSecretary {
		switch {
		case isVerb && action == "erase" && r.user.Role == quota.RoleAdmin:
			return b.eraseCandidate(r, rest)
		case verb == "" || isVerb:
			r.reply(r.l.CandReaderUsage)
			return nil
		}
		org, err := r.tx.FindOrg(verb)
		if err != nil {
			r.reply(r.l.UnknownOrg(esc(verb)))
			return nil
		}
		// An assignment covers the organizations below it.
		if !r.user.SeesNames(r.tx.Lineage(org.Code)) {
			r.reply(r.l.CandNotYours)
			return nil
		}
		return b.listCandidates(r, org, false)
	}
	// A base committee's secretary reads the pipeline of its cells.
	if !isVerb && verb != "" && len(r.user.Orgs) > 0 && !strings.EqualFold(verb, r.user.Orgs[0]) {
		if sub, err := r.tx.FindOrg(verb); err == nil && r.user.SeesNames(r.tx.Lineage(sub.Code)) {
			return b.listCandidates(r, sub, false)
		}
	}
	org, ok := b.secretaryOrg(r)
	if !ok {
		return nil
	}
	if verb == "" || action == "list" {
		return b.listCandidates(r, org, true)
	}
	if !isVerb {
		r.reply(r.l.CandUsage)
		return nil
	}
	name, arg := ca.name, ca.arg
	if ca.nameErr != nil {
		r.reply(reason(r.l, ca.nameErr) + "\n\n" + r.l.CandUsage)
		return nil
	}
	if action == "add" {
		src := quota.SourceOther
		if arg != "" {
			s, ok := texts.ParseSource(arg)
			if !ok {
				r.reply(r.l.CandBadSource)
				return nil
			}
			src = s
		}
		return b.addCandidate(r, org, name, src)
	}
	c, err := r.tx.SearchCandidate(org.Code, name)
	switch {
	case errors.Is(err, quota.ErrNameAmbiguous):
		r.reply(r.l.CandAmbiguous(esc(name)))
		return nil
	case errors.Is(err, quota.ErrNameNotFound):
		r.reply(r.l.CandNotFound(esc(name)))
		return nil
	case err != nil:
		return err
	}
	switch action {
	case "class":
		if arg == "" {
			r.reply(r.l.CandNeedDate)
			return nil
		}
		d, err := quota.ParseDate(arg)
		if err != nil {
			r.reply(reason(r.l, err))
			return nil
		}
		// A class can be years before the admission, never after today.
		if r.today.Before(d) {
			r.reply(r.l.CandFutureClass)
			return nil
		}
		return b.moveCandidate(r, c, quota.StageTrained, d)
	case "introduce":
		return b.moveCandidate(r, c, quota.StageIntroduced, r.today)
	case "submit":
		return b.moveCandidate(r, c, quota.StageSubmitted, r.today)
	case "drop":
		if arg == "" {
			r.reply(r.l.CandNeedReason)
			return nil
		}
		return b.dropCandidate(r, c, arg)
	}
	r.reply(r.l.CandUsage)
	return nil
}

func (b *Bot) addCandidate(r *request, org quota.Org, name string, src quota.Source) error {
	c := quota.Candidate{Org: org.Code, Name: name, Source: src, Stage: quota.StageIdentified,
		CreatedBy: r.from.ID, CreatedAt: r.now,
		History: []quota.StageChange{{Stage: quota.StageIdentified, On: r.today, At: r.now, By: r.from.ID}}}
	similar, err := r.tx.SimilarCandidates(org.Code, name)
	if err != nil {
		return err
	}
	err = r.tx.AddCandidate(&c)
	if errors.Is(err, quota.ErrCandidateExists) {
		r.reply(r.l.CandDuplicate(esc(c.Name), r.l.Stage(c.Stage)))
		return nil
	}
	if err != nil {
		return err
	}
	text := r.l.CandAdded(esc(c.Name), r.l.Source(src), r.l.Stage(c.Stage))
	for _, s := range similar {
		text += "\n" + r.l.SimilarCandidate(esc(s.Name), r.l.Stage(s.Stage))
	}
	r.reply(text)
	return nil
}

func (b *Bot) moveCandidate(r *request, c quota.Candidate, to quota.Stage, on quota.Date) error {
	if to == quota.StageAdmitted {
		r.reply(r.l.ReportUsage)
		return nil
	}
	err := c.Move(to, on, r.now, r.from.ID)
	switch {
	case errors.Is(err, quota.ErrStageClosed):
		r.reply(r.l.CandStageClosed(esc(c.Name), r.l.Stage(c.Stage)))
		return nil
	case errors.Is(err, quota.ErrStageOrder):
		r.reply(r.l.CandStageOrder(esc(c.Name), r.l.Stage(c.Stage)))
		return nil
	case errors.Is(err, quota.ErrClassDate):
		r.reply(r.l.CandNeedDate)
		return nil
	case err != nil:
		return err
	}
	if err := r.tx.PutCandidate(c); err != nil {
		return err
	}
	text := r.l.Stage(c.Stage)
	if to == quota.StageTrained {
		text += " (" + on.String() + ")"
	}
	r.reply(r.l.CandMoved(esc(c.Name), text))
	return nil
}

func (b *Bot) dropCandidate(r *request, c quota.Candidate, reason string) error {
	if err := c.Move(quota.StageDropped, quota.Date{}, r.now, r.from.ID); err != nil {
		r.reply(r.l.CandStageClosed(esc(c.Name), r.l.Stage(c.Stage)))
		return nil //nolint:nilerr // told to the user
	}
	if len([]rune(reason)) > 200 {
		reason = string([]rune(reason)[:200])
	}
	c.DropReason = reason
	if err := r.tx.PutCandidate(c); err != nil {
		return err
	}
	r.reply(r.l.CandDropped(esc(c.Name), esc(reason)))
	return nil
}

func (b *Bot) eraseCandidate(r *request, arg string) error {
	id, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimSpace(arg), "#"), 10, 64)
	if err != nil {
		r.reply(r.l.CandEraseUsage)
		return nil
	}
	err = r.tx.EraseCandidate(id, r.from.ID, r.now)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		r.reply(r.l.CandEraseUsage)
		return nil
	case errors.Is(err, quota.ErrNotDropped):
		r.reply(r.l.CandNotDropped)
		return nil
	case err != nil:
		return err
	}
	r.reply(r.l.CandErased(strconv.FormatUint(id, 10)))
	return nil
}

// maxCandidateButtons keeps the keyboard usable on a phone.
const maxCandidateButtons = 20

func (b *Bot) listCandidates(r *request, org quota.Org, buttons bool) error {
	all, err := r.tx.CandidatesOf(org.Code)
	if err != nil {
		return err
	}
	lines := []string{r.l.CandListHead(esc(org.Name))}
	var kb [][]storage.Button
	n, closed := 0, 0
	for _, c := range all {
		if c.Stage == quota.StageDropped || c.Stage == quota.StageAdmitted {
			closed++
			continue
		}
		n++
		label := r.l.Stage(c.Stage)
		if r.user.Role == quota.RoleAdmin {
			label += ", #" + strconv.FormatUint(c.ID, 10)
		}
		lines = append(lines, r.l.CandListItem(n, esc(c.Name), label, r.l.Source(c.Source)))
		if buttons && len(kb) < maxCandidateButtons {
			kb = append(kb, []storage.Button{{Text: fmt.Sprintf("%d. %s", n, c.Name), Data: candData(c, "show")}})
		}
	}
	if n == 0 {
		lines = append(lines, r.l.CandListEmpty)
	}
	if closed > 0 {
		lines = append(lines, r.l.CandListClosed(closed))
	}
	if !buttons {
		r.reply(strings.Join(lines, "\n"))
		return nil
	}
	if n > 0 {
		lines = append(lines, "", r.l.CandPick)
	}
	kb = append(kb, []storage.Button{{Text: r.l.BtnAddCandidate, Data: "k:0::add"}})
	r.reply(strings.Join(lines, "\n"), kb...)
	return nil
}

// candData names a button on a candidate at its stage, so a button pressed
// after the stage changed does nothing.
func candData(c quota.Candidate, action string) string {
	return fmt.Sprintf("k:%d:%s:%s", c.ID, c.Stage, action)
}

// candidateCallback takes a press on a candidate button.
func (b *Bot) candidateCallback(r *request, data string) (answer string, err error) {
	parts := strings.SplitN(data, ":", 4)
	if len(parts) != 4 || r.user == nil || r.user.Role != quota.RoleSecretary {
		return r.l.DialogExpired, nil
	}
	org, ok := b.secretaryOrg(r)
	if !ok {
		return "", nil
	}
	if parts[3] == "add" {
		return "", b.saveDialog(r, reportDialog{ID: r.upd.ID, Kind: dialogCandName, Org: org.Code})
	}
	id, _ := strconv.ParseUint(parts[1], 10, 64)
	c, err := r.tx.Candidate(id)
	if err != nil || c.Org != org.Code || string(c.Stage) != parts[2] {
		return r.l.DialogExpired, nil //nolint:nilerr // a stale or foreign button
	}
	switch parts[3] {
	case "show":
		kb := [][]storage.Button{}
		if next, ok := c.Stage.Next(); ok && next != quota.StageAdmitted {
			kb = append(kb, []storage.Button{{Text: r.l.NextStageButtons[next], Data: candData(c, "next")}})
		}
		kb = append(kb, []storage.Button{{Text: r.l.BtnDrop, Data: candData(c, "drop")}})
		r.reply(r.l.CandCard(esc(c.Name), r.l.Stage(c.Stage), r.l.Source(c.Source)), kb...)
	case "next":
		next, _ := c.Stage.Next()
		if next == quota.StageTrained {
			return "", b.saveDialog(r, reportDialog{ID: r.upd.ID, Kind: dialogCandClass, Org: org.Code, CandID: c.ID, Name: c.Name})
		}
		return "", b.moveCandidate(r, c, next, r.today)
	case "drop":
		return "", b.saveDialog(r, reportDialog{ID: r.upd.ID, Kind: dialogCandDrop, Org: org.Code, CandID: c.ID, Name: c.Name})
	}
	return "", nil
}

// continueCandidateDialog takes a typed answer in a candidate dialog.
func (b *Bot) continueCandidateDialog(r *request, d reportDialog, text string) error {
	switch d.Kind {
	case dialogCandName:
		if d.Name != "" {
			b.askDialog(r, d) // the source is chosen with a button
			return nil
		}
		name, err := quota.NormalizeName(text)
		if err != nil {
			r.reply(reason(r.l, err))
			b.askDialog(r, d)
			return nil
		}
		d.Name = name
		return b.saveDialog(r, d)
	case dialogCandClass:
		day, err := quota.ParseDate(text)
		if err != nil {
			r.reply(reason(r.l, err))
			b.askDialog(r, d)
			return nil
		}
		if r.today.Before(day) {
			r.reply(r.l.CandFutureClass)
			b.askDialog(r, d)
			return nil
		}
		return b.finishCandidateDialog(r, d, func(c quota.Candidate) error { return b.moveCandidate(r, c, quota.StageTrained, day) })
	case dialogCandDrop:
		if text == "" {
			b.askDialog(r, d)
			return nil
		}
		return b.finishCandidateDialog(r, d, func(c quota.Candidate) error { return b.dropCandidate(r, c, text) })
	}
	return r.tx.DeleteDialog(r.from.ID)
}

// candidateDialogButton takes a button pressed in a candidate dialog; the
// notice answers a button that no longer acts.
func (b *Bot) candidateDialogButton(r *request, d reportDialog, action string) (notice string, err error) {
	switch {
	case action == "cancel":
		r.reply(r.l.DialogCancelled)
		return "", r.tx.DeleteDialog(r.from.ID)
	case d.Kind == dialogCandName && d.Name != "" && strings.HasPrefix(action, "src_"):
		src, ok := texts.ParseSource(strings.TrimPrefix(action, "src_"))
		org, err := r.tx.Org(d.Org)
		if !ok || err != nil {
			return r.l.DialogExpired, r.tx.DeleteDialog(r.from.ID)
		}
		if err := r.tx.DeleteDialog(r.from.ID); err != nil {
			return "", err
		}
		return "", b.addCandidate(r, org, d.Name, src)
	case d.Kind == dialogCandClass && action == "today":
		return "", b.finishCandidateDialog(r, d, func(c quota.Candidate) error { return b.moveCandidate(r, c, quota.StageTrained, r.today) })
	}
	return r.l.DialogExpired, nil
}

func (b *Bot) finishCandidateDialog(r *request, d reportDialog, f func(c quota.Candidate) error) error {
	if err := r.tx.DeleteDialog(r.from.ID); err != nil {
		return err
	}
	c, err := r.tx.Candidate(d.CandID)
	if err != nil || c.Org != d.Org {
		r.reply(r.l.DialogExpired)
		return nil //nolint:nilerr // erased meanwhile
	}
	return f(c)
}

// askCandidateDialog asks the next question of a candidate dialog.
func (b *Bot) askCandidateDialog(r *request, d reportDialog) {
	cancel := []storage.Button{r.button(d, r.l.BtnCancel, "cancel")}
	switch d.Kind {
	case dialogCandName:
		if d.Name == "" {
			r.reply(r.l.CandAskName, cancel)
			return
		}
		var row []storage.Button
		for _, s := range quota.Sources {
			row = append(row, storage.Button{Text: r.l.Source(s), Data: fmt.Sprintf("r:%d:src_%s", d.ID, s)})
		}
		r.reply(r.l.CandAskSource(esc(d.Name)), row[:2], row[2:], cancel)
	case dialogCandClass:
		r.reply(r.l.CandAskClass(esc(d.Name)), []storage.Button{r.button(d, r.l.BtnToday, "today")}, cancel)
	case dialogCandDrop:
		r.reply(r.l.CandAskReason(esc(d.Name)), cancel)
	}
}
