package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"quotabot/quota"
	"quotabot/storage"
)

// opsSetup makes a database with CB_01 and the named admissions, and a
// configuration pointing at it; it returns the folder, the database and
// the configuration paths.
func opsSetup(t *testing.T, names ...string) (dir, dbPath, cfgPath string) {
	t.Helper()
	dir = t.TempDir()
	dbPath = filepath.Join(dir, "data", "quotabot.db")
	seed(t, dbPath, func(tx *storage.Tx) error {
		if err := addOrg(tx, "CB_01", 2026, 10); err != nil {
			return err
		}
		return admitNames(tx, names...)
	})
	cfgPath = writeConfig(t, dir, fmt.Sprintf("storage:\n  path: %q\nlog:\n  level: error\n", dbPath))
	return dir, dbPath, cfgPath
}

func admitNames(tx *storage.Tx, names ...string) error {
	for _, n := range names {
		a := quota.Admission{Org: "CB_01", Name: n, Date: quota.Date{Year: 2026, Month: time.June, Day: 15}, ReportedBy: 7, ReportedAt: time.Now()}
		if err := tx.AddAdmission(&a); err != nil {
			return err
		}
	}
	return nil
}

// admittedIn reads CB_01's 2026 count from a closed database file.
func admittedIn(t *testing.T, path string) int {
	t.Helper()
	db, err := storage.Open(path, storage.Options{LockTimeout: time.Second})
	require.NoError(t, err)
	defer func() { require.NoError(t, db.Close()) }()
	var n int
	require.NoError(t, db.View(func(tx *storage.Tx) error { n = tx.Tally(2026, "CB_01").Admitted; return nil }))
	return n
}

func TestBackupCommandThenCheck(t *testing.T) {
	dir, _, cfg := opsSetup(t, "Nguyễn Văn An", "Trần Thị Bình")
	out := filepath.Join(dir, "copies", "manual.db")

	code, stdout, errOut := runCLI(t, "", "backup", "-config", cfg, "-o", out)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, out)
	assert.Equal(t, 2, admittedIn(t, out))

	code, stdout, errOut = runCLI(t, "", "check", out)
	assert.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, out+": ok")

	code, stdout, errOut = runCLI(t, "", "check", "-config", cfg)
	assert.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, ": ok")
}

func TestBackupCommandUsage(t *testing.T) {
	_, _, cfg := opsSetup(t)
	code, _, errOut := runCLI(t, "", "backup", "-config", cfg)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "-o")
}

func TestBackupCommandWhileRunning(t *testing.T) {
	dir, dbPath, cfg := opsSetup(t, "Nguyễn Văn An")
	held, err := storage.Open(dbPath, storage.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = held.Close() })

	out := filepath.Join(dir, "manual.db")
	code, _, errOut := runCLI(t, "", "backup", "-config", cfg, "-o", out)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "another quotabot holds the database file")
	assert.Contains(t, errOut, filepath.Join(dir, "data", "backups"), "the message must say where the scheduled backups are")
	assert.Contains(t, errOut, "schedule.backups")
	assert.NoFileExists(t, out)
}

func TestRestoreCommandThenCheck(t *testing.T) {
	dir, dbPath, cfg := opsSetup(t, "Nguyễn Văn An", "Trần Thị Bình")
	backup := filepath.Join(dir, "copy.db")
	code, _, errOut := runCLI(t, "", "backup", "-config", cfg, "-o", backup)
	require.Equal(t, 0, code, errOut)

	// Work goes on after the backup, then is lost.
	seed(t, dbPath, func(tx *storage.Tx) error { return admitNames(tx, "Lê Văn Cường") })
	require.Equal(t, 3, admittedIn(t, dbPath))

	code, stdout, errOut := runCLI(t, "", "restore", "-config", cfg, "-yes", backup)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, "quotabot check")
	assert.Equal(t, 2, admittedIn(t, dbPath))
	// The replaced database is kept, dated, and holds the lost work.
	kept, err := filepath.Glob(filepath.Join(dir, "data", "quotabot-replaced-*.db"))
	require.NoError(t, err)
	require.Len(t, kept, 1)
	assert.Contains(t, stdout, kept[0])
	assert.Equal(t, 3, admittedIn(t, kept[0]))

	code, stdout, errOut = runCLI(t, "", "check", "-config", cfg)
	assert.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, dbPath+": ok")
}

func TestRestoreCommandRefuses(t *testing.T) {
	dir, dbPath, cfg := opsSetup(t, "Nguyễn Văn An")
	backup := filepath.Join(dir, "copy.db")
	code, _, errOut := runCLI(t, "", "backup", "-config", cfg, "-o", backup)
	require.Equal(t, 0, code, errOut)
	seed(t, dbPath, func(tx *storage.Tx) error { return admitNames(tx, "Trần Thị Bình") })

	t.Run("not a database", func(t *testing.T) {
		garbage := filepath.Join(dir, "garbage.db")
		require.NoError(t, os.WriteFile(garbage, bytes.Repeat([]byte("junk"), 4096), 0o600))
		code, _, errOut := runCLI(t, "", "restore", "-config", cfg, "-yes", garbage)
		assert.Equal(t, exitRefused, code)
		assert.Contains(t, errOut, "not a quotabot database")
		assert.Equal(t, 2, admittedIn(t, dbPath))
	})
	t.Run("while running", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			held, err := storage.Open(dbPath, storage.Options{})
			require.NoError(t, err)
			code, _, errOut := runCLI(t, "", "restore", "-config", cfg, "-yes", backup)
			require.NoError(t, held.Close())
			assert.Equal(t, 1, code)
			assert.Contains(t, errOut, "stop quotabot")
			assert.Equal(t, 2, admittedIn(t, dbPath))
		})
	})
	t.Run("no file given", func(t *testing.T) {
		code, _, _ := runCLI(t, "", "restore", "-config", cfg)
		assert.Equal(t, 2, code)
	})
	t.Run("unconfirmed in a script", func(t *testing.T) {
		code, _, errOut := runCLI(t, "y\n", "restore", "-config", cfg, backup)
		assert.Equal(t, 2, code, "a script must say -yes; piped input is no confirmation")
		assert.Contains(t, errOut, "-yes")
		assert.Equal(t, 2, admittedIn(t, dbPath))
		kept, _ := filepath.Glob(filepath.Join(dir, "data", "quotabot-replaced-*.db"))
		assert.Empty(t, kept)
	})
}

func TestCheckCommandFailures(t *testing.T) {
	dir, dbPath, cfg := opsSetup(t, "Nguyễn Văn An", "Trần Thị Bình")

	t.Run("garbage", func(t *testing.T) {
		garbage := filepath.Join(dir, "garbage.db")
		require.NoError(t, os.WriteFile(garbage, bytes.Repeat([]byte("junk"), 4096), 0o600))
		code, _, errOut := runCLI(t, "", "check", garbage)
		assert.Equal(t, exitRefused, code)
		assert.Contains(t, errOut, "not a quotabot database")
	})
	t.Run("missing file", func(t *testing.T) {
		missing := filepath.Join(dir, "missing.db")
		code, _, _ := runCLI(t, "", "check", missing)
		assert.Equal(t, 1, code)
		assert.NoFileExists(t, missing, "check must not create a database")
	})
	t.Run("no argument", func(t *testing.T) {
		code, _, _ := runCLI(t, "", "check")
		assert.Equal(t, 2, code)
	})
	t.Run("wrong counts", func(t *testing.T) {
		b, err := bolt.Open(dbPath, 0o600, &bolt.Options{Timeout: time.Second})
		require.NoError(t, err)
		require.NoError(t, b.Update(func(tx *bolt.Tx) error {
			// The pack of 2026's tallies, which holds CB_01's alone.
			return tx.Bucket([]byte("tallies")).Delete([]byte{0x07, 0xea})
		}))
		require.NoError(t, b.Close())
		code, stdout, errOut := runCLI(t, "", "check", "-config", cfg)
		assert.Equal(t, 1, code)
		assert.Contains(t, stdout, "problem:")
		assert.Contains(t, stdout, "CB_01")
		assert.Contains(t, errOut, "1 problems")
	})
}

// check while the bot runs says so, rather than calling the file foreign.
func TestCheckCommandWhileRunning(t *testing.T) { synctest.Test(t, testCheckCommandWhileRunning) }

func testCheckCommandWhileRunning(t *testing.T) {
	_, dbPath, cfg := opsSetup(t, "Nguyễn Văn An")
	held, err := storage.Open(dbPath, storage.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = held.Close() })
	code, _, errOut := runCLI(t, "", "check", "-config", cfg)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "another quotabot holds the database file")
	assert.NotContains(t, errOut, "not a quotabot database")
}
