package webapp

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"quotabot/quota"
	"quotabot/storage"
)

// maxResults bounds each list of search results.
const maxResults = 50

type personJSON struct {
	Name    string `json:"name"`
	Org     orgRef `json:"org"`
	Kind    string `json:"kind"` // admission or candidate
	Date    string `json:"date,omitempty"`
	Details string `json:"details,omitempty"`
}

type searchJSON struct {
	Orgs   []orgRef     `json:"orgs"`
	People []personJSON `json:"people"`
	More   bool         `json:"more"`
}

// search finds organizations by name or code, and within an organization
// (scope) its people, admitted this year or candidates, ignoring case and
// diacritics as the chat's search does ("nguyen" finds "Nguyễn").
func (s *Server) search(r *http.Request, tx *storage.Tx, c *caller) (any, error) {
	q := r.URL.Query()
	key := quota.SearchKey(q.Get("q"))
	out := searchJSON{Orgs: []orgRef{}, People: []personJSON{}}
	if utf8.RuneCountInString(key) < 2 {
		return out, nil
	}
	year, err := s.yearParam(r, c)
	if err != nil {
		return nil, err
	}
	scope := q.Get("scope")
	// People are named records: only where the chat shows names.
	names := false
	if scope != "" {
		l, err := s.mayRead(tx, c, scope)
		if err != nil {
			return nil, err
		}
		names = c.user.SeesNames(l)
	} else if !c.user.Role.ReadsEverything() {
		names = true // a secretary's own subtree
	}
	add := func(o quota.Org) {
		if len(out.Orgs) == maxResults {
			out.More = true
			return
		}
		out.Orgs = append(out.Orgs, orgRef{Code: o.Code, Name: o.Name})
	}
	idx, err := s.names(tx, c)
	if err != nil {
		return nil, err
	}
	// The organizations this caller may read, within the scope if given.
	var codes []string
	switch {
	case scope != "":
		codes = tx.Subtree(scope)
	case !c.user.Role.ReadsEverything():
		for _, own := range c.user.Orgs {
			codes = append(codes, tx.Subtree(own)...)
		}
	default:
		for _, o := range idx.orgs {
			if o.matches(key) {
				add(o.org)
				if out.More {
					break
				}
			}
		}
	}
	for _, code := range codes {
		if i, ok := idx.byCode[code]; ok && idx.orgs[i].matches(key) {
			add(idx.orgs[i].org)
		}
	}
	if !names || len(codes) == 0 || len(codes) > maxPeopleOrgs {
		return out, nil
	}
	for _, code := range codes {
		if err := s.searchPeople(tx, c, code, year, key, &out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Server) searchPeople(tx *storage.Tx, c *caller, code string, year int, key string, out *searchJSON) error {
	found := func(p personJSON) {
		if len(out.People) == maxResults {
			out.More = true
			return
		}
		p.Org = ref(tx, code)
		out.People = append(out.People, p)
	}
	adm, err := tx.AdmissionsOf(code, year)
	if err != nil {
		return err
	}
	for _, a := range adm {
		if strings.Contains(quota.SearchKey(a.Name), key) {
			found(personJSON{Name: a.Name, Kind: "admission", Date: a.Date.String(), Details: c.l.Stage(quota.StageAdmitted)})
		}
	}
	cands, err := tx.CandidatesOf(code)
	if err != nil {
		return err
	}
	for _, cand := range cands {
		if cand.Stage == quota.StageAdmitted || cand.Stage == quota.StageDropped {
			continue
		}
		if strings.Contains(quota.SearchKey(cand.Name), key) {
			found(personJSON{Name: cand.Name, Kind: "candidate", Details: c.l.Stage(cand.Stage)})
		}
	}
	return nil
}
