package office

import (
	"sort"
	"strings"
)

// CheckTree checks the parent references of imported rows against each
// other and against the organizations that already exist: existing returns
// the current parent of an existing code ("" for a top-level one). A row of
// the file replaces the existing organization of the same code, so its
// parent is the one that counts. It reports, by line, parents that are
// nowhere to be found and rows caught in a cycle, including a cycle closed
// through existing organizations.
func CheckTree(rows []OrgRow, existing func(code string) (parent string, ok bool)) []RowError {
	inFile := make(map[string]*OrgRow, len(rows))
	for i := range rows {
		if _, dup := inFile[rows[i].Code]; !dup {
			inFile[rows[i].Code] = &rows[i]
		}
	}
	type ext struct {
		parent string
		ok     bool
	}
	known := map[string]ext{}
	lookup := func(code string) (string, bool) {
		if r, ok := inFile[code]; ok {
			return r.Parent, true
		}
		if existing == nil {
			return "", false
		}
		e, seen := known[code]
		if !seen {
			e.parent, e.ok = existing(code)
			known[code] = e
		}
		return e.parent, e.ok
	}

	var errs []RowError
	for _, r := range rows {
		if r.Parent == "" || r.Parent == r.Code {
			continue
		}
		if _, ok := lookup(r.Parent); !ok {
			errs = append(errs, rowError(r.Line, KindUnknownParent,
				"unknown parent %q: neither in the file nor an existing organization", r.Parent))
		}
	}

	const (
		onPath = 1
		done   = 2
	)
	state := map[string]int{}
	for _, start := range rows {
		if state[start.Code] != 0 {
			continue
		}
		var path []string
		code := start.Code
		for {
			state[code] = onPath
			path = append(path, code)
			parent, ok := lookup(code)
			if !ok || parent == "" || state[parent] == done {
				break
			}
			if state[parent] == onPath {
				errs = append(errs, cycleErrors(path, parent, inFile)...)
				break
			}
			code = parent
		}
		for _, c := range path {
			state[c] = done
		}
	}
	sort.SliceStable(errs, func(a, b int) bool { return errs[a].Line < errs[b].Line })
	return errs
}

// cycleErrors reports each row of the file that lies on the cycle closed by
// returning to back at the end of path.
func cycleErrors(path []string, back string, inFile map[string]*OrgRow) []RowError {
	i := len(path) - 1
	for path[i] != back {
		i--
	}
	cycle := path[i:]
	if len(cycle) == 1 {
		if r, ok := inFile[cycle[0]]; ok {
			return []RowError{rowError(r.Line, KindOwnParent, "an organization cannot be its own parent")}
		}
		return nil
	}
	desc := strings.Join(append(append([]string{}, cycle...), back), " -> ")
	var errs []RowError
	for _, c := range cycle {
		if r, ok := inFile[c]; ok {
			errs = append(errs, rowError(r.Line, KindCycle,
				"parent %q makes a cycle: %s", r.Parent, desc))
		}
	}
	return errs
}
