package storage_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"quotabot/quota"
	"quotabot/storage"
)

// admit records one admission in its own transaction.
func admit(t testing.TB, db *storage.DB, org, name string) {
	t.Helper()
	err := db.Update(func(tx *storage.Tx) error {
		return tx.AddAdmission(&quota.Admission{Org: org, Name: name, Date: day(15, 6, 2026), ReportedBy: 7, ReportedAt: time.Now()})
	})
	if err != nil {
		t.Errorf("admitting %s: %v", name, err)
	}
}

func addOrg(t testing.TB, db *storage.DB, code string, quotaN int) {
	t.Helper()
	require.NoError(t, db.Update(func(tx *storage.Tx) error {
		if _, err := tx.PutOrg(quota.Org{Code: code, Name: "Chi bộ " + code}); err != nil {
			return err
		}
		_, err := tx.SetQuota(2026, code, quotaN)
		return err
	}))
}

// counting is the number of admissions in org that count.
func counting(t testing.TB, db *storage.DB, org string) int {
	t.Helper()
	n := 0
	require.NoError(t, db.View(func(tx *storage.Tx) error {
		return tx.EachAdmission(func(a quota.Admission) error {
			if a.Org == org && !a.Retracted {
				n++
			}
			return nil
		})
	}))
	return n
}

func tally(t testing.TB, db *storage.DB, org string) quota.Tally {
	t.Helper()
	var got quota.Tally
	require.NoError(t, db.View(func(tx *storage.Tx) error { got = tx.Tally(2026, org); return nil }))
	return got
}

// noPartials asserts that no temporary file was left in dir.
func noPartials(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		assert.NotContains(t, e.Name(), ".partial", "a half-written file was left behind")
	}
}

func TestBackupWhileWriting(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "quotabot.db"), storage.Options{NoSync: true})
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	addOrg(t, db, "CB_01", 100000)
	addOrg(t, db, "CB_02", 100000)

	const writers = 4
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var written atomic.Int64
	started := make(chan struct{}, writers)
	for w := range writers {
		wg.Go(func() {
			org := []string{"CB_01", "CB_02"}[w%2]
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				admit(t, db, org, fmt.Sprintf("Writer %d person %d", w, i))
				// Some are retracted, so the copy has both kinds.
				if i%5 == 4 {
					err := db.Update(func(tx *storage.Tx) error {
						a, err := tx.LastCountingAdmissionBy(7)
						if err != nil {
							return err
						}
						_, err = tx.Retract(a.ID, 7, time.Now())
						return err
					})
					if !assert.NoError(t, err) {
						return
					}
				}
				written.Add(1)
				if i == 50 {
					started <- struct{}{}
				}
			}
		})
	}
	for range writers {
		<-started
	}
	dir := filepath.Join(t.TempDir(), "backups")
	var copies []string
	for i := range 3 {
		path, err := db.BackupTo(dir, time.Date(2026, 6, 15, 10, i, 0, 0, time.UTC), 5)
		require.NoError(t, err)
		copies = append(copies, path)
	}
	close(stop)
	wg.Wait()
	total := written.Load()
	noPartials(t, dir)

	for _, path := range copies {
		v, err := storage.Inspect(path)
		require.NoError(t, err)
		assert.Equal(t, storage.SchemaVersion, v)
		c, err := storage.Open(path, storage.Options{})
		require.NoError(t, err)
		assert.Empty(t, c.Check(), "backup %s", filepath.Base(path))
		n := 0
		for _, org := range []string{"CB_01", "CB_02"} {
			got := tally(t, c, org)
			assert.Equal(t, counting(t, c, org), got.Admitted, "%s in %s", org, filepath.Base(path))
			assert.Equal(t, 100000, got.Quota)
			n += got.Admitted
		}
		assert.Positive(t, n)
		require.NoError(t, c.Close())
	}
	// The last copy is a moment of a database that went on growing.
	assert.Empty(t, db.Check())
	assert.Greater(t, total, int64(50*writers))
}

func TestBackupKeepsNewest(t *testing.T) {
	db := openDB(t)
	addOrg(t, db, "CB_01", 10)
	dir := filepath.Join(t.TempDir(), "nested", "backups")
	base := time.Date(2026, 6, 15, 2, 0, 0, 0, time.UTC)

	// Taken out of order, listed oldest first.
	for _, h := range []int{48, 0, 24} {
		_, err := db.BackupTo(dir, base.Add(time.Duration(h)*time.Hour), 0)
		require.NoError(t, err)
	}
	list, err := storage.Backups(dir)
	require.NoError(t, err)
	require.Len(t, list, 3)
	assert.Equal(t, "quotabot-20260615T020000Z.db", filepath.Base(list[0]))
	assert.Equal(t, "quotabot-20260616T020000Z.db", filepath.Base(list[1]))
	assert.Equal(t, "quotabot-20260617T020000Z.db", filepath.Base(list[2]))

	// Other files in the folder are neither listed nor pruned.
	other := filepath.Join(dir, "notes.txt")
	require.NoError(t, os.WriteFile(other, []byte("keep me"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".quotabot-x.db.partial-1"), nil, 0o600))
	list, err = storage.Backups(dir)
	require.NoError(t, err)
	assert.Len(t, list, 3)
	require.NoError(t, os.Remove(filepath.Join(dir, ".quotabot-x.db.partial-1")))

	var last string
	for h := 72; h <= 144; h += 24 {
		admit(t, db, "CB_01", fmt.Sprintf("Person %d", h))
		last, err = db.BackupTo(dir, base.Add(time.Duration(h)*time.Hour), 3)
		require.NoError(t, err)
	}
	list, err = storage.Backups(dir)
	require.NoError(t, err)
	require.Len(t, list, 3)
	assert.Equal(t, "quotabot-20260619T020000Z.db", filepath.Base(list[0]))
	assert.Equal(t, "quotabot-20260621T020000Z.db", filepath.Base(list[2]))
	assert.Equal(t, last, list[2])
	assert.FileExists(t, other)
	noPartials(t, dir)

	// The newest holds the newest data.
	c, err := storage.Open(last, storage.Options{})
	require.NoError(t, err)
	defer c.Close()
	assert.Equal(t, 4, tally(t, c, "CB_01").Admitted)
}

func TestBackupFileCreatesItsFolder(t *testing.T) {
	db := openDB(t)
	addOrg(t, db, "CB_01", 10)
	admit(t, db, "CB_01", "Nguyễn Văn An")
	path := filepath.Join(t.TempDir(), "a", "b", "copy.db")
	require.NoError(t, db.BackupFile(path))
	noPartials(t, filepath.Dir(path))
	c, err := storage.Open(path, storage.Options{})
	require.NoError(t, err)
	defer c.Close()
	assert.Equal(t, 1, tally(t, c, "CB_01").Admitted)
}

// A file a running quotabot holds is locked, not foreign.
func TestInspectHeldFile(t *testing.T) { synctest.Test(t, testInspectHeldFile) }

func testInspectHeldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quotabot.db")
	openAt(t, path)
	_, err := storage.Inspect(path)
	require.ErrorIs(t, err, storage.ErrLocked)
	assert.NotErrorIs(t, err, storage.ErrNotQuotabot)
}

func TestBackupsMissingFolder(t *testing.T) {
	_, err := storage.Backups(filepath.Join(t.TempDir(), "none"))
	assert.Error(t, err)
}

func TestInspect(t *testing.T) {
	dir := t.TempDir()
	db := openAt(t, filepath.Join(dir, "quotabot.db"))
	good := filepath.Join(dir, "good.db")
	require.NoError(t, db.BackupFile(good))
	v, err := storage.Inspect(good)
	require.NoError(t, err)
	assert.Equal(t, storage.SchemaVersion, v)

	garbage := filepath.Join(dir, "garbage.db")
	require.NoError(t, os.WriteFile(garbage, bytes.Repeat([]byte("not a database "), 2000), 0o600))
	_, err = storage.Inspect(garbage)
	assert.ErrorIs(t, err, storage.ErrNotQuotabot)

	empty := filepath.Join(dir, "empty.db")
	require.NoError(t, os.WriteFile(empty, nil, 0o600))
	_, err = storage.Inspect(empty)
	assert.ErrorIs(t, err, storage.ErrNotQuotabot)

	_, err = storage.Inspect(filepath.Join(dir, "missing.db"))
	assert.ErrorIs(t, err, storage.ErrNotQuotabot)
	assert.NoFileExists(t, filepath.Join(dir, "missing.db"), "inspecting must not create a file")

	// A bbolt file of some other program.
	other := filepath.Join(dir, "other.db")
	b, err := bolt.Open(other, 0o600, nil)
	require.NoError(t, err)
	require.NoError(t, b.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucket([]byte("sessions"))
		return err
	}))
	require.NoError(t, b.Close())
	_, err = storage.Inspect(other)
	assert.ErrorIs(t, err, storage.ErrNotQuotabot)

	// A quotabot file from a newer version.
	newer := filepath.Join(dir, "newer.db")
	require.NoError(t, db.BackupFile(newer))
	b, err = bolt.Open(newer, 0o600, nil)
	require.NoError(t, err)
	require.NoError(t, b.Update(func(tx *bolt.Tx) error {
		v := make([]byte, 8)
		v[7] = byte(storage.SchemaVersion + 1)
		return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), v)
	}))
	require.NoError(t, b.Close())
	v, err = storage.Inspect(newer)
	assert.ErrorIs(t, err, storage.ErrNotQuotabot)
	assert.Equal(t, storage.SchemaVersion+1, v)
}

// dataOf is the database's admitted count of CB_01, read from a closed
// file.
func dataOf(t *testing.T, path string) int {
	t.Helper()
	db, err := storage.Open(path, storage.Options{LockTimeout: 200 * time.Millisecond})
	require.NoError(t, err)
	defer func() { require.NoError(t, db.Close()) }()
	assert.Empty(t, db.Check())
	return tally(t, db, "CB_01").Admitted
}

// restoreSetup makes a backup holding 3 admissions of CB_01 and a live
// database holding 1, both closed.
func restoreSetup(t *testing.T) (backup, live string) {
	t.Helper()
	dir := t.TempDir()
	src, err := storage.Open(filepath.Join(dir, "source.db"), storage.Options{})
	require.NoError(t, err)
	addOrg(t, src, "CB_01", 10)
	for _, n := range []string{"An", "Bình", "Chi"} {
		admit(t, src, "CB_01", "Nguyễn Văn "+n)
	}
	backup, err = src.BackupTo(filepath.Join(dir, "backups"), time.Now(), 7)
	require.NoError(t, err)
	require.NoError(t, src.Close())

	live = filepath.Join(dir, "data", "quotabot.db")
	db, err := storage.Open(live, storage.Options{})
	require.NoError(t, err)
	addOrg(t, db, "CB_01", 10)
	admit(t, db, "CB_01", "Trần Thị Dung")
	require.NoError(t, db.Close())
	return backup, live
}

func TestRestore(t *testing.T) {
	backup, live := restoreSetup(t)
	require.Equal(t, 1, dataOf(t, live))
	require.NoError(t, storage.Restore(backup, live))
	assert.Equal(t, 3, dataOf(t, live))
	noPartials(t, filepath.Dir(live))

	// The backup itself is untouched and still usable.
	assert.Equal(t, 3, dataOf(t, backup))

	// Restoring to a place with no database yet creates it.
	fresh := filepath.Join(t.TempDir(), "new", "quotabot.db")
	require.NoError(t, storage.Restore(backup, fresh))
	assert.Equal(t, 3, dataOf(t, fresh))
}

func TestRestoreRefusesNotQuotabot(t *testing.T) {
	_, live := restoreSetup(t)
	before, err := os.ReadFile(live)
	require.NoError(t, err)

	garbage := filepath.Join(t.TempDir(), "garbage.db")
	require.NoError(t, os.WriteFile(garbage, []byte(strings.Repeat("x", 8192)), 0o600))
	err = storage.Restore(garbage, live)
	require.ErrorIs(t, err, storage.ErrNotQuotabot)

	after, err := os.ReadFile(live)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(before, after), "the database must be left as it was")
	assert.Equal(t, 1, dataOf(t, live))
	noPartials(t, filepath.Dir(live))
}

func TestRestoreRefusesWhileOpen(t *testing.T) { synctest.Test(t, testRestoreRefusesWhileOpen) }

func testRestoreRefusesWhileOpen(t *testing.T) {
	backup, live := restoreSetup(t)
	db, err := storage.Open(live, storage.Options{})
	require.NoError(t, err)
	err = storage.Restore(backup, live)
	require.ErrorIs(t, err, storage.ErrLocked)
	assert.Contains(t, err.Error(), "stop quotabot")
	assert.Equal(t, 1, tally(t, db, "CB_01").Admitted)
	assert.Empty(t, db.Check())
	require.NoError(t, db.Close())
	assert.Equal(t, 1, dataOf(t, live))
	noPartials(t, filepath.Dir(live))
}

// A database damaged beyond opening is what a restore is for.
func TestRestoreOverDamagedDatabase(t *testing.T) {
	backup, live := restoreSetup(t)
	require.NoError(t, os.WriteFile(live, bytes.Repeat([]byte{0xff}, 16384), 0o600))
	_, err := storage.Open(live, storage.Options{LockTimeout: 200 * time.Millisecond})
	require.Error(t, err)
	require.NoError(t, storage.Restore(backup, live))
	assert.Equal(t, 3, dataOf(t, live))
}
