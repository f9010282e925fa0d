package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"

	"quotabot/quota"
)

// Check verifies the database: bbolt's own consistency check, then
// quotabot's invariants: the stored counts equal the admissions they
// count, every admission's organization exists, and every index entry
// points to a counting admission. It returns every problem found.
func (db *DB) Check() []error {
	var problems []error
	report := func(format string, args ...any) { problems = append(problems, fmt.Errorf(format, args...)) }
	err := db.View(func(tx *Tx) error {
		for err := range tx.tx.Check() {
			report("bbolt: %w", err)
		}
		type key struct {
			year int
			org  string
		}
		counted := map[key]int{}
		daily := map[string]int{}
		admissions, indexed := 0, 0
		pending := map[string]bool{}
		reported := map[string]bool{} // the index by reporter's key of every admission
		err := tx.EachAdmission(func(a quota.Admission) error {
			admissions++
			if _, err := tx.Org(a.Org); err != nil {
				report("admission %d names organization %q, which does not exist", a.ID, a.Org)
			}
			reported[string(reporterKey(a.ReportedBy, a.ID))] = true
			if tx.bucket(bucketUsers).Get(reporterKey(a.ReportedBy, a.ID)) == nil {
				report("admission %d is missing from the index by reporter", a.ID)
			}
			if tx.bucket(bucketAdmByOrg).Get(orgIDKey(a.Org, a.ID)) == nil {
				report("admission %d is missing from the index by organization", a.ID)
			}
			if a.Retracted {
				return nil
			}
			if a.Official == nil {
				pending[string(probationKey(a))] = true
			}
			counted[key{a.Date.Year, a.Org}]++
			daily[string(dailyKey(a.Date))]++
			if v := tx.bucket(bucketAdmByOrg).Get(dedupeKey(a.Org, a.Date, a.Name)); len(v) != 8 || binary.BigEndian.Uint64(v) != a.ID {
				report("admission %d (%s) is missing from the duplicate index", a.ID, a.Name)
			}
			indexed++
			return nil
		})
		if err != nil {
			return err
		}
		inactive := tx.Deactivated()
		orgs, err := tx.Orgs()
		if err != nil {
			return err
		}
		roots := map[string]bool{}
		for _, code := range tx.Roots() {
			roots[code] = true
		}
		for _, o := range orgs {
			if _, listed := inactive[o.Code]; listed != o.Inactive {
				report("organization %s is inactive=%v but the index of deactivated organizations says %v", o.Code, o.Inactive, listed)
			}
			if roots[o.Code] != (o.Parent == "") {
				report("organization %s has parent %q but the index of organizations under the committee says %v", o.Code, o.Parent, roots[o.Code])
			}
			delete(roots, o.Code)
		}
		for code := range roots {
			report("the index of organizations under the committee names %s, which does not exist", code)
		}
		eachTallyChecked(tx, report, func(year int, org string, t quota.Tally) {
			want := counted[key{year, org}]
			if t.Admitted != want {
				report("tally of %s for %d says %d admitted, the admissions say %d", org, year, t.Admitted, want)
			}
			delete(counted, key{year, org})
		})
		for k, n := range counted {
			report("%s has %d admissions in %d but no tally", k.org, n, k.year)
		}
		dc := tx.bucket(bucketDaily).Cursor()
		for k, v := dc.First(); k != nil; k, v = dc.Next() {
			if got := int(binary.BigEndian.Uint32(v)); got != daily[string(k)] {
				report("daily count %q says %d, the admissions say %d", k, got, daily[string(k)])
			}
			delete(daily, string(k))
		}
		for k, n := range daily {
			report("daily count %q is missing (%d admissions)", k, n)
		}
		checkIndexByOrg(tx, admissions, indexed, len(pending), report)
		pc := tx.bucket(bucketProbation).Cursor()
		for k, _ := pc.First(); k != nil; k, _ = pc.Next() {
			if !pending[string(k)] {
				report("the probation index lists admission %d, which awaits no decision", binary.BigEndian.Uint64(k[4:]))
			}
			delete(pending, string(k))
		}
		for k := range pending {
			report("admission %d awaits its official-membership decision but is not in the probation index", binary.BigEndian.Uint64([]byte(k)[4:]))
		}
		advanced := map[string]int{}
		if err := tx.bucket(bucketCandidates).ForEach(func(k, v []byte) error {
			var c quota.Candidate
			if err := json.Unmarshal(v, &c); err != nil {
				report("candidate %x cannot be read: %w", k, err)
				return nil
			}
			if c.Stage.Advanced() {
				advanced[c.Org]++
			}
			return nil
		}); err != nil {
			return err
		}
		if err := tx.bucket(bucketPipeline).ForEach(func(k, v []byte) error {
			if got := int(be32(v)); got != advanced[string(k)] {
				report("the pipeline count of %s says %d, the candidates say %d", k, got, advanced[string(k)])
			}
			delete(advanced, string(k))
			return nil
		}); err != nil {
			return err
		}
		for org, n := range advanced {
			report("%s has %d advanced candidates but no pipeline count", org, n)
		}
		checkQuotaRecords(tx, report)
		return tx.bucket(bucketUsers).ForEach(func(k, v []byte) error {
			if len(k) == 16 {
				if !reported[string(k)] {
					report("the index by reporter names admission %d of user %d, which does not exist", be64(k[8:]), int64(be64(k[:8])))
				}
				return nil
			}
			if _, err := decodeUser(v); err != nil {
				report("user %x cannot be read: %w", k, err)
			}
			return nil
		})
	})
	if err != nil {
		problems = append(problems, fmt.Errorf("reading the database: %w", err))
	}
	return problems
}

// checkIndexByOrg counts each kind of key in the index by organization
// against what it should hold: a key for every admission, a duplicate key
// for every counting one, and a probation key for every one awaiting its
// decision. Each admission's own keys were looked up already; a count
// that differs finds the keys left over.
func checkIndexByOrg(tx *Tx, admissions, counting, pending int, report func(format string, args ...any)) {
	var byID, dedupe, probation int
	_ = tx.bucket(bucketAdmByOrg).ForEach(func(k, v []byte) error {
		i := bytes.IndexByte(k, 0)
		if i < 0 {
			report("the index by organization has a key with no organization: %x", k)
			return nil
		}
		switch rest := k[i+1:]; {
		case isAdmissionOrgKey(rest):
			byID++
		case isDedupeOrgKey(rest) && len(v) == 8:
			dedupe++
		case isProbationOrgKey(rest):
			probation++
		default:
			report("the index by organization has a key of no known kind: %x", k)
		}
		return nil
	})
	if byID != admissions {
		report("the index by organization has keys of %d admissions, there are %d", byID, admissions)
	}
	if dedupe != counting {
		report("the duplicate index has %d entries for %d counting admissions", dedupe, counting)
	}
	if probation != pending {
		report("the index by organization has keys of %d probations, %d admissions await their decision", probation, pending)
	}
}

// checkQuotaRecords verifies that every yearly quota has a record whose
// current value is the tally's, and that every quota record and imported
// total is filed under its own key.
func checkQuotaRecords(tx *Tx, report func(format string, args ...any)) {
	records := tx.bucket(bucketQuotaRecords)
	eachTallyChecked(tx, nil, func(year int, org string, t quota.Tally) {
		raw := records.Get(tallyKey(year, org))
		if raw == nil {
			if t.Quota > 0 {
				report("the quota of %s for %d (%d) has no record", org, year, t.Quota)
			}
			return
		}
		switch rec, err := decodeQuotaRecord(raw); {
		case err != nil:
			report("the quota record of %s for %d cannot be read", org, year)
		case rec.Current.Quota != t.Quota:
			report("the quota record of %s for %d says %d, the tally %d", org, year, rec.Current.Quota, t.Quota)
		}
	})
	_ = records.ForEach(func(k, v []byte) error {
		year, org := yearCodeOf(k)
		if rec, err := decodeQuotaRecord(v); err != nil || rec.Org != org || rec.Year != year || !rec.Term.IsZero() {
			report("the quota record filed for %s in %d is not that quota", org, year)
		} else if isJSON(v) {
			report("the quota record of %s for %d is JSON, the layout before schema 13", org, year)
		}
		return nil
	})
	_ = tx.bucket(bucketTermQuotas).ForEach(func(k, v []byte) error {
		if len(k) < 4 {
			report("a term quota has a short key %x", k)
			return nil
		}
		t, org := termOfKey(k), string(k[4:])
		if rec, err := decodeQuotaRecord(v); err != nil || rec.Org != org || rec.Term != t || rec.Year != 0 {
			report("the term quota filed for %s in %s is not that quota", org, t)
		} else if isJSON(v) {
			report("the term quota of %s for %s is JSON, the layout before schema 13", org, t)
		}
		return nil
	})
	_ = tx.bucket(bucketPastTotals).ForEach(func(k, v []byte) error {
		year, org := yearCodeOf(k)
		if p, err := decodePastTotal(v); err != nil || p.Org != org || p.Year != year {
			report("the admitted total filed for %s in %d is not that total", orCommittee(org), year)
		} else if isJSON(v) {
			report("the admitted total of %s for %d is JSON, the layout before schema 13", orCommittee(org), year)
		}
		return nil
	})
}

// isJSON reports whether a record is in the JSON of the schemas before
// its compact form.
func isJSON(v []byte) bool { return len(v) > 0 && v[0] == '{' }

// eachTallyChecked calls f for every tally of every year and, with
// report, reports the packs a lookup could not rely on: a year whose
// first pack is not from "", an empty pack, a pack that cannot be read,
// codes out of order or kept twice, a code outside its pack's bounds.
func eachTallyChecked(tx *Tx, report func(format string, args ...any), f func(year int, org string, t quota.Tally)) {
	if report == nil {
		report = func(string, ...any) {}
	}
	var p packIter
	var last []byte // the code before, in the same year
	year, seen := -1, false
	c := tx.bucket(bucketTallies).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) < 2 {
			report("a tally pack has a short key %x", k)
			continue
		}
		y, bound := int(binary.BigEndian.Uint16(k)), k[2:]
		if y != year {
			if len(bound) > 0 {
				report("the tallies of %d have no first pack (from \"\"), the first is from %q", y, bound)
			}
			year, seen = y, false
		} else if seen && bytes.Compare(last, bound) >= 0 {
			report("the tally of %s for %d lies past its pack's end: the next pack is from %q", last, year, bound)
		}
		n := 0
		p.reset(v)
		for p.next() {
			switch {
			case bytes.Compare(p.code, bound) < 0:
				report("the tally of %s for %d lies before its pack, which is from %q", p.code, year, bound)
			case seen && bytes.Equal(p.code, last):
				report("the tally of %s for %d is kept twice", p.code, year)
			case seen && bytes.Compare(p.code, last) < 0:
				report("the tallies of %d are out of order: %s after %s", year, p.code, last)
			}
			last, seen = append(last[:0], p.code...), true
			n++
			f(year, string(p.code), p.t)
		}
		if p.err != nil {
			report("the tally pack of %d from %q cannot be read after %d tallies: %v", year, bound, n, p.err)
		}
		if n == 0 && len(bound) > 0 {
			report("the tally pack of %d from %q is empty", year, bound)
		}
	}
}
