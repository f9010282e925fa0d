package bot

import (
	"strconv"
	"strings"

	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
)

// cmdOrg shows an organization, or deactivates or reactivates it.
// Nothing is deleted: a deactivated organization keeps its history and
// its figures, and only stops taking reports and reminders.
func (b *Bot) cmdOrg(r *request) error {
	fields := strings.Fields(r.args)
	if len(fields) == 0 || len(fields) > 2 {
		r.reply(r.l.OrgUsage)
		return nil
	}
	org, err := r.tx.FindOrg(fields[0])
	if err != nil {
		r.reply(r.l.UnknownOrg(esc(fields[0])))
		return nil
	}
	if len(fields) == 2 {
		switch strings.ToLower(fields[1]) {
		case "off":
			if !org.Inactive {
				org.Deactivate(r.today)
			}
		case "on":
			org.Reactivate()
		default:
			r.reply(r.l.OrgUsage)
			return nil
		}
		if _, err := r.tx.PutOrg(org); err != nil {
			return err
		}
		if org.Inactive {
			r.reply(r.l.OrgDeactivated(esc(org.Name)))
		} else {
			r.reply(r.l.OrgReactivated(esc(org.Name)))
		}
		return nil
	}
	parent := r.l.OrgTop
	if org.Parent != "" {
		parent = esc(orgName(r.tx, org.Parent)) + " (<code>" + esc(org.Parent) + "</code>)"
	}
	state := r.l.OrgActive
	if org.Inactive {
		state = r.l.OrgInactiveState
	}
	var secs []string
	if err := r.tx.EachUser(func(u quota.User) error {
		if u.Role == quota.RoleSecretary && u.HasOrg(org.Code) {
			sec := esc(u.Name) + " (" + strconv.FormatInt(u.ID, 10) + ")"
			if u.Unreachable { // registered, but no message reaches them
				sec += r.l.UsersUnreachable
			}
			secs = append(secs, sec)
		}
		return nil
	}); err != nil {
		return err
	}
	who := r.l.OrgNone
	if len(secs) > 0 {
		who = strings.Join(secs, ", ")
	}
	t := r.tx.Tally(r.today.Year, org.Code)
	card := r.l.OrgCard(esc(org.Name), esc(org.Code), parent, state, strconv.Itoa(r.today.Year), t.Quota, t.Admitted, who)
	ql, err := quotaDecisionLines(r.tx, r.l, org.Code, r.today.Year)
	if err != nil {
		return err
	}
	if len(ql) > 0 {
		card += "\n" + strings.Join(ql, "\n")
	}
	r.reply(card)
	return nil
}

// quotaDecisionLines are an organization's quotas of this year and of its
// terms, each with the decision that set it and the earlier values.
func quotaDecisionLines(tx *storage.Tx, l *texts.Lang, code string, year int) ([]string, error) {
	var recs []quota.QuotaRecord
	if rec, err := tx.YearQuota(year, code); err == nil {
		recs = append(recs, rec)
	} else if !isNotFound(err) {
		return nil, err
	}
	terms, err := tx.TermQuotasOf(code)
	if err != nil {
		return nil, err
	}
	recs = append(recs, terms...)
	var lines []string
	for _, rec := range recs {
		what := strconv.Itoa(rec.Year)
		if !rec.Term.IsZero() {
			what = l.OrgTerm(rec.Term.String())
		}
		lines = append(lines, l.OrgQuotaLine(what, rec.Current.Quota, decisionNote(l, rec.Current.Decision)))
		if len(rec.History) == 0 {
			continue
		}
		var earlier []string
		for i := len(rec.History) - 1; i >= 0; i-- { // the latest first
			h := rec.History[i]
			earlier = append(earlier, l.OrgEarlierItem(h.Quota, decisionNote(l, h.Decision)))
		}
		lines = append(lines, l.OrgEarlier(strings.Join(earlier, "; ")))
	}
	return lines, nil
}

// decisionNote is " (theo Quyết định 2323-QĐ/ĐUK, 11/04/2019)", or
// nothing when no decision is known.
func decisionNote(l *texts.Lang, d quota.Decision) string {
	if d.IsZero() {
		return ""
	}
	return l.OrgDecision(esc(d.String()))
}
