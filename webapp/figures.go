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
		Percent: p.Percent(), Pct: c.l.Pct(p.Percent()),
		Tally:       c.l.Num(p.Admitted) + "/" + c.l.Num(p.Quota),
		ExpectedNum: c.l.Num(p.Expected), ShortNum: c.l.Num(p.Shortfall()),
		Status: string(p.Status()), StatusText: statusText(c, p),
	}
}

func statusText(c *caller, p quota.Progress) string {
	switch p.Status() {
	case quota.StatusMet:
		if p.Admitted > p.Quota {
			return c.l.StExceeded
		}
		return c.l.StMet
	case quota.StatusOnPace:
		return c.l.StOnPace
	case quota.StatusBehind:
		return c.l.StBehind
	}
	return c.l.StNoQuota
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

func fact(c *caller, id, label string, n int) factJSON {
	return factJSON{ID: id, Label: label, Value: c.l.Num(n)}
}

// termJSON is a standing on a term, as /status writes it beside the year.
type termJSON struct {
	Span string `json:"span"` // 2021-2025
	progressJSON
}

// term is the standing on the year's term, nil when the term has no quota.
func (s *Server) term(tx *storage.Tx, c *caller, code string, year int) (*termJSON, error) {
	p, ok, err := s.chat.Term(tx, code, year, c.today)
	if err != nil || !ok {
		return nil, err
	}
	return &termJSON{Span: p.Term.String(), progressJSON: s.progress(c, p)}, nil
}
