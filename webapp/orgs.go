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
// subtree, sorted and paginated.
func (s *Server) orgs(r *http.Request, tx *storage.Tx, c *caller) (any, error) {
	year, err := s.yearParam(r, c)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	parent := q.Get("parent")
	var codes []string
	out := orgsJSON{Items: []progressJSON{}}
	switch {
	case parent != "":
		if err := s.mayRead(tx, c, parent); err != nil {
			return nil, err
		}
		org, _ := tx.Org(parent)
		parent = org.Code
		out.Parent = &orgRef{Code: org.Code, Name: org.Name}
		codes = tx.Children(parent)
	case c.user.Role.ReadsEverything():
		codes = tx.Roots()
	default:
		codes = c.user.Orgs
	}
	items := make([]progressJSON, 0, len(codes))
	ps := make([]quota.Progress, 0, len(codes))
	for _, code := range codes {
		j, p, _, _ := s.orgProgress(tx, c, code, year)
		items = append(items, j)
		ps = append(ps, p)
	}
	if by := q.Get("sort"); by == "name" || by == "percent" {
		sortOrgs(items, by)
	} else {
		// Furthest behind first, in the order /status names them.
		quota.SortBehindFirst(ps)
		at := make(map[string]progressJSON, len(items))
		for _, it := range items {
			at[it.Code] = it
		}
		for i, p := range ps {
			items[i] = at[p.Org]
		}
	}
	out.Total = len(items)
	out.Offset = min(intParam(r, "offset", 0, len(items)), len(items))
	limit := intParam(r, "limit", 50, maxPage)
	if limit == 0 {
		limit = 50
	}
	out.Items = items[out.Offset:min(out.Offset+limit, len(items))]
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
