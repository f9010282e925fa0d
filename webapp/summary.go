package webapp

import (
	"net/http"

	"quotabot/quota"
	"quotabot/storage"
)

// keepFurthest is how many of the furthest behind the first screen lists.
const keepFurthest = 3

type riskJSON struct {
	progressJSON
	Advanced int `json:"advanced"`
	Gap      int `json:"gap"`
}

type summaryJSON struct {
	Scope     string         `json:"scope"` // committee, or org for a secretary
	Year      int            `json:"year"`
	On        string         `json:"on"`
	Progress  progressJSON   `json:"progress"`
	WithQuota int            `json:"with_quota"`
	Met       int            `json:"met"`
	Behind    int            `json:"behind"`
	AtRisk    int            `json:"at_risk"`
	LastYear  int            `json:"last_year"`
	Furthest  []progressJSON `json:"furthest"`
	Risky     []riskJSON     `json:"risky"`
	Facts     []factJSON     `json:"facts"`
	Term      *termJSON      `json:"term"`
}

// summary is the year at a glance: the committee's /status for readers,
// the organization's for a secretary, as the chat answers each.
func (s *Server) summary(r *http.Request, tx *storage.Tx, c *caller) (any, error) {
	year, err := s.yearParam(r, c)
	if err != nil {
		return nil, err
	}
	on := s.chat.AsOf(year, c.today)
	out := summaryJSON{Year: year, On: on.String(), Furthest: []progressJSON{}, Risky: []riskJSON{}}
	if !c.user.Role.ReadsEverything() {
		if len(c.user.Orgs) == 0 {
			return nil, refuse(http.StatusForbidden, c.l.Dashboard.Forbidden)
		}
		code := c.user.Orgs[0]
		out.Scope = "org"
		j, p, parts, advanced, err := s.orgProgress(tx, c, code, year)
		if err != nil {
			return nil, err
		}
		out.Progress = j
		// Its cells counted as the committee's organizations are.
		z := quota.NewSummarizer(year, on, 0)
		for _, part := range parts[1:] {
			z.Add(part)
		}
		cells := z.Summary()
		out.WithQuota, out.Met, out.Behind = cells.WithQuota, cells.Met, cells.Behind
		if quota.AtRisk(quota.Tally{Quota: p.Quota, Admitted: p.Admitted}, advanced) {
			out.AtRisk = 1
		}
		out.LastYear = s.chat.SamePeriodLastYear(tx, code, year, on)
		out.Facts = s.summaryFacts(c, out)
		out.Term, err = s.term(tx, c, code, year)
		return out, err
	}
	sum, err := s.committeeSummary(tx, c, year)
	if err != nil {
		return nil, err
	}
	out.Scope = "committee"
	// A year before quotabot has imported totals, not tallies: the
	// admitted figure is the chat's.
	yc, err := s.chat.CommitteeCount(tx, year, sum.On)
	if err != nil {
		return nil, err
	}
	out.Progress = s.progress(c, quota.Progress{Year: year, On: sum.On, Quota: sum.Quota, Admitted: yc.Admitted, Expected: sum.Expected})
	out.Progress.Name = c.l.Dashboard.Committee
	out.WithQuota, out.Met, out.Behind, out.AtRisk = sum.WithQuota, sum.Met, sum.Behind, sum.AtRisk
	out.LastYear = s.chat.SamePeriodLastYear(tx, "", year, sum.On)
	for _, p := range sum.Furthest {
		j := s.progress(c, p)
		j.Name = ref(tx, p.Org).Name
		out.Furthest = append(out.Furthest, j)
	}
	out.Facts = s.summaryFacts(c, out)
	if out.Term, err = s.term(tx, c, "", year); err != nil {
		return nil, err
	}
	if year == c.today.Year && s.chat.YearAtRisk() {
		for _, rk := range sum.Risky {
			j := s.progress(c, rk.Progress)
			j.Name = ref(tx, rk.Org).Name
			out.Risky = append(out.Risky, riskJSON{progressJSON: j, Advanced: rk.Advanced, Gap: rk.Gap()})
		}
	}
	return out, nil
}

func (s *Server) summaryFacts(c *caller, out summaryJSON) []factJSON {
	w := c.l.Dashboard
	facts := []factJSON{
		fact(c, "fact-with-quota", w.OrgsWithQuota, out.WithQuota),
		fact(c, "fact-met", w.Met, out.Met),
		fact(c, "fact-behind", w.Behind, out.Behind),
	}
	// As /status: the warning is this year's, when the year drives it.
	if out.Year == c.today.Year && s.chat.YearAtRisk() {
		facts = append(facts, fact(c, "fact-at-risk", w.AtRisk, out.AtRisk))
	}
	return append(facts, fact(c, "fact-last-year", w.LastYear, out.LastYear))
}
