package office

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"quotabot/quota"
	"quotabot/storage"
)

// The import as a service on the database, used alike by the chat (a
// file an admin sends) and by `quotabot import`.

// ImportOptions says how to apply a file.
type ImportOptions struct {
	// DryRun computes the plan and keeps nothing.
	DryRun bool
	// Decision, when set, is the decision behind the file's quotas, given
	// by the officer; otherwise the file's title row says it, if it does.
	Decision *Decision
	// Source names the file, kept with imported totals.
	Source string
	// By and At say who imported and when, kept with every quota.
	By int64
	At time.Time
	// Progress, when not nil, is told how many organizations are done.
	Progress func(done, total int)
}

// Import applies a file to the database, all or nothing: any mistake
// (including an unknown parent, an ambiguous name or a cycle with the
// organizations already stored) refuses the whole file with an
// *ImportError. It returns the plan, which says every change.
func Import(db *storage.DB, f *File, opts ImportOptions) (*Plan, error) {
	var p *Plan
	apply := func(tx *storage.Tx) error {
		var err error
		p, err = ApplyFile(tx, f, opts)
		return err
	}
	if opts.DryRun {
		return p, db.View(apply)
	}
	return p, db.Update(apply)
}

// PlanOnEmpty is the plan of importing f into a committee with nothing
// stored yet: a dry run needs no database.
func PlanOnEmpty(f *File) (*Plan, error) { return MakePlan(f, emptyStore{}) }

type emptyStore struct{}

func (emptyStore) Orgs() []StoredOrg                  { return nil }
func (emptyStore) Quota(int, string) (int, bool)      { return 0, false }
func (emptyStore) TermQuota(Span, string) (int, bool) { return 0, false }
func (emptyStore) AdmittedTotal(int, string) (int, bool) {
	return 0, false
}
func (emptyStore) Named(int, string) int                      { return 0 }
func (emptyStore) QuotaDecision(int, string) (Decision, bool) { return Decision{}, false }
func (emptyStore) TermDecision(Span, string) (Decision, bool) { return Decision{}, false }

// txStore is the committee as a transaction sees it.
type txStore struct {
	tx *storage.Tx
	// listed holds, per year, the organizations with a tally: a quota of
	// 0 set without a decision leaves a tally and no quota record.
	listed map[int]map[string]bool
}

func newTxStore(tx *storage.Tx) *txStore { return &txStore{tx: tx, listed: map[int]map[string]bool{}} }

func (s *txStore) Orgs() []StoredOrg {
	orgs, err := s.tx.Orgs()
	if err != nil {
		return nil
	}
	out := make([]StoredOrg, len(orgs))
	for i, o := range orgs {
		out[i] = StoredOrg{Code: o.Code, Name: o.Name, Parent: o.Parent, Group: o.Group, Order: o.Order}
	}
	return out
}

// Quota is the quota record's current value; a quota set before records
// were kept is in the tally only, where 0 is no quota.
func (s *txStore) Quota(year int, code string) (int, bool) {
	if rec, err := s.tx.YearQuota(year, code); err == nil {
		return rec.Current.Quota, true
	}
	t := s.tx.Tally(year, code)
	if t.Quota > 0 {
		return t.Quota, true
	}
	listed, ok := s.listed[year]
	if !ok {
		listed = map[string]bool{}
		_ = s.tx.EachTally(year, func(code string, t quota.Tally) error {
			listed[code] = true
			return nil
		})
		s.listed[year] = listed
	}
	// A tally with admissions and no quota is no quota; one with neither
	// is a 0 that was given.
	return 0, listed[code] && t.Admitted == 0
}

func (s *txStore) TermQuota(t Span, code string) (int, bool) {
	rec, err := s.tx.TermQuota(code, quota.Term{From: t.From, To: t.To})
	return rec.Current.Quota, err == nil
}

func (s *txStore) AdmittedTotal(year int, code string) (int, bool) {
	p, ok, err := s.tx.PastTotal(year, code)
	return p.Admitted, ok && err == nil
}

func (s *txStore) Named(year int, code string) int { return s.tx.Tally(year, code).Admitted }

func (s *txStore) QuotaDecision(year int, code string) (Decision, bool) {
	rec, err := s.tx.YearQuota(year, code)
	return decisionFrom(rec.Current.Decision), err == nil && !rec.Current.Decision.IsZero()
}

func (s *txStore) TermDecision(t Span, code string) (Decision, bool) {
	rec, err := s.tx.TermQuota(code, quota.Term{From: t.From, To: t.To})
	return decisionFrom(rec.Current.Decision), err == nil && !rec.Current.Decision.IsZero()
}

func decisionFrom(d quota.Decision) Decision {
	return Decision{Number: d.Number, Day: d.Date.Day, Month: int(d.Date.Month), Year: d.Date.Year}
}

// decisionOf is the decision behind the file's quotas in the domain's
// terms: the one given, else the one its title row names.
func decisionOf(f *File, opts ImportOptions) quota.Decision {
	d := f.Decision
	if opts.Decision != nil {
		d = opts.Decision
	}
	if d == nil {
		return quota.Decision{}
	}
	out := quota.Decision{Number: d.Number}
	if date, ok := quota.NewDate(d.Year, time.Month(d.Month), d.Day); ok && d.Year != 0 {
		out.Date = date
	}
	return out
}

// ApplyFile plans the import of f and, unless it is a dry run, writes it
// in the caller's transaction.
func ApplyFile(tx *storage.Tx, f *File, opts ImportOptions) (*Plan, error) {
	if opts.Decision != nil {
		given := *f
		given.Decision = opts.Decision
		f = &given
	}
	p, err := MakePlan(f, newTxStore(tx))
	if err != nil {
		return nil, err
	}
	p.Decision = opts.Decision
	if opts.DryRun {
		return p, nil
	}
	w := writer{tx: tx, decision: decisionOf(f, opts), opts: opts}
	for i, c := range p.Changes {
		if err := w.apply(c); err != nil {
			return nil, fmt.Errorf("line %d: %w", c.Row.Line, err)
		}
		if opts.Progress != nil && (i+1)%5000 == 0 {
			opts.Progress(i+1, len(p.Changes))
		}
	}
	if opts.Progress != nil && len(p.Changes)%5000 != 0 {
		opts.Progress(len(p.Changes), len(p.Changes))
	}
	return p, nil
}

// writer writes an import's changes with what every quota keeps: the
// decision, who and when.
type writer struct {
	tx       *storage.Tx
	decision quota.Decision
	opts     ImportOptions
}

func (w writer) value(n int) quota.QuotaValue {
	return quota.QuotaValue{Quota: n, Decision: w.decision, SetAt: w.opts.At, SetBy: w.opts.By}
}

func (w writer) apply(c OrgChange) error {
	tx, code := w.tx, c.Row.Code
	if c.New || c.Name.Changed() || c.Parent.Changed() || c.Group.Changed() || c.Order.Changed() {
		o, err := tx.Org(code)
		if err != nil {
			o = quota.Org{Code: code}
		}
		// Only what the import knows changes; the deactivation stays.
		o.Name, o.Parent, o.Group, o.Order = c.Name.To, c.Parent.To, c.Group.To, c.Order.To
		if _, err := tx.PutOrg(o); err != nil {
			return err
		}
	}
	decided := map[int]bool{}
	for _, y := range c.DecidedYears {
		decided[y] = true
	}
	for _, y := range sortedKeys(c.Quotas) {
		_, earlier := c.EarlierYears[y]
		if q := c.Quotas[y]; q.Changed() || (c.New && q.ToSet) || decided[y] || earlier {
			// A cleared quota is kept as 0, its earlier value in the history.
			n := q.To
			if earlier {
				n = c.Row.Quotas[y] // into the history, under its older decision
			}
			if _, err := tx.SetYearQuota(y, code, w.value(n)); err != nil {
				return err
			}
		}
	}
	terms := make([]Span, 0, len(c.Terms))
	for t := range c.Terms {
		terms = append(terms, t)
	}
	sort.Slice(terms, func(a, b int) bool { return terms[a].From < terms[b].From })
	for _, t := range terms {
		if q := c.Terms[t]; q.Changed() || slices.Contains(c.DecidedTerms, t) {
			if _, err := tx.SetTermQuota(code, quota.Term{From: t.From, To: t.To}, w.value(q.To)); err != nil {
				return err
			}
		}
	}
	for _, y := range sortedKeys(c.Admitted) {
		q := c.Admitted[y]
		switch {
		case !q.Changed():
		case q.ToSet:
			p := quota.PastTotal{Org: code, Year: y, Admitted: q.To, Source: w.opts.Source, ImportedBy: w.opts.By, ImportedAt: w.opts.At}
			if _, err := tx.SetPastTotal(p); err != nil {
				return err
			}
		default:
			if err := tx.DeletePastTotal(y, code); err != nil {
				return err
			}
		}
	}
	return nil
}

func sortedKeys[V any](m map[int]V) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}

// CompleteErrors adds to the mistakes found reading a file those found
// against the stored organizations (unknown parents, ambiguous names,
// cycles), so that one refusal lists every mistake.
func CompleteErrors(tx *storage.Tx, ie *ImportError) *ImportError {
	if ie.File == nil {
		return ie
	}
	all := slices.Clone(ie.Errors)
	if _, err := MakePlan(ie.File, newTxStore(tx)); err != nil {
		var more *ImportError
		if errors.As(err, &more) {
			all = append(all, more.Errors...)
		}
	}
	sort.SliceStable(all, func(a, b int) bool { return all[a].Line < all[b].Line })
	// The same mistake can be found both ways; it is listed once.
	all = slices.CompactFunc(all, func(a, b RowError) bool { return a.Line == b.Line && a.Msg == b.Msg })
	return &ImportError{Errors: all, Rows: ie.Rows, File: ie.File}
}

// WithStoredErrors is CompleteErrors on a database; other errors are
// returned as they are.
func WithStoredErrors(db *storage.DB, err error) error {
	var ie *ImportError
	if !errors.As(err, &ie) {
		return err
	}
	if vErr := db.View(func(tx *storage.Tx) error { ie = CompleteErrors(tx, ie); return nil }); vErr != nil {
		return err
	}
	return ie
}
