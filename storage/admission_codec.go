package storage

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"quotabot/quota"
)

// Admissions are the most numerous records (250,000 a year at national
// scale), and in JSON their field names and quoted numbers were most of
// each. Since schema 6 they are stored compact: a version byte, the
// fields every admission has as varints and length-prefixed strings, and
// the fields few have (a retraction, an official decision, where it was
// imported from) as a JSON object with short names, left out when empty.
// A record that begins with '{' is the JSON of a schema before 6.
const admissionCompact = 0x01

// admissionRest is what most admissions lack.
type admissionRest struct {
	UpdateID    int64                   `json:"u,omitempty"`
	Retracted   bool                    `json:"r,omitempty"`
	RetractedBy int64                   `json:"rb,omitempty"`
	RetractedAt time.Time               `json:"ra,omitzero"`
	CandidateID uint64                  `json:"c,omitempty"`
	Official    *quota.OfficialDecision `json:"o,omitempty"`
	Birth       quota.Date              `json:"b,omitzero"`
	Imported    string                  `json:"i,omitempty"`
	Corrections []quota.Correction      `json:"co,omitempty"`
}

// admissionFields are the fields of quota.Admission this form carries; a
// test fails when the domain adds one it does not.
var admissionFields = []string{"ID", "Org", "Name", "Date", "Decision", "ReportedBy", "ReportedAt", "UpdateID",
	"Retracted", "RetractedBy", "RetractedAt", "CandidateID", "Official", "Birth", "Imported", "Corrections"}

func encodeAdmission(a quota.Admission) ([]byte, error) {
	at, err := a.ReportedAt.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("encoding the time admission %d was reported: %w", a.ID, err)
	}
	rest, err := json.Marshal(admissionRest{UpdateID: a.UpdateID, Retracted: a.Retracted, RetractedBy: a.RetractedBy,
		RetractedAt: a.RetractedAt, CandidateID: a.CandidateID, Official: a.Official, Birth: a.Birth, Imported: a.Imported,
		Corrections: a.Corrections})
	if err != nil {
		return nil, fmt.Errorf("encoding admission %d: %w", a.ID, err)
	}
	v := make([]byte, 0, 48+len(a.Org)+len(a.Name)+len(a.Decision)+len(rest))
	v = append(v, admissionCompact)
	v = binary.AppendUvarint(v, a.ID)
	v = appendString(v, a.Org)
	v = appendString(v, a.Name)
	v = binary.AppendUvarint(v, uint64(a.Date.Key()))
	v = appendString(v, a.Decision)
	v = binary.AppendVarint(v, a.ReportedBy)
	v = appendString(v, string(at))
	if string(rest) != "{}" {
		v = append(v, rest...)
	}
	return v, nil
}

func appendString(v []byte, s string) []byte {
	v = binary.AppendUvarint(v, uint64(len(s)))
	return append(v, s...)
}

var errShortRecord = errors.New("the record ends too soon")

// compactReader reads the fields of a compact record in order; the first
// error stops it.
type compactReader struct {
	b   []byte
	err error
}

func (r *compactReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	x, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errShortRecord
		return 0
	}
	r.b = r.b[n:]
	return x
}

func (r *compactReader) varint() int64 {
	if r.err != nil {
		return 0
	}
	x, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errShortRecord
		return 0
	}
	r.b = r.b[n:]
	return x
}

func (r *compactReader) string() string {
	n := r.uvarint()
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.b)) {
		r.err = errShortRecord
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func decodeAdmission(v []byte) (quota.Admission, error) {
	var a quota.Admission
	if len(v) > 0 && v[0] == '{' {
		err := json.Unmarshal(v, &a)
		return a, err
	}
	if len(v) == 0 || v[0] != admissionCompact {
		return a, errors.New("not an admission record")
	}
	r := compactReader{b: v[1:]}
	a.ID = r.uvarint()
	a.Org = r.string()
	a.Name = r.string()
	date := r.uvarint()
	a.Date = quota.DateFromKey(uint32(date))
	a.Decision = r.string()
	a.ReportedBy = r.varint()
	at := r.string()
	if r.err != nil {
		return a, r.err
	}
	if date > 1<<32-1 {
		return a, errors.New("the date is out of range")
	}
	if err := a.ReportedAt.UnmarshalBinary([]byte(at)); err != nil {
		return a, fmt.Errorf("the time it was reported: %w", err)
	}
	if len(r.b) == 0 {
		return a, nil
	}
	var rest admissionRest
	if err := json.Unmarshal(r.b, &rest); err != nil {
		return a, err
	}
	a.UpdateID, a.Retracted, a.RetractedBy, a.RetractedAt = rest.UpdateID, rest.Retracted, rest.RetractedBy, rest.RetractedAt
	a.CandidateID, a.Official, a.Birth, a.Imported = rest.CandidateID, rest.Official, rest.Birth, rest.Imported
	a.Corrections = rest.Corrections
	return a, nil
}

// migrateCompactAdmissions rewrites every admission of a schema 5
// database in the compact form.
func migrateCompactAdmissions(tx *Tx) error {
	return compactRecords(tx, bucketAdmissions, "admission", func(_, v []byte) ([]byte, error) {
		a, err := decodeAdmission(v)
		if err != nil {
			return nil, err
		}
		return encodeAdmission(a)
	})
}
