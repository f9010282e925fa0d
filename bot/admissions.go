package bot

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"quotabot/office"
	"quotabot/quota"
	"quotabot/texts"
)

// importAdmissions records the named admissions of a register an admin
// sent, all or nothing, with the rules of a chat report; caption "thử" or
// "dry" for a dry run.
func (b *Bot) importAdmissions(r *request) error {
	doc := r.upd.Message.Document
	rows, err := r.pre.register, r.pre.parseErr
	var ie *office.ImportError
	switch {
	case errors.As(err, &ie):
		b.replyImportErrors(r, ie)
		return nil
	case err != nil:
		b.log.Info("an uploaded register could not be read", "file", doc.FileName, "err", err)
		r.reply(r.l.AdmBadFile(esc(doc.FileName), fileProblem(r.l, err)))
		return nil
	}
	dry := texts.IsDryRun(r.text)
	who := fmt.Sprintf("admin %d", r.from.ID)
	if r.from.Username != "" {
		who += " (@" + r.from.Username + ")"
	}
	src := office.AdmissionSource{File: doc.FileName, By: r.from.ID, Who: who + " in chat", At: r.now}
	res, err := office.ApplyAdmissions(r.tx, rows, src, r.today, dry)
	var le *office.LinesError
	if errors.As(err, &le) {
		out := []string{r.l.AdmRefused(esc(doc.FileName), len(le.Errors))}
		for i, e := range le.Errors {
			if i == maxChildLines {
				out = append(out, r.l.MoreLines(len(le.Errors)-i))
				break
			}
			text := e.Text
			if len([]rune(text)) > 60 {
				text = string([]rune(text)[:60]) + "…"
			}
			out = append(out, r.l.ReportLineError(e.Line, esc(text), bulkReason(r.l, e.Err)))
		}
		r.reply(strings.Join(out, "\n"))
		return nil
	}
	if err != nil {
		return err
	}
	say := r.l.AdmDone
	if dry {
		say = r.l.AdmDry
	}
	out := []string{say(esc(doc.FileName), res.Added, yearsText(res.Years), len(res.Known))}
	codes := make([]string, 0, len(res.ByOrg))
	for c := range res.ByOrg {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for i, c := range codes {
		if i == maxChildLines {
			out = append(out, r.l.MoreLines(len(codes)-i))
			break
		}
		out = append(out, r.l.AdmOrg(esc(orgName(r.tx, c)), res.ByOrg[c]))
	}
	for _, s := range res.Similar {
		out = append(out, r.l.AdmSimilar(s.Line, esc(s.Name), esc(s.Recorded), s.Date.String()))
	}
	r.reply(strings.Join(out, "\n"))
	return nil
}

// bulkReason is the user's words for a mistake in a register's line.
func bulkReason(l *texts.Lang, err error) string {
	switch {
	case errors.Is(err, quota.ErrNoOrg):
		return l.ErrNoOrg
	case errors.Is(err, quota.ErrUnknownOrg):
		return l.ErrUnknownOrg
	case errors.Is(err, quota.ErrAmbiguousOrg):
		return l.ErrAmbiguousOrg
	case errors.Is(err, quota.ErrInactiveOrg):
		return l.ErrInactiveOrg
	case errors.Is(err, quota.ErrNoDate):
		return l.ErrNoDate
	case errors.Is(err, quota.ErrBirthLate):
		return l.ErrBirthLate
	case errors.Is(err, quota.ErrTooYoung):
		return l.ErrTooYoung
	}
	var dup quota.DupInFileError
	if errors.As(err, &dup) {
		return l.ErrDupInFile(strconv.Itoa(dup.First))
	}
	return reason(l, err)
}
