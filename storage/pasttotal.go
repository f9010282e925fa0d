package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	"quotabot/quota"
)

// Past totals are the yearly admitted totals of years before quotabot,
// imported with no named admissions behind them. They live apart from the
// tallies, which count named admissions only, so a total is never taken
// for names. Key: year(2) code; code "" is a committee-only total.

// SetPastTotal keeps an imported total; created is true when the
// organization (or the committee) had none for that year.
func (tx *Tx) SetPastTotal(p quota.PastTotal) (created bool, err error) {
	if err := p.Validate(); err != nil {
		return false, fmt.Errorf("saving an admitted total: %w", err)
	}
	k := tallyKey(p.Year, p.Org)
	created = tx.bucket(bucketPastTotals).Get(k) == nil
	v, err := encodePastTotal(p)
	if err != nil {
		return false, err
	}
	tx.touchYear(p.Year)
	if err := tx.insert(bucketPastTotals, k, v); err != nil {
		return false, fmt.Errorf("saving the admitted total of %s for %d: %w", orCommittee(p.Org), p.Year, err)
	}
	return created, nil
}

// PastTotal reads an imported total; ok is false when there is none.
func (tx *Tx) PastTotal(year int, code string) (quota.PastTotal, bool, error) {
	v := tx.bucket(bucketPastTotals).Get(tallyKey(year, code))
	if v == nil {
		return quota.PastTotal{}, false, nil
	}
	p, err := decodePastTotal(v)
	if err != nil {
		return p, false, fmt.Errorf("decoding the admitted total of %s for %d: %w", orCommittee(code), year, err)
	}
	return p, true, nil
}

// DeletePastTotal removes an imported total.
func (tx *Tx) DeletePastTotal(year int, code string) error {
	tx.touchYear(year)
	if err := tx.bucket(bucketPastTotals).Delete(tallyKey(year, code)); err != nil {
		return fmt.Errorf("removing the admitted total of %s for %d: %w", orCommittee(code), year, err)
	}
	return nil
}

// EachPastTotal calls f for every imported total of the year, the
// committee-only one first, then by code.
func (tx *Tx) EachPastTotal(year int, f func(p quota.PastTotal) error) error {
	prefix := tallyKey(year, "")
	c := tx.bucket(bucketPastTotals).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		p, err := decodePastTotal(v)
		if err != nil {
			return fmt.Errorf("decoding the admitted total %x: %w", k, err)
		}
		if err := f(p); err != nil {
			return err
		}
	}
	return nil
}

// PastTotalYears lists the years that have an imported total, in order.
func (tx *Tx) PastTotalYears() []int {
	var out []int
	c := tx.bucket(bucketPastTotals).Cursor()
	for k, _ := c.First(); len(k) >= 2; {
		y := int(binary.BigEndian.Uint16(k))
		out = append(out, y)
		k, _ = c.Seek(tallyKey(y+1, ""))
	}
	return out
}

// YearCount is an organization's figure for a year: its named admissions,
// or its imported total for a year without any (quota.CountYear).
func (tx *Tx) YearCount(year int, code string) (quota.YearCount, error) {
	p, ok, err := tx.PastTotal(year, code)
	if err != nil {
		return quota.YearCount{}, err
	}
	return quota.CountYear(year, tx.Tally(year, code).Admitted, p.Admitted, ok), nil
}

// SubtreeYearCount adds up the figures of the organizations given (an
// organization and its subtree) for a year.
func (tx *Tx) SubtreeYearCount(year int, codes []string) (quota.YearCount, error) {
	counts := make([]quota.YearCount, 0, len(codes))
	for _, code := range codes {
		c, err := tx.YearCount(year, code)
		if err != nil {
			return quota.YearCount{}, err
		}
		counts = append(counts, c)
	}
	return quota.CommitteeYear(year, counts, 0, false), nil
}

// CommitteeYearCount is the whole committee's figure for a year
// (quota.CommitteeYear): its named admissions from the daily counts, the
// totals of organizations with no named admission that year, or the
// committee-only total of a year with no names at all. It reads the
// year's totals and at most a year of daily counts, whatever the number
// of organizations.
func (tx *Tx) CommitteeYearCount(year int) (quota.YearCount, error) {
	named := tx.AdmittedBetween("", quota.Date{Year: year, Month: 1, Day: 1}, quota.Date{Year: year, Month: 12, Day: 31})
	sum := quota.NewYearSum(year)
	sum.Add(quota.CountYear(year, named, 0, false))
	committee, haveCommittee := 0, false
	// The totals and the tallies are both in code order: the tallies are
	// read along beside the totals, not looked up one by one. Only the
	// number of each total is read: a year before quotabot has one for
	// every organization.
	tallies := tx.tallyFinder(year)
	prefix := tallyKey(year, "")
	c := tx.bucket(bucketPastTotals).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		n, err := pastTotalAdmitted(v)
		if err != nil {
			return quota.YearCount{}, fmt.Errorf("decoding the admitted total %x: %w", k, err)
		}
		code := string(k[len(prefix):])
		if code == "" {
			committee, haveCommittee = n, true
			continue
		}
		if t, _ := tallies.find(code); t.Admitted == 0 {
			sum.Add(quota.CountYear(year, 0, n, true))
		}
	}
	return sum.Committee(committee, haveCommittee), nil
}

func orCommittee(code string) string {
	if code == "" {
		return "the committee"
	}
	return code
}

func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
