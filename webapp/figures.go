package webapp

import (
	"quotabot/quota"
	"quotabot/storage"
)

// progressJSON is an organization's or the committee's standing, with the
// numbers for the bars and the words as the chat writes them.
type progressJSON struct {
	Code        string  `json:"code,omitempty"`
	Name        string  `json:"name,omitempty"`
	Admitted    int     `json:"admitted"`
	Quota       int     `json:"quota"`
	Expected    int     `json:"expected"`
	Shortfall   int     `json:"shortfall"`
	Percent     float64 `json:"percent"`
	Pct         string  `json:"pct"`
	Tally       string  `json:"tally"` // admitted/quota, numbers written as in chat
	ExpectedNum string  `json:"expected_text"`
	ShortNum    string  `json:"shortfall_text"`
	Status      string  `json:"status"`
	StatusText  string  `json:"status_text"`
	HasChildren bool    `json:"has_children,omitempty"`
	Inactive    bool    `json:"inactive,omitempty"`
}

func (s *Server) progress(c *caller, p quota.Progress) progressJSON {
	return progressJSON{
		Code: p.Org, Admitted: p.Admitted, Quota: p.Quota, Expected: p.Expected, Shortfall: p.Shortfall(),
		Percent: p.Percent(), Pct: s.chat.Pct(c.lang, p.Percent()),
		Tally:       s.chat.Num(c.lang, p.Admitted) + "/" + s.chat.Num(c.lang, p.Quota),
		ExpectedNum: s.chat.Num(c.lang, p.Expected), ShortNum: s.chat.Num(c.lang, p.Shortfall()),
		Status: string(p.Status()), StatusText: s.statusText(c, p.Status()),
	}
}

func (s *Server) statusText(c *caller, st quota.Status) string {
	switch st {
	case quota.StatusMet:
		return s.chat.Text(c.lang, "st_met")
	case quota.StatusOnPace:
		return s.chat.Text(c.lang, "st_on_pace")
	case quota.StatusBehind:
		return s.chat.Text(c.lang, "st_behind")
	}
	return s.chat.Text(c.lang, "st_no_quota")
}

// orgProgress is an organization's standing as /status <org> computes it,
// named.
func (s *Server) orgProgress(tx *storage.Tx, c *caller, code string, year int) (progressJSON, quota.Progress, []quota.Progress, int, error) {
	on := s.chat.AsOf(year, c.today)
	p, parts, advanced, err := s.chat.OrgProgress(tx, code, year, on)
	if err != nil {
		return progressJSON{}, p, nil, 0, err
	}
	j := s.progress(c, p)
	if o, err := tx.Org(code); err == nil {
		j.Name, j.Inactive = o.Name, o.Inactive
	}
	j.HasChildren = len(parts) > 1
	return j, p, parts, advanced, nil
}

type orgRef struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

func ref(tx *storage.Tx, code string) orgRef {
	r := orgRef{Code: code, Name: code}
	if o, err := tx.Org(code); err == nil {
		r.Name = o.Name
	}
	return r
}

// factJSON is one labelled figure of a card, written as in chat.
type factJSON struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Value string `json:"value"`
}

func (s *Server) fact(c *caller, id, key string, n int) factJSON {
	return factJSON{ID: id, Label: s.chat.Text(c.lang, key), Value: s.chat.Num(c.lang, n)}
}
