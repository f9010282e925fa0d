package storage_test

import (
	"encoding/binary"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"quotabot/quota"
	"quotabot/storage"
)

// TestOpenMigratesSchema6DailyCounts opens a schema 6 file, which kept a
// daily count per organization beside the committee's, and checks that
// the upgrade drops the organizations' counts, keeps the committee's, and
// that an organization's days are still counted, before and after new
// admissions, a retraction and a correction of a date.
func TestOpenMigratesSchema6DailyCounts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quotabot.db")
	db, err := storage.Open(path, storage.Options{})
	require.NoError(t, err)
	update(t, db, func(tx *storage.Tx) error {
		for _, code := range []string{"CB_01", "CB_02"} {
			if _, err := tx.PutOrg(quota.Org{Code: code, Name: "Chi bộ " + code}); err != nil {
				return err
			}
		}
		return nil
	})
	adms := []quota.Admission{
		{Org: "CB_01", Name: "Nguyễn Văn An", Date: day(10, 3, 2025), ReportedBy: 7},
		{Org: "CB_01", Name: "Trần Thị Bình", Date: day(15, 6, 2025), ReportedBy: 7},
		{Org: "CB_01", Name: "Lê Văn Cường", Date: day(16, 6, 2025), ReportedBy: 7},
		{Org: "CB_01", Name: "Phạm Thị Dung", Date: day(1, 3, 2026), ReportedBy: 7},
		{Org: "CB_02", Name: "Võ Văn Em", Date: day(15, 6, 2025), ReportedBy: 8},
	}
	for i := range adms {
		adms[i] = add(t, db, adms[i])
	}
	require.NoError(t, db.Close())

	// The file as schema 6 left it: a count per organization and day
	// beside the committee's, and the duplicate keys in a bucket of
	// their own.
	committee := map[string]uint32{}
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		daily := tx.Bucket([]byte("daily"))
		for _, a := range adms {
			k := binary.BigEndian.AppendUint32([]byte(a.Org+"\x00"), a.Date.Key())
			n := uint32(0)
			if v := daily.Get(k); v != nil {
				n = binary.BigEndian.Uint32(v)
			}
			if err := daily.Put(k, be4(n+1)); err != nil {
				return err
			}
			committee[string(binary.BigEndian.AppendUint32([]byte{0}, a.Date.Key()))]++
		}
		assert.Equal(t, len(adms), dedupeBeforeSchema10(t, tx))
		return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), be8(6))
	})
	v, err := storage.Inspect(path)
	require.NoError(t, err)
	require.Equal(t, 6, v)

	db = openAt(t, path)
	backups, err := filepath.Glob(path + ".schema6-*.bak")
	require.NoError(t, err)
	assert.Len(t, backups, 1, "a copy is kept before upgrading")
	require.NoError(t, db.Close())
	v, err = storage.Inspect(path)
	require.NoError(t, err)
	assert.Equal(t, storage.SchemaVersion, v)
	left := map[string]uint32{}
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("daily")).ForEach(func(k, v []byte) error {
			left[string(k)] = binary.BigEndian.Uint32(v)
			return nil
		})
	})
	assert.Equal(t, committee, left, "only the committee's daily counts are left, unchanged")

	db = openAt(t, path)
	assert.Empty(t, db.Check())
	view(t, db, func(tx *storage.Tx) error {
		assert.Equal(t, 3, tx.AdmittedBetween("CB_01", day(1, 1, 2025), day(31, 12, 2025)))
		assert.Equal(t, 1, tx.AdmittedBetween("CB_01", day(15, 6, 2025), day(15, 6, 2025)))
		assert.Equal(t, 3, tx.AdmittedBetween("CB_01", day(1, 6, 2025), day(1, 3, 2026)))
		assert.Equal(t, 4, tx.AdmittedBetween("CB_01", day(1, 1, 2000), day(31, 12, 2100)))
		assert.Equal(t, 1, tx.AdmittedBetween("CB_02", day(1, 1, 2025), day(15, 6, 2025)))
		assert.Equal(t, 0, tx.AdmittedBetween("CB_02", day(16, 6, 2025), day(31, 12, 2026)))
		assert.Equal(t, 0, tx.AdmittedBetween("CB_0", day(1, 1, 2000), day(31, 12, 2100)), "a code's prefix is another organization")
		assert.Equal(t, 2, tx.AdmittedBetween("", day(15, 6, 2025), day(15, 6, 2025)))
		assert.Equal(t, 5, tx.AdmittedBetween("", day(1, 1, 2025), day(31, 12, 2026)))
		return nil
	})

	// What changes after the upgrade is counted from the duplicate index.
	add(t, db, quota.Admission{Org: "CB_01", Name: "Đỗ Thị Sau", Date: day(20, 6, 2025), ReportedBy: 7})
	update(t, db, func(tx *storage.Tx) error {
		_, err := tx.Retract(adms[1].ID, 7, adms[1].ReportedAt)
		return err
	})
	moved := adms[2]
	moved.Date = day(2, 1, 2026)
	update(t, db, func(tx *storage.Tx) error {
		return tx.ReplaceAdmission(moved, quota.Correction{Field: "date", Old: "16/06/2025", New: "02/01/2026", By: 7})
	})
	view(t, db, func(tx *storage.Tx) error {
		assert.Equal(t, 2, tx.AdmittedBetween("CB_01", day(1, 1, 2025), day(31, 12, 2025)), "An and Sau; Bình retracted, Cường moved")
		assert.Equal(t, 2, tx.AdmittedBetween("CB_01", day(1, 1, 2026), day(31, 12, 2026)))
		assert.Equal(t, 3, tx.AdmittedBetween("", day(1, 1, 2025), day(31, 12, 2025)))
		return nil
	})
	assert.Empty(t, db.Check())
	require.NoError(t, db.Close())
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("daily")).ForEach(func(k, _ []byte) error {
			assert.Equal(t, byte(0), k[0], "no organization's daily count is written again: %q", k)
			return nil
		})
	})
}
