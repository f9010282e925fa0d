package webapp

import (
	"net/http"
	"sort"
	"strings"

	"quotabot/quota"
	"quotabot/storage"
)

// maxPage bounds a page of the tree: a national committee has parents
// with a thousand cells.
const maxPage = 100

type orgsJSON struct {
	Parent *orgRef        `json:"parent"`
	Total  int            `json:"total"`
	Offset int            `json:"offset"`
	Items  []progressJSON `json:"items"`
}

// orgs is one level of the tree: the organizations under parent (the top
// for readers, a secretary's own for them), each rolled up over its
// subtree, sorted and paginated. The roll-up of the whole tree is one pass,
// kept until a figure changes, so a national committee's top level costs
// what its page of names costs.
func (s *Server) orgs(r *http.Request, tx *storage.Tx, c *caller) (any, error) {
	year, err := s.yearParam(r, c)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	parent := q.Get("parent")
	out := orgsJSON{Items: []progressJSON{}}
	if parent != "" {
		if _, err := s.mayRead(tx, c, parent); err != nil {
			return nil, err
		}
		org, _ := tx.Org(parent)
		parent = org.Code
		out.Parent = &orgRef{Code: org.Code, Name: org.Name}
	}
	f, err := s.forest(tx, c, year)
	if err != nil {
		return nil, err
	}
	var codes []string
	switch {
	case parent != "":
		codes = f.shape.children[parent]
	case c.user.Role.ReadsEverything():
		codes = f.shape.roots
	default:
		codes = c.user.Orgs
	}
	ps := make([]quota.Progress, len(codes))
	for i, code := range codes {
		ps[i] = f.progressOf(code)
	}
	item := func(p quota.Progress) progressJSON {
		j := s.progress(c, p)
		if o, err := tx.Org(p.Org); err == nil {
			j.Name, j.Inactive = o.Name, o.Inactive
		}
		j.HasChildren = len(f.shape.children[p.Org]) > 0
		return j
	}
	out.Total = len(ps)
	out.Offset = min(intParam(r, "offset", 0, len(ps)), len(ps))
	limit := intParam(r, "limit", 50, maxPage)
	if limit == 0 {
		limit = 50
	}
	end := min(out.Offset+limit, len(ps))
	if by := q.Get("sort"); by == "name" || by == "percent" {
		items := make([]progressJSON, len(ps))
		for i, p := range ps {
			items[i] = item(p)
		}
		sortOrgs(items, by)
		out.Items = items[out.Offset:end]
		return out, nil
	}
	// Furthest behind first, in the order /status names them; only the
	// page's names are read.
	quota.SortBehindFirst(ps)
	for _, p := range ps[out.Offset:end] {
		out.Items = append(out.Items, item(p))
	}
	return out, nil
}

// sortOrgs orders by the share of the quota (lowest first, those with no
// quota last) or by name.
func sortOrgs(items []progressJSON, by string) {
	byCode := func(a, b progressJSON) bool { return a.Code < b.Code }
	switch by {
	case "name":
		keys := make(map[string]string, len(items))
		for _, it := range items {
			keys[it.Code] = quota.SearchKey(it.Name)
		}
		sort.SliceStable(items, func(i, j int) bool {
			if c := strings.Compare(keys[items[i].Code], keys[items[j].Code]); c != 0 {
				return c < 0
			}
			return byCode(items[i], items[j])
		})
	case "percent":
		sort.SliceStable(items, func(i, j int) bool {
			a, b := items[i], items[j]
			if (a.Quota > 0) != (b.Quota > 0) {
				return a.Quota > 0
			}
			if a.Percent != b.Percent {
				return a.Percent < b.Percent
			}
			return byCode(a, b)
		})
	}
}
