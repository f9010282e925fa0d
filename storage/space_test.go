package storage_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
	"quotabot/storage"
)

// Admissions reported one by one, each in its own transaction as the chat
// records them, fill the pages of the buckets whose keys only grow
// instead of leaving each half empty.
func TestGrowingBucketsFillTheirPages(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "quotabot.db"), storage.Options{NoSync: true})
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	const n = 3000
	for i := range n {
		update(t, db, func(tx *storage.Tx) error {
			a := quota.Admission{Org: fmt.Sprintf("CB_%02d", i%40), Name: fmt.Sprintf("Nguyễn Văn An %d", i),
				Date: quota.Date{Year: 2026, Month: 3, Day: 1 + i%28}, Decision: "12-QĐ/ĐU", ReportedBy: int64(100 + i%40),
				ReportedAt: time.Date(2026, 3, 29, 9, 0, 0, 0, time.UTC)}
			if err := tx.AddAdmission(&a); err != nil {
				return err
			}
			return tx.AddAudit(storage.AuditEntry{What: "report", ID: a.ID, Org: a.Org, By: a.ReportedBy, At: a.ReportedAt})
		})
	}
	buckets, _, err := db.Space()
	require.NoError(t, err)
	fill := map[string]storage.BucketSpace{}
	for _, b := range buckets {
		fill[b.Name] = b
	}
	for _, name := range []string{"admissions", "audit"} {
		assert.Equal(t, n, fill[name].Keys, name)
		assert.Greater(t, fill[name].FillRatio, 0.85, "%s: %d pages for %d bytes", name, fill[name].Pages, fill[name].InUse)
	}
	// A bucket of random keys keeps bbolt's even split.
	assert.Less(t, fill["adm_by_org"].FillRatio, 0.85)
	count := 0
	view(t, db, func(tx *storage.Tx) error {
		return tx.EachAdmission(func(quota.Admission) error { count++; return nil })
	})
	assert.Equal(t, n, count, "every admission reads back")
}

// A sorted load into buckets of arbitrary keys, as an import of the
// organizations in code order or a registration of many users makes,
// fills their pages; a single insert in the middle afterwards keeps
// bbolt's even split.
func TestSortedLoadFillsPages(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "quotabot.db"), storage.Options{NoSync: true})
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	const n = 5000
	update(t, db, func(tx *storage.Tx) error {
		// The parents first, whose codes sort after their children's.
		for i := range 20 {
			if _, err := tx.PutOrg(quota.Org{Code: fmt.Sprintf("DB_%02d", i), Name: "Đảng bộ"}); err != nil {
				return err
			}
		}
		for i := range n {
			code := fmt.Sprintf("CB_%05d", 2*i)
			if _, err := tx.PutOrg(quota.Org{Code: code, Name: "Chi bộ " + code}); err != nil {
				return err
			}
			if _, err := tx.SetQuota(2026, code, 5); err != nil {
				return err
			}
			if _, err := tx.PutUser(quota.User{ID: int64(1000 + 2*i), Role: quota.RoleSecretary, Orgs: []string{code}}); err != nil {
				return err
			}
		}
		return nil
	})
	fill := func() map[string]storage.BucketSpace {
		buckets, _, err := db.Space()
		require.NoError(t, err)
		m := map[string]storage.BucketSpace{}
		for _, b := range buckets {
			m[b.Name] = b
		}
		return m
	}
	loaded := fill()
	assert.Equal(t, n+20, loaded["orgs"].Keys)
	for _, name := range []string{"orgs", "tallies", "quota_records", "users"} {
		assert.Greater(t, loaded[name].FillRatio, 0.85, name)
	}
	// Codes in between, one per transaction: each page they land on
	// splits evenly, and every record reads back.
	for i := range 50 {
		update(t, db, func(tx *storage.Tx) error {
			_, err := tx.PutOrg(quota.Org{Code: fmt.Sprintf("CB_%05d", 200*i+1), Name: "Chi bộ mới"})
			return err
		})
	}
	assert.Equal(t, n+20+50, fill()["orgs"].Keys)
	view(t, db, func(tx *storage.Tx) error {
		o, err := tx.Org("CB_04801")
		require.NoError(t, err)
		assert.Equal(t, "Chi bộ mới", o.Name)
		u, err := tx.User(1000 + 2*(n-1))
		require.NoError(t, err)
		assert.Equal(t, []string{fmt.Sprintf("CB_%05d", 2*(n-1))}, u.Orgs)
		return nil
	})
}
