package storage

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
)

func samplePastTotals() []quota.PastTotal {
	zone, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	at := time.Date(2026, 2, 9, 14, 5, 7, 987654321, zone)
	return []quota.PastTotal{
		{Org: "CB_T01_0001", Year: 2019, Admitted: 4},
		{Org: "DB_T60", Year: 2024, Admitted: 1_234, Source: "so-lieu-2016-2025.xlsx:Sheet1!B7", ImportedBy: 1_000_123, ImportedAt: at},
		{Year: 2021, Admitted: 2_500_000, Source: "Báo cáo tổng kết nhiệm kỳ", ImportedBy: 7, ImportedAt: at.UTC()}, // the committee's own
		{}, // every field empty
	}
}

func sampleQuotaRecords() []quota.QuotaRecord {
	zone, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	at := time.Date(2026, 1, 12, 8, 30, 0, 5, zone)
	dec := quota.Decision{Number: "2323-QĐ/ĐUK", Date: quota.Date{Year: 2021, Month: 4, Day: 11}}
	return []quota.QuotaRecord{
		{Org: "CB_T01_0001", Term: quota.Term{From: 2026, To: 2030}, Current: quota.QuotaValue{Quota: 35}},
		{Org: "DU_A", Term: quota.Term{From: 2021, To: 2025},
			Current: quota.QuotaValue{Quota: 110, Decision: quota.Decision{Number: "150-NQ/ĐU (điều chỉnh)", Date: quota.Date{Year: 2023, Month: 9, Day: 30}}, SetAt: at.Add(48 * time.Hour), SetBy: 2},
			History: []quota.QuotaValue{{Quota: 100, Decision: dec, SetAt: at, SetBy: 1}, {Quota: 90}, {Quota: 95, Decision: quota.Decision{Number: "12-QĐ"}, SetAt: at.UTC()}}},
		{Org: "DB_T60", Year: 2026, Current: quota.QuotaValue{Quota: 10, Decision: quota.Decision{Date: quota.Date{Year: 2026, Month: 1, Day: 2}}, SetBy: -5}},
		{}, // every field empty
	}
}

// jsonString is a record as the JSON of schema 12 had it: the reference
// the compact form must give back.
func jsonString(t testing.TB, v any) string {
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

func TestPastTotalCodecRoundTrip(t *testing.T) {
	for _, p := range samplePastTotals() {
		v, err := encodePastTotal(p)
		require.NoError(t, err)
		assert.Equal(t, byte(pastTotalCompact), v[0])
		got, err := decodePastTotal(v)
		require.NoError(t, err)
		assert.Equal(t, jsonString(t, p), jsonString(t, got))
		assert.True(t, got.ImportedAt.Equal(p.ImportedAt))
		n, err := pastTotalAdmitted(v)
		require.NoError(t, err)
		assert.Equal(t, p.Admitted, n, "the number read alone")
		// The JSON of schema 12 still reads, whole or the number alone.
		old, err := decodePastTotal([]byte(jsonString(t, p)))
		require.NoError(t, err)
		assert.Equal(t, jsonString(t, p), jsonString(t, old))
		n, err = pastTotalAdmitted([]byte(jsonString(t, p)))
		require.NoError(t, err)
		assert.Equal(t, p.Admitted, n)
	}
	typical := samplePastTotals()[0]
	v, err := encodePastTotal(typical)
	require.NoError(t, err)
	assert.Less(t, len(v), len(jsonString(t, typical))/2, "compact: %d bytes against %d of JSON", len(v), len(jsonString(t, typical)))
}

func TestQuotaRecordCodecRoundTrip(t *testing.T) {
	for _, rec := range sampleQuotaRecords() {
		v, err := encodeQuotaRecord(rec)
		require.NoError(t, err)
		assert.Equal(t, byte(quotaRecordCompact), v[0])
		got, err := decodeQuotaRecord(v)
		require.NoError(t, err)
		assert.Equal(t, jsonString(t, rec), jsonString(t, got))
		assert.True(t, got.Current.SetAt.Equal(rec.Current.SetAt))
		require.Len(t, got.History, len(rec.History))
		for i, h := range rec.History {
			assert.True(t, got.History[i].SetAt.Equal(h.SetAt))
		}
		n, err := quotaRecordCurrent(v)
		require.NoError(t, err)
		assert.Equal(t, rec.Current.Quota, n, "the number read alone")
		old, err := decodeQuotaRecord([]byte(jsonString(t, rec)))
		require.NoError(t, err)
		assert.Equal(t, jsonString(t, rec), jsonString(t, old))
		n, err = quotaRecordCurrent([]byte(jsonString(t, rec)))
		require.NoError(t, err)
		assert.Equal(t, rec.Current.Quota, n)
	}
	typical := sampleQuotaRecords()[0]
	v, err := encodeQuotaRecord(typical)
	require.NoError(t, err)
	assert.Less(t, len(v), len(jsonString(t, typical))/2, "compact: %d bytes against %d of JSON", len(v), len(jsonString(t, typical)))
}

// A record cut short or with bytes after its end is refused, not read
// as another one.
func TestFigureCodecsRefuseBrokenRecords(t *testing.T) {
	p, err := encodePastTotal(samplePastTotals()[1])
	require.NoError(t, err)
	q, err := encodeQuotaRecord(sampleQuotaRecords()[1])
	require.NoError(t, err)
	for n := range len(p) {
		_, err := decodePastTotal(p[:n])
		assert.Error(t, err, "the total cut at %d bytes", n)
	}
	for n := range len(q) {
		_, err := decodeQuotaRecord(q[:n])
		assert.Error(t, err, "the quota record cut at %d bytes", n)
	}
	_, err = decodePastTotal(append(p, 0))
	assert.Error(t, err)
	_, err = decodeQuotaRecord(append(q, 0))
	assert.Error(t, err)
	_, err = decodeQuotaRecord([]byte{quotaRecordCompact, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f})
	assert.ErrorIs(t, err, errShortRecord, "a history longer than the record")
}

func FuzzDecodePastTotal(f *testing.F) {
	for _, p := range samplePastTotals() {
		v, err := encodePastTotal(p)
		require.NoError(f, err)
		f.Add(v)
		f.Add([]byte(jsonString(f, p)))
	}
	f.Add([]byte{pastTotalCompact, 0xff})
	f.Fuzz(func(t *testing.T, v []byte) {
		rereads(t, v, decodePastTotal, encodePastTotal)
		if p, err := decodePastTotal(v); err == nil {
			n, err := pastTotalAdmitted(v)
			require.NoError(t, err)
			assert.Equal(t, p.Admitted, n, "the number read alone is the record's")
		}
	})
}

func FuzzDecodeQuotaRecord(f *testing.F) {
	for _, rec := range sampleQuotaRecords() {
		v, err := encodeQuotaRecord(rec)
		require.NoError(f, err)
		f.Add(v)
		f.Add([]byte(jsonString(f, rec)))
	}
	f.Add([]byte{quotaRecordCompact, 0xff})
	f.Fuzz(func(t *testing.T, v []byte) {
		rereads(t, v, decodeQuotaRecord, encodeQuotaRecord)
		if rec, err := decodeQuotaRecord(v); err == nil {
			n, err := quotaRecordCurrent(v)
			require.NoError(t, err)
			assert.Equal(t, rec.Current.Quota, n, "the number read alone is the record's")
		}
	})
}
