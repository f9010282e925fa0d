package storage_test

import (
	"encoding/binary"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"quotabot/quota"
	"quotabot/storage"
)

func termKeyOf(t quota.Term, org string) []byte {
	k := make([]byte, 4+len(org))
	binary.BigEndian.PutUint16(k, uint16(t.From))
	binary.BigEndian.PutUint16(k[2:], uint16(t.To))
	copy(k[4:], org)
	return k
}

// TestOpenMigratesSchema12FiguresToCompact opens a file whose quota
// records and imported totals are JSON, as before schema 13, and checks
// that every one reads back as it was, decisions and history included,
// that the figures made of them are the same, and that none is left in
// JSON.
func TestOpenMigratesSchema12FiguresToCompact(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quotabot.db")
	db, err := storage.Open(path, storage.Options{})
	require.NoError(t, err)
	zone, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	require.NoError(t, err)
	at := time.Date(2026, 1, 12, 8, 30, 0, 0, zone)
	term := quota.Term{From: 2026, To: 2030}
	update(t, db, func(tx *storage.Tx) error {
		for _, code := range []string{"DU_A", "CB_01", "CB_02"} {
			parent := "DU_A"
			if code == "DU_A" {
				parent = ""
			}
			if _, err := tx.PutOrg(quota.Org{Code: code, Name: "Chi bộ " + code, Parent: parent}); err != nil {
				return err
			}
		}
		for _, v := range []quota.QuotaValue{
			{Quota: 100, Decision: dec2323, SetAt: at, SetBy: 1},
			{Quota: 110, Decision: quota.Decision{Number: "150-NQ/ĐU (điều chỉnh)", Date: day(5, 3, 2021)}, SetAt: at.Add(time.Hour), SetBy: 2},
		} {
			if _, err := tx.SetTermQuota("DU_A", term, v); err != nil {
				return err
			}
		}
		if _, err := tx.SetTermQuota("CB_01", term, quota.QuotaValue{Quota: 30}); err != nil {
			return err
		}
		if _, err := tx.SetYearQuota(2026, "CB_01", quota.QuotaValue{Quota: 6, Decision: dec150, SetAt: at}); err != nil {
			return err
		}
		if _, err := tx.SetYearQuota(2026, "CB_01", quota.QuotaValue{Quota: 8, Decision: quota.Decision{Number: "9-QĐ", Date: day(1, 6, 2026)}}); err != nil {
			return err
		}
		if _, err := tx.SetQuota(2026, "CB_02", 4); err != nil {
			return err
		}
		for y := 2019; y <= 2024; y++ {
			for i, code := range []string{"CB_01", "CB_02"} {
				p := quota.PastTotal{Org: code, Year: y, Admitted: y - 2018 + i, Source: "so-lieu.xlsx:B" + code, ImportedBy: 7, ImportedAt: at}
				if _, err := tx.SetPastTotal(p); err != nil {
					return err
				}
			}
		}
		_, err := tx.SetPastTotal(quota.PastTotal{Year: 2018, Admitted: 320, Source: "Báo cáo tổng kết"})
		return err
	})
	add(t, db, quota.Admission{Org: "CB_02", Name: "Nguyễn Văn An", Date: day(10, 3, 2024), ReportedBy: 7})

	// What the schema 12 code read, and the JSON it wrote of it.
	type figures struct {
		termA, termB, yearly, yearlyB quota.QuotaRecord
		totals                        map[int][]quota.PastTotal
		years                         []quota.YearCount
		term                          quota.TermPlan
		termAdmitted                  int
	}
	read := func(db *storage.DB) figures {
		var f figures
		view(t, db, func(tx *storage.Tx) error {
			var err error
			f.termA, err = tx.TermQuota("DU_A", term)
			require.NoError(t, err)
			f.termB, err = tx.TermQuota("CB_01", term)
			require.NoError(t, err)
			f.yearly, err = tx.YearQuota(2026, "CB_01")
			require.NoError(t, err)
			f.yearlyB, err = tx.YearQuota(2026, "CB_02")
			require.NoError(t, err)
			f.totals = map[int][]quota.PastTotal{}
			for _, y := range tx.PastTotalYears() {
				require.NoError(t, tx.EachPastTotal(y, func(p quota.PastTotal) error {
					f.totals[y] = append(f.totals[y], p)
					return nil
				}))
			}
			f.years, err = tx.YearCounts(nil, quota.Term{From: 2018, To: 2024})
			require.NoError(t, err)
			f.term, _, err = tx.TermPlan([]string{"DU_A", "CB_01", "CB_02"}, term)
			require.NoError(t, err)
			f.termAdmitted, err = tx.TermAdmitted([]string{"CB_01", "CB_02"}, quota.Term{From: 2019, To: 2024}, day(31, 12, 2024))
			require.NoError(t, err)
			return nil
		})
		return f
	}
	before := read(db)
	require.Len(t, before.termA.History, 1)
	require.Len(t, before.yearly.History, 1)
	require.Len(t, before.totals, 7)
	require.NoError(t, db.Close())

	jsonOf := func(v any) []byte {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		return b
	}
	oldRecords := 0
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		put := func(bucket string, k []byte, v any) {
			require.NoError(t, tx.Bucket([]byte(bucket)).Put(k, jsonOf(v)))
			oldRecords++
		}
		put("term_quotas", termKeyOf(term, "DU_A"), before.termA)
		put("term_quotas", termKeyOf(term, "CB_01"), before.termB)
		put("quota_records", tallyKey(2026, "CB_01"), before.yearly)
		// CB_02's yearly quota stays compact: a record already in the new
		// form is kept as it is.
		for y, ps := range before.totals {
			for _, p := range ps {
				put("past_totals", tallyKey(y, p.Org), p)
			}
		}
		return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), be8(12))
	})
	require.Equal(t, 3+6*2+1, oldRecords)
	assert.Len(t, jsonRecords(t, path), oldRecords, "the file is in the old layout")

	db = openAt(t, path)
	backups, err := filepath.Glob(path + ".schema12-*.bak")
	require.NoError(t, err)
	assert.Len(t, backups, 1, "a copy is kept before upgrading")
	assert.Empty(t, db.Check())
	after := read(db)
	// Times come back as the same instants; their JSON says so exactly.
	assert.JSONEq(t, string(jsonOf(before.termA)), string(jsonOf(after.termA)))
	assert.JSONEq(t, string(jsonOf(before.termB)), string(jsonOf(after.termB)))
	assert.JSONEq(t, string(jsonOf(before.yearly)), string(jsonOf(after.yearly)))
	assert.JSONEq(t, string(jsonOf(before.yearlyB)), string(jsonOf(after.yearlyB)))
	assert.JSONEq(t, string(jsonOf(before.totals)), string(jsonOf(after.totals)))
	assert.Equal(t, "150-NQ/ĐU (điều chỉnh)", after.termA.Current.Decision.Number)
	assert.Equal(t, before.years, after.years)
	assert.Equal(t, before.term, after.term)
	assert.Equal(t, before.termAdmitted, after.termAdmitted)
	assert.Equal(t, 320, after.years[0].Admitted, "the committee's own total of 2018")

	// A change after the upgrade keeps the history.
	update(t, db, func(tx *storage.Tx) error {
		_, err := tx.SetTermQuota("DU_A", term, quota.QuotaValue{Quota: 120, Decision: quota.Decision{Number: "200-NQ/ĐU", Date: day(1, 2, 2027)}})
		return err
	})
	view(t, db, func(tx *storage.Tx) error {
		rec, err := tx.TermQuota("DU_A", term)
		require.NoError(t, err)
		assert.Equal(t, 120, rec.Current.Quota)
		require.Len(t, rec.History, 2)
		assert.JSONEq(t, string(jsonOf(before.termA.History[0])), string(jsonOf(rec.History[0])))
		assert.JSONEq(t, string(jsonOf(before.termA.Current)), string(jsonOf(rec.History[1])))
		return nil
	})
	assert.Empty(t, db.Check())
	require.NoError(t, db.Close())
	assert.Empty(t, jsonRecords(t, path), "no record is left in JSON")
}

// jsonRecords are the buckets of the quota records and imported totals
// still in the JSON of the schemas before 13, once per record.
func jsonRecords(t *testing.T, path string) []string {
	t.Helper()
	var jsonLeft []string
	b, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: true})
	require.NoError(t, err)
	defer b.Close()
	require.NoError(t, b.View(func(tx *bolt.Tx) error {
		for _, name := range []string{"term_quotas", "quota_records", "past_totals"} {
			require.NoError(t, tx.Bucket([]byte(name)).ForEach(func(k, v []byte) error {
				if len(v) > 0 && v[0] == '{' {
					jsonLeft = append(jsonLeft, name)
				}
				return nil
			}))
		}
		return nil
	}))
	return jsonLeft
}
