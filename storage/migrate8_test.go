package storage_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"quotabot/quota"
	"quotabot/storage"
)

// TestOpenMigratesSchema7ProbationsByOrg opens a schema 7 file, whose
// probations by organization were a bucket of their own, and checks that
// they are read from the index by organization after the upgrade, beside
// the organization's admissions, and kept there as decisions come.
func TestOpenMigratesSchema7ProbationsByOrg(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quotabot.db")
	db, err := storage.Open(path, storage.Options{})
	require.NoError(t, err)
	update(t, db, func(tx *storage.Tx) error {
		for _, code := range []string{"CB_01", "CB_011", "CB_02"} {
			if _, err := tx.PutOrg(quota.Org{Code: code, Name: "Chi bộ " + code}); err != nil {
				return err
			}
		}
		return nil
	})
	an := add(t, db, quota.Admission{Org: "CB_01", Name: "Nguyễn Văn An", Date: day(10, 3, 2025), ReportedBy: 7})
	binh := add(t, db, quota.Admission{Org: "CB_01", Name: "Trần Thị Bình", Date: day(28, 2, 2024), ReportedBy: 7})
	add(t, db, quota.Admission{Org: "CB_011", Name: "Lê Văn Cường", Date: day(2, 1, 2025), ReportedBy: 8})
	add(t, db, quota.Admission{Org: "CB_02", Name: "Võ Văn Em", Date: day(15, 6, 2025), ReportedBy: 8})
	require.NoError(t, db.Close())

	// The file as schema 7 left it: the probations by organization in a
	// bucket of their own, keyed org 0x00 end(4) id(8), and the duplicate
	// keys in theirs.
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		old, err := tx.CreateBucket([]byte("prob_by_org"))
		if err != nil {
			return err
		}
		byOrg := tx.Bucket([]byte("adm_by_org"))
		var moved [][]byte
		if err := byOrg.ForEach(func(k, _ []byte) error {
			i := bytes.IndexByte(k, 0)
			if rest := k[i+1:]; len(rest) == 13 && rest[0] == 0xff {
				moved = append(moved, bytes.Clone(k))
				return old.Put(append(bytes.Clone(k[:i+1]), rest[1:]...), nil)
			}
			return nil
		}); err != nil {
			return err
		}
		if len(moved) != 4 {
			t.Errorf("%d probations in the index by organization, want 4", len(moved))
		}
		for _, k := range moved {
			if err := byOrg.Delete(k); err != nil {
				return err
			}
		}
		assert.Equal(t, 4, dedupeBeforeSchema10(t, tx))
		return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), be8(7))
	})

	db = openAt(t, path)
	backups, err := filepath.Glob(path + ".schema7-*.bak")
	require.NoError(t, err)
	assert.Len(t, backups, 1, "a copy is kept before upgrading")
	assert.Empty(t, db.Check())
	pending := func(org string) []string {
		var names []string
		view(t, db, func(tx *storage.Tx) error {
			return tx.EachProbationOf(org, day(31, 12, 2100), func(a quota.Admission) error {
				names = append(names, a.Name)
				return nil
			})
		})
		return names
	}
	assert.Equal(t, []string{"Trần Thị Bình", "Nguyễn Văn An"}, pending("CB_01"), "by end date, not another organization's")
	assert.Equal(t, []string{"Lê Văn Cường"}, pending("CB_011"))
	var due []string
	view(t, db, func(tx *storage.Tx) error {
		return tx.EachProbationOf("CB_01", day(28, 2, 2025), func(a quota.Admission) error {
			due = append(due, a.Name)
			return nil
		})
	})
	assert.Equal(t, []string{"Trần Thị Bình"}, due, "only those ending by the date")
	view(t, db, func(tx *storage.Tx) error {
		all, err := tx.AllAdmissionsOf("CB_01", 2025)
		require.NoError(t, err)
		require.Len(t, all, 1, "the probations are not taken for admissions")
		assert.Equal(t, an.ID, all[0].ID)
		return nil
	})

	// Decisions and new admissions keep the index.
	update(t, db, func(tx *storage.Tx) error {
		_, err := tx.RecordOfficial(binh.ID, quota.OfficialDecision{Date: day(1, 3, 2025), RecordedBy: 7})
		return err
	})
	add(t, db, quota.Admission{Org: "CB_01", Name: "Đỗ Thị Sau", Date: day(1, 6, 2026), ReportedBy: 7})
	assert.Equal(t, []string{"Nguyễn Văn An", "Đỗ Thị Sau"}, pending("CB_01"))
	assert.Empty(t, db.Check())
	require.NoError(t, db.Close())
	v, err := storage.Inspect(path)
	require.NoError(t, err)
	assert.Equal(t, storage.SchemaVersion, v)
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		assert.Nil(t, tx.Bucket([]byte("prob_by_org")), "the old bucket is gone")
		return nil
	})
}
