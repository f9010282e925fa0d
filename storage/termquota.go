package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"quotabot/quota"
)

// Term quotas: a quota per organization for a span of years, with the
// decision behind it and its earlier values. Key: from(2) to(2) code, so
// one term's quotas are together.

func termKey(t quota.Term, code string) []byte {
	k := make([]byte, 4+len(code))
	binary.BigEndian.PutUint16(k, uint16(t.From))
	binary.BigEndian.PutUint16(k[2:], uint16(t.To))
	copy(k[4:], code)
	return k
}

func termOfKey(k []byte) quota.Term {
	return quota.Term{From: int(binary.BigEndian.Uint16(k)), To: int(binary.BigEndian.Uint16(k[2:]))}
}

// TermQuota reads an organization's quota for a term; ErrNotFound when
// none was set.
func (tx *Tx) TermQuota(code string, t quota.Term) (quota.QuotaRecord, error) {
	return tx.quotaRecord(bucketTermQuotas, termKey(t, code), fmt.Sprintf("quota of %s for %s", code, t))
}

// SetTermQuota records a value for an organization's quota for a term,
// with the decision that set it; the domain decides what becomes current
// and what goes into the history (quota.QuotaRecord.Apply).
func (tx *Tx) SetTermQuota(code string, t quota.Term, v quota.QuotaValue) (quota.QuotaChange, error) {
	if err := t.Validate(); err != nil {
		return quota.QuotaUnchanged, fmt.Errorf("setting the quota of %s for a term: %w", code, err)
	}
	if err := quota.ValidateCode(code); err != nil {
		return quota.QuotaUnchanged, fmt.Errorf("setting the quota for %s: %w", t, err)
	}
	rec, err := tx.TermQuota(code, t)
	if err != nil {
		rec = quota.QuotaRecord{Org: code, Term: t}
	}
	ch, err := rec.Apply(v)
	if err != nil {
		return ch, fmt.Errorf("setting the quota of %s for %s: %w", code, t, err)
	}
	if ch == quota.QuotaUnchanged {
		return ch, nil
	}
	tx.touchTerms()
	return ch, tx.putQuotaRecord(bucketTermQuotas, termKey(t, code), rec)
}

// EachTermQuota calls f for every organization's quota for the term, in
// code order.
func (tx *Tx) EachTermQuota(t quota.Term, f func(rec quota.QuotaRecord) error) error {
	prefix := termKey(t, "")
	c := tx.bucket(bucketTermQuotas).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		rec, err := decodeQuotaRecord(v)
		if err != nil {
			return fmt.Errorf("decoding the quota of %s for %s: %w", k[4:], t, err)
		}
		if err := f(rec); err != nil {
			return err
		}
	}
	return nil
}

// EachTermQuotaNumber calls f with every organization's current quota for
// the term, in code order, reading only the number of each record: a
// term's figures read every organization's.
func (tx *Tx) EachTermQuotaNumber(t quota.Term, f func(code string, quota int) error) error {
	prefix := termKey(t, "")
	c := tx.bucket(bucketTermQuotas).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		n, err := quotaRecordCurrent(v)
		if err != nil {
			return fmt.Errorf("decoding the quota of %s for %s: %w", k[4:], t, err)
		}
		if err := f(string(k[4:]), n); err != nil {
			return err
		}
	}
	return nil
}

// Terms lists the terms that have a quota for some organization, in
// order, skipping from one term to the next without reading its quotas.
func (tx *Tx) Terms() []quota.Term {
	var out []quota.Term
	c := tx.bucket(bucketTermQuotas).Cursor()
	for k, _ := c.First(); len(k) >= 4; {
		t := termOfKey(k)
		out = append(out, t)
		next := termKey(quota.Term{From: t.From, To: t.To + 1}, "")
		k, _ = c.Seek(next)
	}
	return out
}

// TermQuotasOf lists an organization's term quotas, in term order.
func (tx *Tx) TermQuotasOf(code string) ([]quota.QuotaRecord, error) {
	var out []quota.QuotaRecord
	for _, t := range tx.Terms() {
		rec, err := tx.TermQuota(code, t)
		if err == nil {
			out = append(out, rec)
		} else if !isNotFound(err) {
			return nil, err
		}
	}
	return out, nil
}
