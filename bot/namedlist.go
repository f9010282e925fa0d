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
				r.reply(reason(r.l, err) + "\n" + r.l.AdmissionsUsage)
				return nil
			}
			year = y
			continue
		}
		if code != "" {
			r.reply(r.l.AdmissionsUsage)
			return nil
		}
		code = f
	}
	if code == "" {
		if r.user.Role != quota.RoleSecretary || len(r.user.Orgs) == 0 {
			r.reply(r.l.AdmissionsUsage)
			return nil
		}
		code = r.user.Orgs[0]
	}
	org, err := r.tx.Org(code)
	if err != nil {
		r.reply(r.l.UnknownOrg(esc(code)))
		return nil
	}
	if !r.user.SeesNames(r.tx.Lineage(org.Code)) {
		r.reply(r.l.CandNotYours)
		return nil
	}
	all, err := r.tx.AllAdmissionsOf(org.Code, year)
	if err != nil {
		return err
	}
	if len(all) == 0 {
		r.reply(r.l.AdmissionsNone(esc(org.Name), strconv.Itoa(year)))
		return nil
	}
	retracted := 0
	var items []string
	for _, a := range all {
		dec := ""
		if a.Decision != "" {
			dec = r.l.ReportDecision(esc(a.Decision))
		}
		mark := ""
		if a.Retracted {
			retracted++
			mark = r.l.AdmissionsRetracted(quota.DateOf(a.RetractedAt.In(b.opts.Location)).String())
		} else if len(a.Corrections) > 0 {
			mark = r.l.AdmissionsCorrected
		}
		items = append(items, r.l.AdmissionsItem(strconv.Itoa(len(items)+1), esc(a.Name), a.Date.String(), dec, mark))
	}
	lines := []string{r.l.AdmissionsHead(strconv.Itoa(year), esc(org.Name), len(all)-retracted, retracted)}
	for i, it := range items {
		if i == maxAdmissionLines {
			lines = append(lines, r.l.MoreLines(len(items)-i))
			break
		}
		lines = append(lines, it)
	}
	r.reply(strings.Join(lines, "\n"))
	return nil
}
