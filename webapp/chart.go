package webapp

import (
	"net/http"

	"quotabot/quota"
	"quotabot/storage"
)

// chartYears is how many years the chart by year shows.
const chartYears = 6

type chartJSON struct {
	Name  string     `json:"name"`
	Years []yearJSON `json:"years"`
}

// chart is admitted against the quota by year, for the committee or an
// organization with its subtree, from the same figures as /status.
func (s *Server) chart(r *http.Request, tx *storage.Tx, c *caller) (any, error) {
	code := r.URL.Query().Get("code")
	if code == "" && !c.user.Role.ReadsEverything() {
		if len(c.user.Orgs) == 0 {
			return nil, refuse(http.StatusForbidden, c.l.Dashboard.Forbidden)
		}
		code = c.user.Orgs[0]
	}
	out := chartJSON{Name: c.l.Dashboard.Committee, Years: []yearJSON{}}
	if code != "" {
		if _, err := s.mayRead(tx, c, code); err != nil {
			return nil, err
		}
		out.Name = ref(tx, code).Name
	}
	for y := c.today.Year - chartYears + 1; y <= c.today.Year; y++ {
		var q, a int
		if code == "" {
			sum, err := s.committeeSummary(tx, c, y)
			if err != nil {
				return nil, err
			}
			yc, err := s.chat.CommitteeCount(tx, y, sum.On)
			if err != nil {
				return nil, err
			}
			q, a = sum.Quota, yc.Admitted
		} else {
			p, _, _, err := s.chat.OrgProgress(tx, code, y, s.chat.AsOf(y, c.today))
			if err != nil {
				return nil, err
			}
			q, a = p.Quota, p.Admitted
		}
		pct := quota.Percent(a, q)
		out.Years = append(out.Years, yearJSON{Year: y, Quota: q, Admitted: a, Percent: pct,
			Tally: c.l.Num(a) + "/" + c.l.Num(q), Pct: c.l.Pct(pct)})
	}
	// Years before the first quota or admission say nothing.
	for len(out.Years) > 1 && out.Years[0].Quota == 0 && out.Years[0].Admitted == 0 {
		out.Years = out.Years[1:]
	}
	return out, nil
}
