package office

import (
	"errors"
	"fmt"
	"slices"
	"sort"

	"quotabot/quota"
	"quotabot/storage"
)

// The import as a service on the database, used alike by the chat (a
// file an admin sends) and by `quotabot import`.

// ImportResult says what an import changed, or would change.
type ImportResult struct {
	Created, Updated, Unchanged, QuotasChanged int
	Years                                      []int
}

// ImportOrgs creates or updates organizations and quotas from rows, all
// or nothing: any bad row (including an unknown parent or a cycle with the
// organizations already stored) refuses the whole file with an
// *ImportError. A dry run computes the result and keeps nothing.
// progress, when not nil, is told how many rows are done.
func ImportOrgs(db *storage.DB, rows []OrgRow, dryRun bool, progress func(done, total int)) (ImportResult, error) {
	var res ImportResult
	apply := func(tx *storage.Tx) error {
		var err error
		res, err = ApplyOrgs(tx, rows, dryRun, progress)
		return err
	}
	if dryRun {
		return res, db.View(apply)
	}
	return res, db.Update(apply)
}

// ApplyOrgs checks every row, then writes the changes unless dryRun, in
// the caller's transaction.
func ApplyOrgs(tx *storage.Tx, rows []OrgRow, dryRun bool, progress func(done, total int)) (ImportResult, error) {
	var res ImportResult
	if rowErrs := treeErrors(tx, rows); len(rowErrs) > 0 {
		return res, &ImportError{Errors: rowErrs}
	}
	years := map[int]bool{}
	for i, r := range rows {
		old, err := tx.Org(r.Code)
		o := quota.Org{Code: r.Code, Name: r.Name, Parent: r.Parent, Inactive: old.Inactive}
		write := true
		switch {
		case err != nil:
			res.Created++
		case old.Name != o.Name || old.Parent != o.Parent:
			res.Updated++
		default:
			res.Unchanged++
			write = false
		}
		if write && !dryRun {
			if _, err := tx.PutOrg(o); err != nil {
				return res, fmt.Errorf("line %d: %w", r.Line, err)
			}
		}
		for y, n := range r.Quotas {
			if tx.Tally(y, r.Code).Quota == n {
				continue
			}
			res.QuotasChanged++
			years[y] = true
			if !dryRun {
				if _, err := tx.SetQuota(y, r.Code, n); err != nil {
					return res, fmt.Errorf("line %d: %w", r.Line, err)
				}
			}
		}
		if progress != nil && (i+1)%5000 == 0 {
			progress(i+1, len(rows))
		}
	}
	for y := range years {
		res.Years = append(res.Years, y)
	}
	sort.Ints(res.Years)
	if progress != nil {
		progress(len(rows), len(rows))
	}
	return res, nil
}

// treeErrors checks the parents of rows against each other and the stored
// organizations.
func treeErrors(tx *storage.Tx, rows []OrgRow) []RowError {
	return CheckTree(rows, func(code string) (string, bool) {
		o, err := tx.Org(code)
		return o.Parent, err == nil
	})
}

// CompleteTreeErrors adds to the mistakes found reading a file those of its
// rows' parents, so that one refusal lists every mistake.
func CompleteTreeErrors(tx *storage.Tx, ie *ImportError) *ImportError {
	all := append(slices.Clone(ie.Errors), treeErrors(tx, ie.Rows)...)
	sort.SliceStable(all, func(a, b int) bool { return all[a].Line < all[b].Line })
	// The same mistake can be found both ways; it is listed once.
	all = slices.CompactFunc(all, func(a, b RowError) bool { return a.Line == b.Line && a.Msg == b.Msg })
	return &ImportError{Errors: all, Rows: ie.Rows}
}

// WithTreeErrors completes an *ImportError from reading a file with
// the mistakes of its parents against the stored organizations; other
// errors are returned as they are.
func WithTreeErrors(db *storage.DB, err error) error {
	var ie *ImportError
	if !errors.As(err, &ie) {
		return err
	}
	if vErr := db.View(func(tx *storage.Tx) error { ie = CompleteTreeErrors(tx, ie); return nil }); vErr != nil {
		return err
	}
	return ie
}
