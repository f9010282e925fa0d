package storage

import (
	"fmt"

	"quotabot/quota"
)

// Yearly quota records keep the decision behind each yearly quota and its
// earlier values; the number itself is also in the tally, which /status
// reads without decoding JSON. Key: year(2) code, as the tallies.

// YearQuota reads the record of an organization's quota for a year;
// ErrNotFound when no quota was ever set.
func (tx *Tx) YearQuota(year int, code string) (quota.QuotaRecord, error) {
	return tx.quotaRecord(bucketQuotaRecords, tallyKey(year, code), fmt.Sprintf("quota of %s for %d", code, year))
}

// SetYearQuota records a value for an organization's quota for a year,
// with the decision that set it; the domain decides what becomes current
// and what goes into the history (quota.QuotaRecord.Apply). The tally
// follows the current value.
func (tx *Tx) SetYearQuota(year int, code string, v quota.QuotaValue) (quota.QuotaChange, error) {
	rec, err := tx.YearQuota(year, code)
	if err != nil {
		// A quota set before records were kept, or never set: the tally
		// holds what there is.
		rec = quota.QuotaRecord{Org: code, Year: year}
		if q := tx.Tally(year, code).Quota; q > 0 {
			rec.Current.Quota = q
		}
	}
	ch, err := rec.Apply(v)
	if err != nil {
		return ch, fmt.Errorf("setting the quota of %s for %d: %w", code, year, err)
	}
	if ch == quota.QuotaUnchanged {
		// Written anyway, as before quota records: a quota of 0 given for
		// a new organization still lists it among the year's tallies, and
		// the figures are computed afresh.
		return ch, tx.updateTally(year, code, func(*quota.Tally) {})
	}
	if err := tx.putQuotaRecord(bucketQuotaRecords, tallyKey(year, code), rec); err != nil {
		return ch, err
	}
	if ch.Changed() {
		err = tx.updateTally(year, code, func(t *quota.Tally) { t.Quota = rec.Current.Quota })
	}
	return ch, err
}

func (tx *Tx) quotaRecord(bucket, key []byte, what string) (quota.QuotaRecord, error) {
	v := tx.bucket(bucket).Get(key)
	if v == nil {
		return quota.QuotaRecord{}, fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	rec, err := decodeQuotaRecord(v)
	if err != nil {
		return rec, fmt.Errorf("decoding the %s: %w", what, err)
	}
	return rec, nil
}

func (tx *Tx) putQuotaRecord(bucket, key []byte, rec quota.QuotaRecord) error {
	what := fmt.Sprintf("quota of %s for %d", rec.Org, rec.Year)
	if !rec.Term.IsZero() {
		what = fmt.Sprintf("quota of %s for %s", rec.Org, rec.Term)
	}
	v, err := encodeQuotaRecord(rec)
	if err != nil {
		return fmt.Errorf("encoding the %s: %w", what, err)
	}
	if err := tx.insert(bucket, key, v); err != nil {
		return fmt.Errorf("saving the %s: %w", what, err)
	}
	return nil
}

// migrateQuotaRecords gives every yearly quota of a schema 2 database a
// record, so the value it had is the first of its history.
func migrateQuotaRecords(tx *Tx) error {
	b := tx.bucket(bucketQuotaRecords)
	return tx.bucket(bucketTallies).ForEach(func(k, v []byte) error {
		t := decodeTally(v)
		if t.Quota <= 0 || b.Get(k) != nil {
			return nil
		}
		year, code := yearCodeOf(k)
		return tx.putQuotaRecord(bucketQuotaRecords, k, quota.QuotaRecord{Org: code, Year: year, Current: quota.QuotaValue{Quota: t.Quota}})
	})
}
