package main

import (
	be "encoding/binary"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"quotabot/quota"
	"quotabot/storage"
)

// A command that opens a file of an older schema upgrades it and says so
// on stderr, with where the copy of the old file is and the size it has
// now; the export then reads the upgraded file.
func TestUpgradeIsTold(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "quotabot.db")
	seed(t, dbPath, func(tx *storage.Tx) error {
		if err := addOrg(tx, "CB_01", 2026, 12); err != nil {
			return err
		}
		return tx.AddAdmission(&quota.Admission{Org: "CB_01", Name: "Nguyễn Văn Hùng", Date: quota.Date{Year: 2026, Month: 3, Day: 2}, ReportedBy: 7})
	})
	raw, err := bolt.Open(dbPath, 0o600, nil)
	require.NoError(t, err)
	require.NoError(t, raw.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), be.BigEndian.AppendUint64(nil, storage.SchemaVersion-1))
	}))
	require.NoError(t, raw.Close())
	cfg := writeConfig(t, dir, "storage:\n  path: "+dbPath+"\n")

	code, _, stderr := runCLI(t, "", "export", "-config", cfg, "-year", "2026", "-o", filepath.Join(dir, "first.csv"))
	require.Equal(t, 0, code, stderr)
	backups, err := filepath.Glob(dbPath + ".schema*.bak")
	require.NoError(t, err)
	require.Len(t, backups, 1)
	assert.Contains(t, stderr, "database upgraded")
	assert.Contains(t, stderr, fmt.Sprintf("from_schema=%d to_schema=%d", storage.SchemaVersion-1, storage.SchemaVersion))
	assert.Contains(t, stderr, "copy_of_the_old_file="+backups[0])
	assert.Regexp(t, `size="[0-9.]+ (KB|MB)"`, stderr)

	got := exportedAdmitted(t, dir, cfg, "2026")
	assert.Equal(t, "1", got["CB_01"], "the upgraded file reads")
	code, _, stderr = runCLI(t, "", "export", "-config", cfg, "-year", "2026", "-o", filepath.Join(dir, "again.csv"))
	require.Equal(t, 0, code, stderr)
	assert.NotContains(t, stderr, "database upgraded", "a current file is not upgraded again")
}
