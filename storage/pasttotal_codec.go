package storage

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"quotabot/quota"
)

// Imported totals are read by the hundred thousand at the first /status
// of a process (every organization, each year before quotabot), and it
// reads only the number. Since schema 13 they are stored compact: a
// version byte, the number first so that reading it alone is one varint,
// then the year, the code and where the total came from. A record that
// begins with '{' is the JSON of a schema before 13.
const pastTotalCompact = 0x01

// pastTotalFields are the fields of quota.PastTotal this form carries; a
// test fails when the domain adds one it does not.
var pastTotalFields = []string{"Org", "Year", "Admitted", "Source", "ImportedBy", "ImportedAt"}

var errNotCompact = errors.New("not a record of this kind")

func encodePastTotal(p quota.PastTotal) ([]byte, error) {
	v := make([]byte, 0, 24+len(p.Org)+len(p.Source))
	v = append(v, pastTotalCompact)
	v = binary.AppendVarint(v, int64(p.Admitted))
	v = binary.AppendVarint(v, int64(p.Year))
	v = appendString(v, p.Org)
	v = appendString(v, p.Source)
	v = binary.AppendVarint(v, p.ImportedBy)
	v, err := appendTime(v, p.ImportedAt)
	if err != nil {
		return nil, fmt.Errorf("encoding the time the total of %s for %d was imported: %w", orCommittee(p.Org), p.Year, err)
	}
	return v, nil
}

func decodePastTotal(v []byte) (quota.PastTotal, error) {
	var p quota.PastTotal
	if len(v) > 0 && v[0] == '{' {
		err := json.Unmarshal(v, &p)
		return p, err
	}
	if len(v) == 0 || v[0] != pastTotalCompact {
		return p, errNotCompact
	}
	r := compactReader{b: v[1:]}
	p.Admitted = r.int()
	p.Year = r.int()
	p.Org = r.string()
	p.Source = r.string()
	p.ImportedBy = r.varint()
	p.ImportedAt = r.time()
	return p, r.end()
}

// pastTotalAdmitted is the number of an imported total alone, without
// reading the rest of its record.
func pastTotalAdmitted(v []byte) (int, error) {
	if len(v) > 0 && v[0] == '{' {
		p, err := decodePastTotal(v)
		return p.Admitted, err
	}
	if len(v) == 0 || v[0] != pastTotalCompact {
		return 0, errNotCompact
	}
	r := compactReader{b: v[1:]}
	n := r.int()
	return n, r.err
}

// appendTime appends a time in its binary form, length-prefixed; the zero
// time is an empty string.
func appendTime(v []byte, t time.Time) ([]byte, error) {
	if t.IsZero() {
		return appendString(v, ""), nil
	}
	b, err := t.MarshalBinary()
	if err != nil {
		return nil, err
	}
	return appendString(v, string(b)), nil
}

// int is a varint that fits an int.
func (r *compactReader) int() int {
	x := r.varint()
	if r.err == nil && int64(int(x)) != x {
		r.err = errors.New("a number is out of range")
	}
	return int(x)
}

// time reads what appendTime wrote.
func (r *compactReader) time() time.Time {
	s := r.string()
	var t time.Time
	if r.err != nil || s == "" {
		return t
	}
	if err := t.UnmarshalBinary([]byte(s)); err != nil {
		r.err = fmt.Errorf("a time: %w", err)
	}
	return t
}

// end is the reader's error, or one when bytes are left over.
func (r *compactReader) end() error {
	if r.err == nil && len(r.b) > 0 {
		return errors.New("the record has bytes after its end")
	}
	return r.err
}

// migrateCompactPastTotals rewrites every imported total of a schema 12
// database in the compact form.
func migrateCompactPastTotals(tx *Tx) error {
	return compactRecords(tx, bucketPastTotals, "admitted total", func(_, v []byte) ([]byte, error) {
		p, err := decodePastTotal(v)
		if err != nil {
			return nil, err
		}
		return encodePastTotal(p)
	})
}
