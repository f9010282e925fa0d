package webapp

import (
	"errors"
	"net/http"

	"quotabot/quota"
	"quotabot/storage"
)

// maxListed bounds the named lists of an organization's page; the export
// has them all.
const (
	maxListed = 500
	// historyYears is how many years the quota history goes back.
	historyYears = 10
	// maxPeopleOrgs bounds the subtree whose candidates one page reads.
	maxPeopleOrgs = 2000
)

type yearJSON struct {
	Year     int     `json:"year"`
	Quota    int     `json:"quota"`
	Admitted int     `json:"admitted"`
	Tally    string  `json:"tally"`
	Pct      string  `json:"pct"`
	Percent  float64 `json:"percent"`
	// The decision behind the organization's own quota of the year, and
	// the values it replaced, oldest first ("8 (12-QĐ/ĐU, 01/02/2026)").
	Decision string   `json:"decision,omitempty"`
	Earlier  []string `json:"earlier,omitempty"`
}

// quotaValue writes a quota with the decision that set it.
func quotaValue(c *caller, v quota.QuotaValue) string {
	s := c.l.Num(v.Quota)
	if !v.Decision.IsZero() {
		s += " (" + v.Decision.String() + ")"
	}
	return s
}

type admissionJSON struct {
	Name     string `json:"name"`
	Date     string `json:"date"`
	Decision string `json:"decision,omitempty"`
}

type countJSON struct {
	Key   string `json:"key"`
	Name  string `json:"name"`
	Count int    `json:"count"`
}

type candidateJSON struct {
	Name   string `json:"name"`
	Org    string `json:"org"`
	Stage  string `json:"stage"`
	Source string `json:"source"`
}

type probationJSON struct {
	Name     string `json:"name"`
	Admitted string `json:"admitted"`
	Ends     string `json:"ends"`
	Overdue  bool   `json:"overdue"`
}

type orgJSON struct {
	Year       int             `json:"year"`
	On         string          `json:"on"`
	Progress   progressJSON    `json:"progress"`
	Ancestors  []orgRef        `json:"ancestors"`
	Children   int             `json:"children"`
	Advanced   int             `json:"advanced"`
	AtRisk     bool            `json:"at_risk"`
	Gap        int             `json:"gap"`
	LastYear   int             `json:"last_year"`
	History    []yearJSON      `json:"history"`
	Admissions []admissionJSON `json:"admissions"`
	Stages     []countJSON     `json:"stages"`
	Sources    []countJSON     `json:"sources"`
	Conversion string          `json:"conversion"`
	Candidates []candidateJSON `json:"candidates"`
	Probations []probationJSON `json:"probations"`
	Facts      []factJSON      `json:"facts"`
	Names      bool            `json:"names"` // whether the named lists are the caller's to see
	Term       *termJSON       `json:"term"`
}

// org is an organization's page: its standing with its subtree as
// /status <org> computes it, the quota history, its named admissions,
// the pipeline by stage and source and the probations due.
func (s *Server) org(r *http.Request, tx *storage.Tx, c *caller) (any, error) {
	code := r.URL.Query().Get("code")
	lineage, err := s.mayRead(tx, c, code)
	if err != nil {
		return nil, err
	}
	year, err := s.yearParam(r, c)
	if err != nil {
		return nil, err
	}
	org, err := tx.Org(code)
	if err != nil {
		return nil, err
	}
	code = org.Code
	on := s.chat.AsOf(year, c.today)
	j, p, parts, advanced, err := s.orgProgress(tx, c, code, year)
	if err != nil {
		return nil, err
	}
	out := orgJSON{Year: year, On: on.String(), Progress: j, Children: len(tx.Children(code)), Advanced: advanced,
		Ancestors: []orgRef{}, History: []yearJSON{}, Admissions: []admissionJSON{}, Stages: []countJSON{},
		Sources: []countJSON{}, Candidates: []candidateJSON{}, Probations: []probationJSON{}}
	if out.Term, err = s.term(tx, c, code, year); err != nil {
		return nil, err
	}
	for i := len(lineage) - 1; i >= 1; i-- {
		out.Ancestors = append(out.Ancestors, ref(tx, lineage[i]))
	}
	if year == c.today.Year && p.Quota > 0 && !p.Met() && s.chat.YearAtRisk() {
		out.AtRisk = quota.AtRisk(quota.Tally{Quota: p.Quota, Admitted: p.Admitted}, advanced)
		out.Gap = quota.Risk{Progress: p, Advanced: advanced}.Gap()
	}
	out.LastYear = s.chat.SamePeriodLastYear(tx, code, year, on)
	w := c.l.Dashboard
	out.Facts = []factJSON{fact(c, "fact-advanced", w.Advanced, advanced)}
	if len(parts) == 1 {
		// As /status: the same period last year of an organization's own
		// admissions; a parent's are its parts'.
		out.Facts = append(out.Facts, fact(c, "fact-last-year", w.LastYear, out.LastYear))
	}
	if out.AtRisk {
		out.Facts = append(out.Facts, fact(c, "fact-at-risk", w.AtRiskGap, out.Gap))
	}

	// Only the years the database has figures for: a tally or a total.
	known := map[int]bool{}
	for _, y := range tx.TallyYears() {
		known[y] = true
	}
	for _, y := range tx.PastTotalYears() {
		known[y] = true
	}
	for y := c.today.Year + 1; y > c.today.Year-historyYears; y-- {
		if !known[y] {
			continue
		}
		hp, _, _, err := s.chat.OrgProgress(tx, code, y, s.chat.AsOf(y, c.today))
		if err != nil {
			return nil, err
		}
		if hp.Quota == 0 && hp.Admitted == 0 {
			continue
		}
		h := yearJSON{Year: y, Quota: hp.Quota, Admitted: hp.Admitted,
			Tally: c.l.Num(hp.Admitted) + "/" + c.l.Num(hp.Quota),
			Pct:   c.l.Pct(hp.Percent()), Percent: hp.Percent()}
		if rec, err := tx.YearQuota(y, code); err == nil {
			h.Decision = rec.Current.Decision.String()
			for _, v := range rec.History {
				h.Earlier = append(h.Earlier, quotaValue(c, v))
			}
		} else if !errors.Is(err, storage.ErrNotFound) {
			return nil, err
		}
		out.History = append(out.History, h)
	}

	codes := make([]string, len(parts))
	for i, part := range parts {
		codes[i] = part.Org
	}
	// Named records only where the chat shows names: a specialist reads
	// every figure but the names of their own organizations only.
	out.Names = c.user.SeesNames(lineage)
	if err := s.pipeline(tx, c, codes, year, out.Names, &out); err != nil {
		return nil, err
	}
	if !out.Names {
		return out, nil
	}
	adm, err := tx.AdmissionsOf(code, year)
	if err != nil {
		return nil, err
	}
	for i, a := range adm {
		if i == maxListed {
			break
		}
		out.Admissions = append(out.Admissions, admissionJSON{Name: a.Name, Date: a.Date.String(), Decision: a.Decision})
	}

	err = tx.EachProbationOf(code, c.today.AddDays(s.chat.ProbationWindow()), func(a quota.Admission) error {
		end := a.ProbationEnd()
		out.Probations = append(out.Probations, probationJSON{Name: a.Name, Admitted: a.Date.String(), Ends: end.String(), Overdue: end.Before(c.today)})
		return nil
	})
	return out, err
}

// pipeline fills the candidates by stage (from this subtree's records) and
// by source with the year's conversion (as /status counts them).
func (s *Server) pipeline(tx *storage.Tx, c *caller, codes []string, year int, names bool, out *orgJSON) error {
	bySource, introduced, admitted, err := s.chat.Pipeline(tx, codes, year)
	if err != nil {
		return err
	}
	for _, src := range quota.Sources {
		out.Sources = append(out.Sources, countJSON{Key: string(src), Name: c.l.Source(src), Count: bySource[src]})
	}
	out.Conversion = c.l.Dashboard.Conversion(c.l.Num(admitted), c.l.Num(introduced), c.l.Pct(quota.Percent(admitted, introduced)))
	byStage := map[quota.Stage]int{}
	for i, code := range codes {
		if i == maxPeopleOrgs {
			break
		}
		cands, err := tx.CandidatesOf(code)
		if err != nil {
			return err
		}
		for _, cand := range cands {
			byStage[cand.Stage]++
			if !names || cand.Stage == quota.StageAdmitted || cand.Stage == quota.StageDropped || len(out.Candidates) == maxListed {
				continue
			}
			out.Candidates = append(out.Candidates, candidateJSON{Name: cand.Name, Org: cand.Org,
				Stage: c.l.Stage(cand.Stage), Source: c.l.Source(cand.Source)})
		}
	}
	for _, st := range append(quota.Pipeline, quota.StageDropped) {
		out.Stages = append(out.Stages, countJSON{Key: string(st), Name: c.l.Stage(st), Count: byStage[st]})
	}
	return nil
}
