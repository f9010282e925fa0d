package office

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"quotabot/quota"
	"quotabot/storage"
)

// The import of named admissions from a register, as a service on the
// database, used alike by the chat (a file an admin sends) and by
// `quotabot import-admissions`.

// AdmissionSource says where an import of admissions comes from and who
// made it, for the audit trail.
type AdmissionSource struct {
	File string    // the file's name
	By   int64     // the admin's Telegram user id; 0 on the command line
	Who  string    // who, in words: "admin 42", "command line (user root)"
	At   time.Time // when
}

// AdmissionsResult says what an import of admissions recorded, or would.
type AdmissionsResult struct {
	Added   int               // new admissions
	Known   []quota.Admission // already recorded: recognized, not doubled
	Similar []Similar         // added, with a name that differs from a recorded one only in diacritics
	ByOrg   map[string]int    // new admissions by organization
	Years   []int             // the years they count in
}

// Similar is an imported admission beside a recorded one of that
// organization and date whose name differs only in its diacritics.
type Similar struct {
	Line           int
	Name, Recorded string
	Date           quota.Date
}

// LinesError lists every line of a register that cannot be imported; the
// file changes nothing.
type LinesError struct {
	Errors []quota.LineError
}

func (e *LinesError) Error() string {
	var b strings.Builder
	if len(e.Errors) == 1 {
		b.WriteString("1 error in the file:")
	} else {
		fmt.Fprintf(&b, "%d errors in the file:", len(e.Errors))
	}
	for _, le := range e.Errors {
		fmt.Fprintf(&b, "\nline %d: %v", le.Line, le.Err)
	}
	return b.String()
}

// ImportAdmissions records the admissions of a register, all or nothing:
// any bad line refuses the file with a *LinesError. A dry run computes the
// result and keeps nothing.
func ImportAdmissions(db *storage.DB, rows []AdmissionRow, src AdmissionSource, today quota.Date, dryRun bool) (AdmissionsResult, error) {
	var res AdmissionsResult
	apply := func(tx *storage.Tx) error {
		var err error
		res, err = ApplyAdmissions(tx, rows, src, today, dryRun)
		return err
	}
	if dryRun {
		return res, db.View(apply)
	}
	return res, db.Update(apply)
}

// ApplyAdmissions checks every line with the rules of a chat report, then
// records the new admissions unless dryRun. A person already recorded in
// the organization on that date is recognized and left as it is, so a
// register imported twice, or holding people reported in chat, counts
// each person once.
func ApplyAdmissions(tx *storage.Tx, rows []AdmissionRow, src AdmissionSource, today quota.Date, dryRun bool) (AdmissionsResult, error) {
	res := AdmissionsResult{ByOrg: map[string]int{}}
	resolve, err := orgResolver(tx)
	if err != nil {
		return res, err
	}
	lines := make([]quota.BulkLine, len(rows))
	for i, r := range rows {
		lines[i] = quota.BulkLine{Line: r.Line, Org: r.Org, Name: r.Name, Date: r.Date, Decision: r.Decision, Birth: r.Birth}
	}
	checked, errs := quota.CheckBulk(lines, today, resolve)
	if len(errs) > 0 {
		return res, &LinesError{Errors: errs}
	}
	years := map[int]bool{}
	for _, b := range checked {
		if known, found := tx.FindAdmission(b.Org, b.Date, b.Name); found {
			res.Known = append(res.Known, known)
			continue
		}
		similar, err := tx.SimilarAdmissions(b.Org, b.Date, b.Name)
		if err != nil {
			return res, err
		}
		for _, s := range similar {
			res.Similar = append(res.Similar, Similar{Line: b.Line, Name: b.Name, Recorded: s.Name, Date: b.Date})
		}
		res.Added++
		res.ByOrg[b.Org]++
		years[b.Date.Year] = true
		if dryRun {
			continue
		}
		a := quota.Admission{Org: b.Org, Name: b.Name, Date: b.Date, Decision: b.Decision, Birth: b.Birth,
			ReportedBy: src.By, ReportedAt: src.At, Imported: fmt.Sprintf("%s, line %d, by %s", src.File, b.Line, src.Who)}
		if err := admit(tx, &a, src); err != nil {
			return res, fmt.Errorf("line %d: recording %s in %s: %w", b.Line, b.Name, b.Org, err)
		}
	}
	for y := range years {
		res.Years = append(res.Years, y)
	}
	sort.Ints(res.Years)
	if !dryRun && res.Added > 0 {
		err := tx.AddAudit(storage.AuditEntry{What: fmt.Sprintf("%d admissions imported from %s by %s", res.Added, src.File, src.Who),
			ID: uint64(res.Added), By: src.By, At: src.At})
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

// admit records an admission; a person in the organization's pipeline
// becomes it, as with a chat report.
func admit(tx *storage.Tx, a *quota.Admission, src AdmissionSource) error {
	cand, fromPipeline := tx.FindCandidate(a.Org, a.Name)
	if fromPipeline {
		a.CandidateID, a.Name = cand.ID, cand.Name
	}
	if err := tx.AddAdmission(a); err != nil {
		return err
	}
	if !fromPipeline {
		return nil
	}
	cand.Stage, cand.AdmissionID = quota.StageAdmitted, a.ID
	cand.History = append(cand.History, quota.StageChange{Stage: quota.StageAdmitted, On: a.Date, At: src.At, By: src.By})
	return tx.PutCandidate(cand)
}

// orgResolver finds an organization by its code (in any case) or, failing
// that, by its name, ignoring case, spacing and diacritics as a search
// does; a name several organizations share is refused, as is a
// deactivated organization.
func orgResolver(tx *storage.Tx) (quota.Resolver, error) {
	orgs, err := tx.Orgs()
	if err != nil {
		return nil, err
	}
	byCode := make(map[string]quota.Org, len(orgs))
	byName := make(map[string][]quota.Org, len(orgs))
	for _, o := range orgs {
		byCode[strings.ToLower(o.Code)] = o
		k := quota.SearchKey(o.Name)
		byName[k] = append(byName[k], o)
	}
	return func(written string) (string, error) {
		o, ok := byCode[strings.ToLower(written)]
		if !ok {
			switch named := byName[quota.SearchKey(written)]; len(named) {
			case 0:
				return "", quota.ErrUnknownOrg
			case 1:
				o = named[0]
			default:
				return "", quota.ErrAmbiguousOrg
			}
		}
		if o.Inactive {
			return "", quota.ErrInactiveOrg
		}
		return o.Code, nil
	}, nil
}
