package webapp

import (
	"net/http"
	"slices"

	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
)

type meJSON struct {
	ID       int64           `json:"id"`
	Name     string          `json:"name"`
	Role     quota.Role      `json:"role"`
	RoleName string          `json:"role_name"`
	Lang     string          `json:"lang"`
	Texts    texts.Dashboard `json:"texts"`
	Today    string          `json:"today"`
	Year     int             `json:"year"`
	Years    []int           `json:"years"`
	Orgs     []orgRef        `json:"orgs"`
	ReadsAll bool            `json:"reads_all"`
	Sends    []string        `json:"sends"`
}

// me tells the page who is looking, in which language, and its words.
func (s *Server) me(_ *http.Request, tx *storage.Tx, c *caller) (any, error) {
	m := meJSON{ID: c.user.ID, Name: c.user.Name, Role: c.user.Role, Lang: c.lang,
		RoleName: c.l.Role(c.user.Role),
		Texts:    c.l.Dashboard, Today: c.today.String(), Year: c.today.Year,
		ReadsAll: c.user.Role.ReadsEverything(), Orgs: []orgRef{}, Sends: []string{}}
	for y := c.today.Year + 1; y >= max(2000, c.today.Year-9); y-- {
		m.Years = append(m.Years, y)
	}
	for _, code := range c.user.Orgs {
		m.Orgs = append(m.Orgs, ref(tx, code))
	}
	if c.user.Role.ReadsEverything() {
		for _, what := range []string{"export", "report"} {
			if _, ok := s.chat.Sends()[what]; ok {
				m.Sends = append(m.Sends, what)
			}
		}
	}
	slices.Sort(m.Sends)
	return m, nil
}
