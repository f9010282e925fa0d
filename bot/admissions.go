package bot

import (
	"strconv"
	"strings"

	"quotabot/quota"
)

// maxAdmissionLines bounds the list in a reply; the export's sheet of
// admissions has them all.
const maxAdmissionLines = 200

// cmdAdmissions lists the named admissions of an organization and year,
// retracted ones marked: "/admissions [ORG] [YEAR]". A secretary sees
// their organization and those under it; a reader names one.
func (b *Bot) cmdAdmissions(r *request) error {
	year := r.today.Year
	code := ""
	for _, f := range strings.Fields(r.args) {
		if _, isOrg := r.tx.Org(f); quota.LooksLikeYear(f) && isOrg != nil {
			y, err := quota.ParseYear(f, r.today)
			if err != nil {
				r.reply(r.l.reason(err) + "\n" + r.l.T("admissions_usage"))
				return nil
			}
			year = y
			continue
		}
		if code != "" {
			r.reply(r.l.T("admissions_usage"))
			return nil
		}
		code = f
	}
	if code == "" {
		if r.user.Role != quota.RoleSecretary || len(r.user.Orgs) == 0 {
			r.reply(r.l.T("admissions_usage"))
			return nil
		}
		code = r.user.Orgs[0]
	}
	org, err := r.tx.Org(code)
	if err != nil {
		r.reply(r.l.T("unknown_org", esc(code)))
		return nil
	}
	if !r.user.SeesNames(r.tx.Lineage(org.Code)) {
		r.reply(r.l.T("cand_not_yours"))
		return nil
	}
	all, err := r.tx.AdmissionsOf(org.Code, year)
	if err != nil {
		return err
	}
	if len(all) == 0 {
		r.reply(r.l.T("admissions_none", esc(org.Name), strconv.Itoa(year)))
		return nil
	}
	retracted := 0
	var items []string
	for _, a := range all {
		dec := ""
		if a.Decision != "" {
			dec = r.l.T("report_decision", esc(a.Decision))
		}
		mark := ""
		if a.Retracted {
			retracted++
			mark = r.l.T("admissions_retracted", quota.DateOf(a.RetractedAt.In(b.opts.Location)).String())
		} else if len(a.Corrections) > 0 {
			mark = r.l.T("admissions_corrected")
		}
		items = append(items, r.l.T("admissions_item", strconv.Itoa(len(items)+1), esc(a.Name), a.Date.String(), dec, mark))
	}
	lines := []string{r.l.T("admissions_head", strconv.Itoa(year), esc(org.Name), len(all)-retracted, retracted)}
	for i, it := range items {
		if i == maxAdmissionLines {
			lines = append(lines, r.l.T("more_lines", len(items)-i))
			break
		}
		lines = append(lines, it)
	}
	r.reply(strings.Join(lines, "\n"))
	return nil
}
