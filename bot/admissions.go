package bot

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"quotabot/office"
	"quotabot/quota"
)

// importAdmissions records the named admissions of a register an admin
// sent, all or nothing, with the rules of a chat report; caption "thử" or
// "dry" for a dry run.
func (b *Bot) importAdmissions(r *request) error {
	doc := r.upd.Message.Document
	rows, err := office.ReadAdmissions(doc.FileName, bytes.NewReader(r.pre.file))
	var ie *office.ImportError
	switch {
	case errors.As(err, &ie):
		b.replyImportErrors(r, ie)
		return nil
	case err != nil:
		r.reply(r.l.T("adm_bad_file", esc(doc.FileName), esc(err.Error())))
		return nil
	}
	dry := slices.Contains([]string{"thu", "dry", "dry-run", "dry run"}, quota.SearchKey(r.text))
	who := fmt.Sprintf("admin %d", r.from.ID)
	if r.from.Username != "" {
		who += " (@" + r.from.Username + ")"
	}
	src := office.AdmissionSource{File: doc.FileName, By: r.from.ID, Who: who + " in chat", At: r.now}
	res, err := office.ApplyAdmissions(r.tx, rows, src, r.today, dry)
	var le *office.LinesError
	if errors.As(err, &le) {
		out := []string{r.l.T("adm_refused", esc(doc.FileName), len(le.Errors))}
		for i, e := range le.Errors {
			if i == maxChildLines {
				out = append(out, r.l.T("more_lines", len(le.Errors)-i))
				break
			}
			text := e.Text
			if len([]rune(text)) > 60 {
				text = string([]rune(text)[:60]) + "…"
			}
			out = append(out, r.l.T("report_line_error", e.Line, esc(text), r.l.bulkReason(e.Err)))
		}
		r.reply(strings.Join(out, "\n"))
		return nil
	}
	if err != nil {
		return err
	}
	key := "adm_done"
	if dry {
		key = "adm_dry"
	}
	out := []string{r.l.T(key, esc(doc.FileName), res.Added, yearsText(res.Years), len(res.Known))}
	codes := make([]string, 0, len(res.ByOrg))
	for c := range res.ByOrg {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for i, c := range codes {
		if i == maxChildLines {
			out = append(out, r.l.T("more_lines", len(codes)-i))
			break
		}
		out = append(out, r.l.T("adm_org", esc(orgName(r.tx, c)), res.ByOrg[c]))
	}
	for _, s := range res.Similar {
		out = append(out, r.l.T("adm_similar", s.Line, esc(s.Name), esc(s.Recorded), s.Date.String()))
	}
	r.reply(strings.Join(out, "\n"))
	return nil
}

// bulkReason is the user's words for a mistake in a register's line.
func (l lang) bulkReason(err error) string {
	switch {
	case errors.Is(err, quota.ErrNoOrg):
		return l.T("err_no_org")
	case errors.Is(err, quota.ErrUnknownOrg):
		return l.T("err_unknown_org")
	case errors.Is(err, quota.ErrAmbiguousOrg):
		return l.T("err_ambiguous_org")
	case errors.Is(err, quota.ErrInactiveOrg):
		return l.T("err_inactive_org")
	case errors.Is(err, quota.ErrNoDate):
		return l.T("err_no_date")
	case errors.Is(err, quota.ErrBirthLate):
		return l.T("err_birth_late")
	case errors.Is(err, quota.ErrTooYoung):
		return l.T("err_too_young")
	}
	var dup quota.DupInFileError
	if errors.As(err, &dup) {
		return l.T("err_dup_in_file", strconv.Itoa(dup.First))
	}
	return l.reason(err)
}
