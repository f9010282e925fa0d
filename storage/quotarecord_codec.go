package storage

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"quotabot/quota"
)

// Quota records, yearly and for a term, are read by the ten thousand for
// a term's figures, which need only the current number. Since schema 13
// they are stored compact: a version byte, the current number first so
// that reading it alone is one varint, then the organization, the year or
// the term, the rest of the current value, and the earlier values in
// order. A record that begins with '{' is the JSON of a schema before 13.
const quotaRecordCompact = 0x01

// quotaRecordFields and quotaValueFields are the fields of
// quota.QuotaRecord and quota.QuotaValue this form carries; a test fails
// when the domain adds one it does not.
var (
	quotaRecordFields = []string{"Org", "Year", "Term", "Current", "History"}
	quotaValueFields  = []string{"Quota", "Decision", "SetAt", "SetBy"}
)

func encodeQuotaRecord(rec quota.QuotaRecord) ([]byte, error) {
	v := make([]byte, 0, 32+len(rec.Org)+len(rec.Current.Decision.Number)+len(rec.History)*40)
	v = append(v, quotaRecordCompact)
	v = binary.AppendVarint(v, int64(rec.Current.Quota))
	v = appendString(v, rec.Org)
	v = binary.AppendVarint(v, int64(rec.Year))
	v = binary.AppendVarint(v, int64(rec.Term.From))
	v = binary.AppendVarint(v, int64(rec.Term.To))
	v, err := appendQuotaRest(v, rec.Current)
	if err != nil {
		return nil, err
	}
	v = binary.AppendUvarint(v, uint64(len(rec.History)))
	for _, h := range rec.History {
		v = binary.AppendVarint(v, int64(h.Quota))
		if v, err = appendQuotaRest(v, h); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// appendQuotaRest appends a value but its number: the decision, when and
// by whom it was set.
func appendQuotaRest(v []byte, q quota.QuotaValue) ([]byte, error) {
	v = appendString(v, q.Decision.Number)
	v = binary.AppendVarint(v, int64(q.Decision.Date.Year))
	v = binary.AppendVarint(v, int64(q.Decision.Date.Month))
	v = binary.AppendVarint(v, int64(q.Decision.Date.Day))
	v, err := appendTime(v, q.SetAt)
	if err != nil {
		return nil, fmt.Errorf("encoding the time a quota was set: %w", err)
	}
	return binary.AppendVarint(v, q.SetBy), nil
}

func decodeQuotaRecord(v []byte) (quota.QuotaRecord, error) {
	var rec quota.QuotaRecord
	if len(v) > 0 && v[0] == '{' {
		err := json.Unmarshal(v, &rec)
		return rec, err
	}
	if len(v) == 0 || v[0] != quotaRecordCompact {
		return rec, errNotCompact
	}
	r := compactReader{b: v[1:]}
	rec.Current.Quota = r.int()
	rec.Org = r.string()
	rec.Year = r.int()
	rec.Term.From = r.int()
	rec.Term.To = r.int()
	r.quotaRest(&rec.Current)
	n := r.uvarint()
	// Each earlier value takes at least 7 bytes: a count beyond what is
	// left is a broken record, not one to allocate for.
	if r.err == nil && n > uint64(len(r.b)/7) {
		return rec, errShortRecord
	}
	if n > 0 {
		rec.History = make([]quota.QuotaValue, n)
		for i := range rec.History {
			rec.History[i].Quota = r.int()
			r.quotaRest(&rec.History[i])
		}
	}
	return rec, r.end()
}

func (r *compactReader) quotaRest(q *quota.QuotaValue) {
	q.Decision.Number = r.string()
	q.Decision.Date.Year = r.int()
	q.Decision.Date.Month = time.Month(r.int())
	q.Decision.Date.Day = r.int()
	q.SetAt = r.time()
	q.SetBy = r.varint()
}

// quotaRecordCurrent is the current number of a quota record alone,
// without reading the rest of it.
func quotaRecordCurrent(v []byte) (int, error) {
	if len(v) > 0 && v[0] == '{' {
		rec, err := decodeQuotaRecord(v)
		return rec.Current.Quota, err
	}
	if len(v) == 0 || v[0] != quotaRecordCompact {
		return 0, errNotCompact
	}
	r := compactReader{b: v[1:]}
	n := r.int()
	return n, r.err
}

// migrateCompactQuotaRecords rewrites every quota record of a schema 12
// database, yearly and for a term, in the compact form.
func migrateCompactQuotaRecords(tx *Tx) error {
	recode := func(_, v []byte) ([]byte, error) {
		rec, err := decodeQuotaRecord(v)
		if err != nil {
			return nil, err
		}
		return encodeQuotaRecord(rec)
	}
	if err := compactRecords(tx, bucketQuotaRecords, "quota record", recode); err != nil {
		return err
	}
	return compactRecords(tx, bucketTermQuotas, "term quota", recode)
}
