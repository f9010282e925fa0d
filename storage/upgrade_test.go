package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
)

// olderFile writes a database of 3,000 users and as many admissions, then
// lays its users out as schema 9 did (JSON), so that opening it upgrades
// the file and rewrites its users.
func olderFile(t *testing.T) (path string, users int) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "quotabot.db")
	db, err := Open(path, Options{NoSync: true})
	require.NoError(t, err)
	const n = 3000
	at := time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC)
	records := map[string]string{}
	require.NoError(t, db.Update(func(tx *Tx) error {
		if _, err := tx.PutOrg(quota.Org{Code: "CB_01", Name: "Chi bộ 01"}); err != nil {
			return err
		}
		for i := range n {
			u := quota.User{ID: int64(1000 + i), Role: quota.RoleSecretary, Orgs: []string{"CB_01"},
				Name: fmt.Sprintf("Nguyễn Văn %d", i), Lang: "vi", ChatID: int64(1000 + i), RegisteredAt: at}
			if _, err := tx.PutUser(u); err != nil {
				return err
			}
			records[string(i64(u.ID))] = userJSON(t, u)
			a := quota.Admission{Org: "CB_01", Name: fmt.Sprintf("Trần Thị %d", i), Date: quota.Date{Year: 2026, Month: 3, Day: 2},
				ReportedBy: u.ID, ReportedAt: at}
			if err := tx.AddAdmission(&a); err != nil {
				return err
			}
		}
		return nil
	}))
	require.NoError(t, db.Close())
	asJSONBefore(t, path, 9, bucketUsers, records)
	return path, n
}

// An upgraded file is written anew without the pages the upgrade freed,
// and reads back whole: every user, every admission, the numbering of
// the next one, the lock on the file.
func TestOpenCompactsAnUpgradedFile(t *testing.T) {
	path, n := olderFile(t)
	db, err := Open(path, Options{})
	require.NoError(t, err)
	defer db.Close()

	up := db.Upgraded()
	require.NotNil(t, up)
	assert.Equal(t, 9, up.From)
	assert.Equal(t, SchemaVersion, up.To)
	require.NoError(t, up.CompactErr)
	assert.Less(t, up.SizeAfter, up.SizeBefore, "compacted: %d bytes against %d", up.SizeAfter, up.SizeBefore)
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, up.SizeAfter, fi.Size())
	assert.FileExists(t, up.Backup)
	assert.NoFileExists(t, path+".compacting")

	assert.Empty(t, db.Check())
	users := 0
	require.NoError(t, db.View(func(tx *Tx) error {
		return tx.EachUser(func(quota.User) error { users++; return nil })
	}))
	assert.Equal(t, n, users)
	a := quota.Admission{Org: "CB_01", Name: "Lê Văn Mới", Date: quota.Date{Year: 2026, Month: 3, Day: 3}, ReportedBy: 1000}
	require.NoError(t, db.Update(func(tx *Tx) error { return tx.AddAdmission(&a) }))
	assert.Equal(t, uint64(n+1), a.ID, "the numbering goes on after the compact copy")
	require.NoError(t, db.View(func(tx *Tx) error {
		assert.Equal(t, n+1, tx.Tally(2026, "CB_01").Admitted)
		last, err := tx.LastCountingAdmissionBy(1000)
		require.NoError(t, err)
		assert.Equal(t, "Lê Văn Mới", last.Name)
		return nil
	}))

	_, err = Open(path, Options{LockTimeout: 50 * time.Millisecond})
	require.ErrorIs(t, err, ErrLocked, "the compact file is held as the old one was")
	assert.Nil(t, reopen(t, db, path).Upgraded(), "a current file is not upgraded again")
}

// When the copy cannot be written, the upgraded file stays as it is,
// whole, and Upgraded says why it was not compacted.
func TestOpenKeepsTheUpgradedFileWhenTheCopyFails(t *testing.T) {
	path, n := olderFile(t)
	// A folder where the copy would go: it can be neither removed nor opened as a file.
	require.NoError(t, os.MkdirAll(filepath.Join(path+".compacting", "in-the-way"), 0o750))
	db, err := Open(path, Options{})
	require.NoError(t, err)
	defer db.Close()
	up := db.Upgraded()
	require.NotNil(t, up)
	require.Error(t, up.CompactErr)
	assert.Equal(t, up.SizeBefore, up.SizeAfter)
	assert.Empty(t, db.Check())
	users := 0
	require.NoError(t, db.View(func(tx *Tx) error {
		return tx.EachUser(func(quota.User) error { users++; return nil })
	}))
	assert.Equal(t, n, users)
	var pathErr *os.PathError
	assert.True(t, errors.As(up.CompactErr, &pathErr), "%v", up.CompactErr)
}

// reopen closes db and opens path again.
func reopen(t *testing.T, db *DB, path string) *DB {
	t.Helper()
	require.NoError(t, db.Close())
	again, err := Open(path, Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = again.Close() })
	return again
}
