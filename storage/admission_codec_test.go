package storage

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"quotabot/quota"
)

func sampleAdmissions() []quota.Admission {
	zone, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	at := time.Date(2026, 3, 4, 9, 30, 15, 123456789, zone)
	return []quota.Admission{
		{ID: 1, Org: "CB_T01_0001", Name: "Nguyễn Văn Hùng", Date: quota.Date{Year: 2026, Month: 3, Day: 2},
			Decision: "12-QĐ/ĐU", ReportedBy: 1_000_123, ReportedAt: at, UpdateID: 88},
		{ID: 250_000, Org: "DB_T60", Name: "Lê Thị Hưng", Date: quota.Date{Year: 2025, Month: 12, Day: 31},
			ReportedBy: 7, ReportedAt: at.UTC(), Retracted: true, RetractedBy: 9, RetractedAt: at.Add(time.Hour),
			CandidateID: 42, Official: &quota.OfficialDecision{Date: quota.Date{Year: 2027, Month: 3, Day: 2}, Number: "5-QĐ", RecordedBy: 9, RecordedAt: at},
			Birth: quota.Date{Year: 1999, Month: 1, Day: 9}, Imported: "so-dang-vien.csv:12",
			Corrections: []quota.Correction{{Field: "name", Old: "Lê Thị Hung", New: "Lê Thị Hưng", By: 7, At: at}}},
		{}, // every field empty
	}
}

// jsonOf is the admission as the JSON of schema 5 had it: the
// reference the compact form must give back.
func jsonOf(t testing.TB, a quota.Admission) string {
	v, err := json.Marshal(a)
	require.NoError(t, err)
	return string(v)
}

// Every field of the domain's admissions, users and organizations is
// stored: one added there must be added to the compact form too, or it
// would be lost on the next save.
func TestCompactFormsCarryEveryField(t *testing.T) {
	for _, c := range []struct {
		typ    reflect.Type
		stored []string
	}{
		{reflect.TypeFor[quota.Admission](), admissionFields},
		{reflect.TypeFor[quota.User](), userFields},
		{reflect.TypeFor[quota.Org](), orgFields},
	} {
		var names []string
		for f := range c.typ.Fields() {
			names = append(names, f.Name)
		}
		assert.ElementsMatch(t, names, c.stored, "%s", c.typ)
	}
}

func TestAdmissionCodecRoundTrip(t *testing.T) {
	for _, a := range sampleAdmissions() {
		v, err := encodeAdmission(a)
		require.NoError(t, err)
		got, err := decodeAdmission(v)
		require.NoError(t, err)
		assert.Equal(t, jsonOf(t, a), jsonOf(t, got))
		assert.True(t, got.ReportedAt.Equal(a.ReportedAt))
		// The JSON of schema 5 still reads.
		old, err := decodeAdmission([]byte(jsonOf(t, a)))
		require.NoError(t, err)
		assert.Equal(t, jsonOf(t, a), jsonOf(t, old))
	}
	typical := sampleAdmissions()[0]
	v, err := encodeAdmission(typical)
	require.NoError(t, err)
	assert.Less(t, len(v), len(jsonOf(t, typical))/2, "compact: %d bytes against %d of JSON", len(v), len(jsonOf(t, typical)))
}

func FuzzDecodeAdmission(f *testing.F) {
	for _, a := range sampleAdmissions() {
		v, err := encodeAdmission(a)
		require.NoError(f, err)
		f.Add(v)
		f.Add([]byte(jsonOf(f, a)))
	}
	f.Add([]byte{admissionCompact, 0xff})
	f.Fuzz(func(t *testing.T, v []byte) { rereads(t, v, decodeAdmission, encodeAdmission) })
}

// rereads checks a compact form on any bytes: what decodes, encodes and
// decodes again to the same bytes.
func rereads[T any](t *testing.T, v []byte, decode func([]byte) (T, error), encode func(T) ([]byte, error)) {
	rec, err := decode(v)
	if err != nil {
		return
	}
	w, err := encode(rec)
	if err != nil {
		return // a time MarshalBinary refuses (an offset out of range)
	}
	again, err := decode(w)
	require.NoError(t, err)
	w2, err := encode(again)
	require.NoError(t, err)
	assert.Equal(t, w, w2)
}

// asJSONBefore rewrites the records of a closed database as a schema
// before the compact form wrote them, JSON, and marks it that schema.
func asJSONBefore(t *testing.T, path string, schema int, bucket []byte, records map[string]string) {
	t.Helper()
	raw, err := bolt.Open(path, 0o600, nil)
	require.NoError(t, err)
	require.NoError(t, raw.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucket)
		for k, v := range records {
			if err := b.Put([]byte(k), []byte(v)); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, u64(uint64(schema)))
	}))
	require.NoError(t, raw.Close())
}

// A schema 5 database, whose admissions are JSON, opens with every
// admission rewritten compact and reading back as it was, its indexes
// and counts unchanged.
func TestMigrateToCompactAdmissions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quotabot.db")
	db, err := Open(path, Options{})
	require.NoError(t, err)
	adms := sampleAdmissions()[:2]
	adms[1].Retracted, adms[1].RetractedBy, adms[1].RetractedAt = false, 0, time.Time{}
	require.NoError(t, db.Update(func(tx *Tx) error {
		for i := range adms {
			if err := tx.AddAdmission(&adms[i]); err != nil {
				return err
			}
		}
		return nil
	}))
	require.NoError(t, db.Close())

	// As schema 5 wrote it: the same admissions in JSON.
	records := map[string]string{}
	for _, a := range adms {
		records[string(u64(a.ID))] = jsonOf(t, a)
	}
	asJSONBefore(t, path, 5, bucketAdmissions, records)

	db, err = Open(path, Options{})
	require.NoError(t, err)
	defer db.Close()
	require.NoError(t, db.View(func(tx *Tx) error {
		assert.Equal(t, SchemaVersion, schemaOf(tx.tx))
		for _, a := range adms {
			v := tx.bucket(bucketAdmissions).Get(u64(a.ID))
			require.NotEmpty(t, v)
			assert.Equal(t, byte(admissionCompact), v[0], "admission %d rewritten", a.ID)
			got, err := tx.Admission(a.ID)
			require.NoError(t, err)
			assert.Equal(t, jsonOf(t, a), jsonOf(t, got))
			found, ok := tx.FindAdmission(a.Org, a.Date, a.Name)
			assert.True(t, ok)
			assert.Equal(t, a.ID, found.ID)
			assert.Equal(t, 1, tx.Tally(a.Date.Year, a.Org).Admitted)
		}
		return nil
	}))
}
