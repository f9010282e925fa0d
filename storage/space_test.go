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
	assert.Less(t, fill["adm_by_user"].FillRatio, 0.85)
	count := 0
	view(t, db, func(tx *storage.Tx) error {
		return tx.EachAdmission(func(quota.Admission) error { count++; return nil })
	})
	assert.Equal(t, n, count, "every admission reads back")
}
