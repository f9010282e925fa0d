package office

import (
	"fmt"
	"hash/fnv"
	"sort"
	"strings"
	"unicode"
)

// StoredOrg is what the import needs to know of an organization already
// stored.
type StoredOrg struct {
	Code, Name, Parent, Group string
	Order                     int
}

// Stored is the committee as stored, as far as the import compares with it.
type Stored interface {
	// Orgs lists every stored organization.
	Orgs() []StoredOrg
	// Quota is an organization's quota for a year; set is false when it
	// has none.
	Quota(year int, code string) (n int, set bool)
	// TermQuota is an organization's quota for a term.
	TermQuota(term Span, code string) (n int, set bool)
	// AdmittedTotal is the imported total of a year before the bot.
	AdmittedTotal(year int, code string) (n int, set bool)
	// Named counts an organization's named admissions in a year.
	Named(year int, code string) int
	// QuotaDecision and TermDecision are the decisions behind the current
	// quotas; ok is false when none is known.
	QuotaDecision(year int, code string) (d Decision, ok bool)
	TermDecision(term Span, code string) (d Decision, ok bool)
}

// Change is a field's value before and after the import; Set is false for
// "none" (no quota, no parent).
type Change[T comparable] struct {
	From, To       T
	FromSet, ToSet bool
}

// Changed reports whether the import changes the value.
func (c Change[T]) Changed() bool { return c.FromSet != c.ToSet || (c.ToSet && c.From != c.To) }

// OrgChange is what the import does to one organization of the file.
type OrgChange struct {
	Row       OrgRow // as read; Code and Parent resolved to codes
	New       bool
	Generated bool           // the code was made from the name: the file has none
	Name      Change[string] // From is the stored name
	Parent    Change[string] // only when the file says the parent (a column, or a section naming it)
	Group     Change[string]
	Order     Change[int]
	Quotas    map[int]Change[int]
	Terms     map[Span]Change[int]
	Admitted  map[int]Change[int]
	// DecidedYears and DecidedTerms are the quotas whose number stays and
	// whose decision becomes the file's.
	DecidedYears []int
	DecidedTerms []Span
	// EarlierYears are the yearly quotas a newer decision already set:
	// the file's number goes into their history and the current stays.
	EarlierYears map[int]Decision
}

// Changed reports whether anything of the organization changes.
func (c OrgChange) Changed() bool {
	if c.New || c.Name.Changed() || c.Parent.Changed() || c.Group.Changed() || c.Order.Changed() {
		return true
	}
	return c.FiguresChanged() > 0 || len(c.DecidedYears)+len(c.DecidedTerms)+len(c.EarlierYears) > 0
}

// FiguresChanged counts the quotas and totals that change.
func (c OrgChange) FiguresChanged() int {
	n := 0
	for _, q := range c.Quotas {
		if q.Changed() {
			n++
		}
	}
	for _, q := range c.Terms {
		if q.Changed() {
			n++
		}
	}
	for _, q := range c.Admitted {
		if q.Changed() {
			n++
		}
	}
	return n
}

// Plan is what importing a file would do, computed before anything is
// written, so that the dry run and the import say the same.
type Plan struct {
	File    *File
	Changes []OrgChange // in the file's order
	// Warnings found against the stored data, besides the file's own: an
	// imported total for a year that has named admissions.
	Warnings []RowError
	// Decision is the decision given with the import, which overrides the
	// one the file's title names (File.Decision).
	Decision *Decision
}

// Created, Updated and Unchanged count the organizations of the plan.
func (p *Plan) Counts() (created, updated, unchanged, figures int) {
	for _, c := range p.Changes {
		switch {
		case c.New:
			created++
		case c.Changed():
			updated++
		default:
			unchanged++
		}
		figures += c.FiguresChanged()
	}
	return
}

// NameKey is how the import matches an organization by name: NFC, case
// and spacing folded, diacritics kept ("Hưng" and "Hùng" are two).
func NameKey(s string) string { return strings.ToLower(CleanName(s)) }

// MakePlan matches the file's organizations with the stored ones (by code
// when the row has one, else by name), resolves parents given by code or
// by name and sections that name an organization, and computes every
// change. A column the file does not have changes nothing; an empty cell
// of a column it has clears the value. Mistakes are returned together, by
// line, as an *ImportError.
func MakePlan(f *File, st Stored) (*Plan, error) {
	stored := st.Orgs()
	byCode := make(map[string]StoredOrg, len(stored))
	byName := map[string][]StoredOrg{}
	for _, o := range stored {
		byCode[o.Code] = o
		byName[NameKey(o.Name)] = append(byName[NameKey(o.Name)], o)
	}
	var bad []RowError
	fail := func(r OrgRow, kind ErrorKind, format string, args ...any) {
		e := rowError(r.Line, kind, format, args...)
		e.Text = shorten(r.Name, 60)
		bad = append(bad, e)
	}
	taken := map[string]bool{}
	for _, o := range stored {
		taken[strings.ToLower(o.Code)] = true
	}
	for _, r := range f.Rows {
		if r.Code != "" {
			taken[strings.ToLower(r.Code)] = true
		}
	}

	p := &Plan{File: f}
	fileByName := map[string]int{} // name key -> index in p.Changes
	for _, r := range f.Rows {
		c := OrgChange{Row: r}
		key := NameKey(r.Name)
		if first, dup := fileByName[key]; dup && r.Code == "" && key != "" {
			fail(r, KindDupName, "the name %q is also on line %d: give each a code", r.Name, p.Changes[first].Row.Line)
		}
		var old StoredOrg
		found := false
		switch {
		case r.Code != "":
			old, found = byCode[r.Code]
		default:
			switch m := byName[key]; len(m) {
			case 0:
			case 1:
				old, found = m[0], true
			default:
				fail(r, KindAmbiguousName, "the name %q matches %s and %s: add a code column to say which", r.Name, m[0].Code, m[1].Code)
			}
		}
		if found {
			c.Row.Code = old.Code
			c.Name = Change[string]{From: old.Name, To: r.Name, FromSet: true, ToSet: true}
			c.Parent = Change[string]{From: old.Parent, To: old.Parent, FromSet: old.Parent != "", ToSet: old.Parent != ""}
			c.Group = Change[string]{From: old.Group, To: old.Group, FromSet: old.Group != "", ToSet: old.Group != ""}
			c.Order = Change[int]{From: old.Order, To: old.Order, FromSet: old.Order != 0, ToSet: old.Order != 0}
		} else {
			c.New = true
			if c.Row.Code == "" {
				c.Row.Code, c.Generated = generateCode(r.Name, taken), true
			}
			c.Name = Change[string]{To: r.Name, ToSet: true}
		}
		if _, dup := fileByName[key]; !dup {
			fileByName[key] = len(p.Changes)
		}
		p.Changes = append(p.Changes, c)
	}

	// Parents are resolved once every row has its code, so that a parent
	// may come later in the file.
	fileCodes := map[string]bool{}
	for _, c := range p.Changes {
		fileCodes[c.Row.Code] = true
	}
	resolve := func(ref string) (string, []string) {
		if fileCodes[ref] {
			return ref, nil
		}
		if _, ok := byCode[ref]; ok {
			return ref, nil
		}
		key := NameKey(ref)
		if i, ok := fileByName[key]; ok {
			return p.Changes[i].Row.Code, nil
		}
		switch m := byName[key]; len(m) {
		case 0:
			return "", nil
		case 1:
			return m[0].Code, nil
		default:
			return "", []string{m[0].Code, m[1].Code}
		}
	}
	hasParent := f.Columns.Parent >= 0
	// Sections and the STT column are like columns: a file without them
	// leaves the stored groups and order as they are.
	hasSections := false
	for _, s := range f.Skipped {
		hasSections = hasSections || s.Kind == RowSection
	}
	hasOrder := f.Columns.Ordinal >= 0
	for i := range p.Changes {
		c := &p.Changes[i]
		r := c.Row
		if hasOrder || c.New {
			c.Order.To, c.Order.ToSet = r.Order, true
		}
		switch {
		case hasParent && r.Parent != "":
			code, amb := resolve(r.Parent)
			switch {
			case amb != nil:
				fail(r, KindAmbiguousName, "the parent %q matches %s and %s: write its code", r.Parent, amb[0], amb[1])
			case code == "":
				// Left as written: CheckTree names it as unknown.
				code = r.Parent
			}
			c.Parent.To, c.Parent.ToSet = code, true
		case hasParent:
			c.Parent.To, c.Parent.ToSet = "", false
		case r.Group != "":
			// A section that names an organization is its parent; any
			// other section is a label kept for the export's order.
			if code, _ := resolve(r.Group); code != "" && code != r.Code {
				c.Parent.To, c.Parent.ToSet = code, true
			}
		}
		if hasSections {
			c.Group.To, c.Group.ToSet = r.Group, r.Group != ""
		}
		c.Row.Parent = c.Parent.To
		c.Quotas = figureChanges(f.Columns.Quotas, r.Quotas, func(y int) (int, bool) {
			if c.New {
				return 0, false
			}
			return st.Quota(y, c.Row.Code)
		})
		c.Admitted = figureChanges(f.Columns.Admitted, r.Admitted, func(y int) (int, bool) {
			if c.New {
				return 0, false
			}
			return st.AdmittedTotal(y, c.Row.Code)
		})
		c.Terms = map[Span]Change[int]{}
		for _, tc := range f.Columns.Terms {
			var ch Change[int]
			if !c.New {
				ch.From, ch.FromSet = st.TermQuota(tc.Term, c.Row.Code)
			}
			ch.To, ch.ToSet = r.Terms[tc.Term]
			c.Terms[tc.Term] = clearedZero(ch)
		}
		if d := f.Decision; d != nil && !c.New {
			for _, y := range sortedKeys(c.Quotas) {
				q := c.Quotas[y]
				if old, ok := st.QuotaDecision(y, c.Row.Code); ok && q.ToSet && old.after(*d) {
					if c.EarlierYears == nil {
						c.EarlierYears = map[int]Decision{}
					}
					c.EarlierYears[y] = old
					q.To, q.ToSet = q.From, q.FromSet
					c.Quotas[y] = q
				}
			}
			for _, y := range sortedKeys(c.Quotas) {
				if _, earlier := c.EarlierYears[y]; earlier {
					continue
				}
				if q := c.Quotas[y]; !q.Changed() && q.ToSet {
					if old, ok := st.QuotaDecision(y, c.Row.Code); !ok || old != *d {
						c.DecidedYears = append(c.DecidedYears, y)
					}
				}
			}
			for _, tc := range f.Columns.Terms {
				if q := c.Terms[tc.Term]; !q.Changed() && q.ToSet {
					if old, ok := st.TermDecision(tc.Term, c.Row.Code); !ok || old != *d {
						c.DecidedTerms = append(c.DecidedTerms, tc.Term)
					}
				}
			}
		}
		for y, n := range r.Admitted {
			if named := st.Named(y, c.Row.Code); named > 0 && !c.New {
				w := rowError(r.Line, KindPastIgnored,
					"%d has %d named admissions, which count instead of the total %d (the total is kept)", y, named, n)
				w.Text = shorten(r.Name, 60)
				p.Warnings = append(p.Warnings, w)
			}
		}
	}
	rows := make([]OrgRow, len(p.Changes))
	for i, c := range p.Changes {
		rows[i] = c.Row
	}
	nameOf := make(map[int]string, len(rows))
	for _, r := range rows {
		nameOf[r.Line] = shorten(r.Name, 60)
	}
	for _, e := range CheckTree(rows, func(code string) (string, bool) {
		o, ok := byCode[code]
		return o.Parent, ok
	}) {
		e.Text = nameOf[e.Line]
		bad = append(bad, e)
	}
	if len(bad) > 0 {
		sort.SliceStable(bad, func(a, b int) bool { return bad[a].Line < bad[b].Line })
		return nil, &ImportError{Errors: bad, Rows: f.Rows}
	}
	return p, nil
}

func figureChanges(cols []QuotaColumn, values map[int]int, stored func(year int) (int, bool)) map[int]Change[int] {
	out := make(map[int]Change[int], len(cols))
	for _, qc := range cols {
		var ch Change[int]
		ch.From, ch.FromSet = stored(qc.Year)
		ch.To, ch.ToSet = values[qc.Year]
		out[qc.Year] = clearedZero(ch)
	}
	return out
}

// clearedZero takes a stored 0 for no quota when the file has none: a
// quota cleared by an empty cell is kept as 0, with the earlier value in
// its history, and an empty cell again is no change.
func clearedZero(ch Change[int]) Change[int] {
	if ch.FromSet && ch.From == 0 && !ch.ToSet {
		ch.FromSet = false
	}
	return ch
}

// generateCode makes a code for an organization the file gives no code:
// the initials of its name and a hash of the name, so the same name gets
// the same code on every import ("Chi bộ Công ty Hưng Thịnh" becomes
// "CBCTHT-1A2B").
func generateCode(name string, taken map[string]bool) string {
	var initials strings.Builder
	for _, w := range strings.Fields(stripMarks(name)) {
		for _, r := range w {
			if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				initials.WriteRune(unicode.ToUpper(r))
				break
			}
		}
		if initials.Len() >= 12 {
			break
		}
	}
	if initials.Len() == 0 {
		initials.WriteString("ORG")
	}
	h := fnv.New64a()
	h.Write([]byte(NameKey(name)))
	sum := fmt.Sprintf("%016X", h.Sum64())
	for n := 4; ; n++ {
		code := initials.String() + "-" + sum[:min(n, len(sum))]
		if n > len(sum) {
			code = fmt.Sprintf("%s-%s%d", initials.String(), sum, n)
		}
		if !taken[strings.ToLower(code)] {
			taken[strings.ToLower(code)] = true
			return code
		}
	}
}
