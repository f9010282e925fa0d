package webapp

import (
	"net/http"
	"slices"

	"quotabot/quota"
	"quotabot/storage"
)

// pageTexts are the page's words, from the chat's catalog.
var pageTexts = []string{
	"web_title", "web_committee", "web_admitted", "web_of_plan", "web_expected", "web_shortfall",
	"web_orgs_with_quota", "web_met", "web_behind", "web_at_risk", "web_last_year", "web_furthest",
	"web_tree", "web_sort", "web_sort_shortfall", "web_sort_name", "web_sort_percent", "web_more",
	"web_search", "web_search_orgs", "web_search_people", "web_nothing_found", "web_back",
	"web_quota_history", "web_admissions", "web_no_admissions", "web_pipeline", "web_by_stage", "web_by_source",
	"web_probations", "web_no_probations", "web_overdue", "web_chart", "web_send_export", "web_sent",
	"web_year", "web_col_year", "web_col_quota", "web_col_admitted", "web_col_pct", "web_col_name",
	"web_col_date", "web_col_decision", "web_col_ends", "web_candidates", "web_advanced", "web_subordinates",
	"web_as_of", "web_loading", "web_error", "web_conversion", "web_inactive", "web_role", "web_on_pace",
	"st_met", "st_on_pace", "st_behind", "st_no_quota",
}

type meJSON struct {
	ID       int64             `json:"id"`
	Name     string            `json:"name"`
	Role     quota.Role        `json:"role"`
	RoleName string            `json:"role_name"`
	Lang     string            `json:"lang"`
	Texts    map[string]string `json:"texts"`
	Today    string            `json:"today"`
	Year     int               `json:"year"`
	Years    []int             `json:"years"`
	Orgs     []orgRef          `json:"orgs"`
	ReadsAll bool              `json:"reads_all"`
	Sends    []string          `json:"sends"`
}

// me tells the page who is looking, in which language, and its words.
func (s *Server) me(_ *http.Request, tx *storage.Tx, c *caller) (any, error) {
	m := meJSON{ID: c.user.ID, Name: c.user.Name, Role: c.user.Role, Lang: c.lang,
		RoleName: s.chat.Text(c.lang, roleKey(c.user.Role)),
		Texts:    map[string]string{}, Today: c.today.String(), Year: c.today.Year,
		ReadsAll: c.user.Role.ReadsEverything(), Orgs: []orgRef{}, Sends: []string{}}
	for _, k := range pageTexts {
		m.Texts[k] = s.chat.Text(c.lang, k)
	}
	for y := c.today.Year + 1; y >= max(2000, c.today.Year-9); y-- {
		m.Years = append(m.Years, y)
	}
	for _, code := range c.user.Orgs {
		m.Orgs = append(m.Orgs, ref(tx, code))
	}
	if c.user.Role.ReadsEverything() {
		for _, what := range []string{"export", "report"} {
			if _, ok := s.opts.Commands[what]; ok {
				m.Sends = append(m.Sends, what)
			}
		}
	}
	slices.Sort(m.Sends)
	return m, nil
}

func roleKey(r quota.Role) string {
	switch r {
	case quota.RoleAdmin:
		return "role_admin"
	case quota.RoleLeader:
		return "role_leader"
	case quota.RoleSpecialist:
		return "role_specialist"
	}
	return "role_secretary"
}
