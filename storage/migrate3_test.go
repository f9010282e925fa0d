package storage_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"quotabot/quota"
	"quotabot/storage"
)

// schema2Buckets are the buckets schema 2 added to schema 1's.
var schema2Buckets = []string{"keys_by_time", "candidates", "cand_by_org", "cand_dedupe", "pipeline", "probation", "prob_by_org", "audit"}

// writeSchema2 builds a database file as a schema 2 quotabot wrote it:
// schema 1's buckets and records, schema 2's buckets, and the probation
// index of the counting admissions, with no quota records, term quotas
// or imported totals.
func writeSchema2(t *testing.T, path string) (map[string]int, []quota.Admission) {
	t.Helper()
	orgs, quotas, adms := schema1Fixture()
	writeSchema1(t, path, 2, orgs, quotas, adms)
	b, err := bolt.Open(path, 0o600, nil)
	require.NoError(t, err)
	defer b.Close()
	require.NoError(t, b.Update(func(tx *bolt.Tx) error {
		for _, name := range schema2Buckets {
			if _, err := tx.CreateBucket([]byte(name)); err != nil {
				return err
			}
		}
		for i, a := range adms {
			if a.Retracted {
				continue
			}
			k := append(be4(a.ProbationEnd().Key()), be8(uint64(i+1))...)
			if err := tx.Bucket([]byte("probation")).Put(k, nil); err != nil {
				return err
			}
			if err := tx.Bucket([]byte("prob_by_org")).Put(append([]byte(a.Org+"\x00"), k...), nil); err != nil {
				return err
			}
		}
		return nil
	}))
	return quotas, adms
}

func TestOpenMigratesSchema2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quotabot.db")
	quotas, _ := writeSchema2(t, path)
	v, err := storage.Inspect(path)
	require.NoError(t, err)
	require.Equal(t, 2, v)

	db := openAt(t, path)
	assert.Empty(t, db.Check(), "the upgraded file is consistent")
	backups, err := filepath.Glob(path + ".schema2-*.bak")
	require.NoError(t, err)
	assert.Len(t, backups, 1, "a copy is kept before upgrading")

	// Every yearly quota now has a record holding its value, so the first
	// decision that changes it keeps the old value in the history.
	view(t, db, func(tx *storage.Tx) error {
		for code, n := range quotas {
			rec, err := tx.YearQuota(2026, code)
			require.NoError(t, err, code)
			assert.Equal(t, quota.QuotaRecord{Org: code, Year: 2026, Current: quota.QuotaValue{Quota: n}}, rec)
		}
		_, err := tx.YearQuota(2025, "CB_01")
		assert.ErrorIs(t, err, storage.ErrNotFound, "a year with admissions but no quota has no record")
		assert.Empty(t, tx.Terms())
		assert.Empty(t, tx.PastTotalYears())
		return nil
	})
	d := quota.Decision{Number: "2323-QĐ/ĐUK", Date: day(11, 4, 2026)}
	update(t, db, func(tx *storage.Tx) error {
		ch, err := tx.SetYearQuota(2026, "CB_01", quota.QuotaValue{Quota: 12, Decision: d})
		require.NoError(t, err)
		assert.Equal(t, quota.QuotaSet, ch)
		_, err = tx.SetTermQuota("CB_01", quota.Term{From: 2026, To: 2030}, quota.QuotaValue{Quota: 50, Decision: d})
		require.NoError(t, err)
		_, err = tx.SetPastTotal(quota.PastTotal{Org: "CB_01", Year: 2018, Admitted: 4})
		return err
	})
	require.NoError(t, db.Close())
	v, err = storage.Inspect(path)
	require.NoError(t, err)
	assert.Equal(t, storage.SchemaVersion, v)

	db = openAt(t, path)
	view(t, db, func(tx *storage.Tx) error {
		rec, err := tx.YearQuota(2026, "CB_01")
		require.NoError(t, err)
		assert.Equal(t, quota.QuotaValue{Quota: 12, Decision: d}, rec.Current)
		assert.Equal(t, []quota.QuotaValue{{Quota: 10}}, rec.History, "the migrated value is the history")
		assert.Equal(t, quota.Tally{Quota: 12}, tx.Tally(2026, "CB_01"))
		assert.Equal(t, quota.Tally{Quota: 5, Admitted: 1}, tx.Tally(2026, "CB_02"), "other tallies are intact")
		tq, err := tx.TermQuota("CB_01", quota.Term{From: 2026, To: 2030})
		require.NoError(t, err)
		assert.Equal(t, 50, tq.Current.Quota)
		c, err := tx.YearCount(2018, "CB_01")
		require.NoError(t, err)
		assert.Equal(t, quota.YearCount{Year: 2018, Admitted: 4, Source: quota.CountTotal, IgnoredTotal: -1}, c)
		return nil
	})
	assert.Empty(t, db.Check())
	backups, err = filepath.Glob(path + ".schema2-*.bak")
	require.NoError(t, err)
	assert.Len(t, backups, 1, "opening again copies nothing more")
}
