package storage_test

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"quotabot/quota"
	"quotabot/storage"
)

// dedupeBeforeSchema10 lays a file written by this quotabot out as
// schemas before 10 did: the duplicate keys of admissions, which are now
// org 0x00 0xfe date 0x00 namekey -> id(8) in the index by organization,
// in a bucket of their own keyed org 0x00 date 0x00 namekey. It returns
// how many it moved.
func dedupeBeforeSchema10(t *testing.T, tx *bolt.Tx) int {
	t.Helper()
	old, err := tx.CreateBucket([]byte("adm_dedupe"))
	require.NoError(t, err)
	byOrg := tx.Bucket([]byte("adm_by_org"))
	var moved [][]byte
	require.NoError(t, byOrg.ForEach(func(k, v []byte) error {
		i := bytes.IndexByte(k, 0)
		if rest := k[i+1:]; len(rest) > 8 && rest[0] == 0xfe {
			moved = append(moved, bytes.Clone(k))
			return old.Put(append(bytes.Clone(k[:i+1]), rest[1:]...), bytes.Clone(v))
		}
		return nil
	}))
	for _, k := range moved {
		require.NoError(t, byOrg.Delete(k))
	}
	return len(moved)
}

// TestOpenMigratesSchema9DedupeByOrg opens a schema 9 file, whose
// duplicate index of admissions was a bucket of its own, and checks that
// after the upgrade the duplicate check, the similar-name check, the
// counts of an organization's days, its admissions and its probations
// read right from the index by organization, and stay right through new
// reports, a retraction and a correction.
func TestOpenMigratesSchema9DedupeByOrg(t *testing.T) {
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
	hung := add(t, db, quota.Admission{Org: "CB_01", Name: "Lê Văn Hùng", Date: day(15, 6, 2025), ReportedBy: 7})
	gone := add(t, db, quota.Admission{Org: "CB_01", Name: "Đỗ Văn Giang", Date: day(15, 6, 2025), ReportedBy: 7})
	add(t, db, quota.Admission{Org: "CB_011", Name: "Lê Văn Cường", Date: day(15, 6, 2025), ReportedBy: 8})
	add(t, db, quota.Admission{Org: "CB_02", Name: "Võ Văn Em", Date: day(15, 6, 2025), ReportedBy: 8})
	update(t, db, func(tx *storage.Tx) error {
		if _, err := tx.Retract(gone.ID, 7, gone.ReportedAt); err != nil {
			return err
		}
		_, err := tx.RecordOfficial(binh.ID, quota.OfficialDecision{Date: day(1, 3, 2025), RecordedBy: 7})
		return err
	})
	require.NoError(t, db.Close())

	// The file as schema 9 left it.
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		assert.Equal(t, 5, dedupeBeforeSchema10(t, tx), "a duplicate key for each counting admission")
		return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), be8(9))
	})
	v, err := storage.Inspect(path)
	require.NoError(t, err)
	require.Equal(t, 9, v)

	db = openAt(t, path)
	backups, err := filepath.Glob(path + ".schema9-*.bak")
	require.NoError(t, err)
	assert.Len(t, backups, 1, "a copy is kept before upgrading")
	assert.Empty(t, db.Check())

	found := func(org string, d quota.Date, name string) uint64 {
		var id uint64
		view(t, db, func(tx *storage.Tx) error {
			if a, ok := tx.FindAdmission(org, d, name); ok {
				id = a.ID
			}
			return nil
		})
		return id
	}
	similar := func(org string, d quota.Date, name string) []string {
		var names []string
		view(t, db, func(tx *storage.Tx) error {
			all, err := tx.SimilarAdmissions(org, d, name)
			for _, a := range all {
				names = append(names, a.Name)
			}
			return err
		})
		return names
	}
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
	admitted := func(org string, year int) (counting, all []string) {
		view(t, db, func(tx *storage.Tx) error {
			c, err := tx.AdmissionsOf(org, year)
			if err != nil {
				return err
			}
			for _, a := range c {
				counting = append(counting, a.Name)
			}
			every, err := tx.AllAdmissionsOf(org, year)
			for _, a := range every {
				all = append(all, a.Name)
			}
			return err
		})
		return counting, all
	}
	between := func(org string, from, to quota.Date) int {
		n := 0
		view(t, db, func(tx *storage.Tx) error { n = tx.AdmittedBetween(org, from, to); return nil })
		return n
	}

	assert.Equal(t, hung.ID, found("CB_01", day(15, 6, 2025), "Lê Văn Hùng"))
	assert.Equal(t, an.ID, found("CB_01", day(10, 3, 2025), "nguyễn  văn an"), "the same person by the domain's rule")
	assert.Zero(t, found("CB_01", day(15, 6, 2025), "Lê Văn Hưng"), "diacritics tell people apart")
	assert.Zero(t, found("CB_01", day(15, 6, 2025), "Đỗ Văn Giang"), "a retracted admission is no duplicate")
	assert.Zero(t, found("CB_01", day(15, 6, 2025), "Lê Văn Cường"), "another organization's, CB_011, is not CB_01's")
	assert.Equal(t, []string{"Lê Văn Hùng"}, similar("CB_01", day(15, 6, 2025), "Lê Văn Hưng"))
	assert.Empty(t, similar("CB_01", day(16, 6, 2025), "Lê Văn Hưng"), "another day")
	assert.Equal(t, 2, between("CB_01", day(1, 1, 2025), day(31, 12, 2025)), "An and Hùng; Giang retracted")
	assert.Equal(t, 1, between("CB_01", day(1, 1, 2024), day(31, 12, 2024)))
	assert.Equal(t, 1, between("CB_011", day(15, 6, 2025), day(15, 6, 2025)))
	assert.Equal(t, 0, between("CB_0", day(1, 1, 2000), day(31, 12, 2100)), "a code's prefix is another organization")
	assert.Equal(t, 3, between("", day(15, 6, 2025), day(15, 6, 2025)), "Hùng, Cường and Em")
	counting, all := admitted("CB_01", 2025)
	assert.Equal(t, []string{"Nguyễn Văn An", "Lê Văn Hùng"}, counting)
	assert.Equal(t, []string{"Nguyễn Văn An", "Lê Văn Hùng", "Đỗ Văn Giang"}, all, "every admission, and no duplicate or probation key taken for one")
	assert.Equal(t, []string{"Nguyễn Văn An", "Lê Văn Hùng"}, pending("CB_01"), "Bình is official, Giang retracted")
	assert.Equal(t, []string{"Lê Văn Cường"}, pending("CB_011"))

	// New reports, a duplicate, a retraction and a correction of a date
	// keep the index.
	sau := add(t, db, quota.Admission{Org: "CB_01", Name: "Đỗ Thị Sau", Date: day(15, 6, 2025), ReportedBy: 7})
	update(t, db, func(tx *storage.Tx) error {
		again := quota.Admission{Org: "CB_01", Name: "Lê Văn  Hùng", Date: day(15, 6, 2025), ReportedBy: 9}
		err := tx.AddAdmission(&again)
		assert.True(t, errors.Is(err, storage.ErrDuplicate), "%v", err)
		assert.Equal(t, hung.ID, again.ID, "the admission already recorded")
		return nil
	})
	update(t, db, func(tx *storage.Tx) error {
		_, err := tx.Retract(an.ID, 7, an.ReportedAt)
		return err
	})
	moved := hung
	moved.Date = day(2, 1, 2026)
	update(t, db, func(tx *storage.Tx) error {
		return tx.ReplaceAdmission(moved, quota.Correction{Field: "date", Old: "15/06/2025", New: "02/01/2026", By: 7})
	})
	assert.Zero(t, found("CB_01", day(10, 3, 2025), "Nguyễn Văn An"))
	assert.Zero(t, found("CB_01", day(15, 6, 2025), "Lê Văn Hùng"))
	assert.Equal(t, hung.ID, found("CB_01", day(2, 1, 2026), "Lê Văn Hùng"))
	assert.Equal(t, sau.ID, found("CB_01", day(15, 6, 2025), "Đỗ Thị Sau"))
	assert.Equal(t, []string{"Lê Văn Hùng"}, similar("CB_01", day(2, 1, 2026), "Le Van Hung"))
	assert.Equal(t, 1, between("CB_01", day(1, 1, 2025), day(31, 12, 2025)), "Sau")
	assert.Equal(t, 1, between("CB_01", day(1, 1, 2026), day(31, 12, 2026)), "Hùng, moved")
	counting, all = admitted("CB_01", 2025)
	assert.Equal(t, []string{"Đỗ Thị Sau"}, counting)
	assert.Equal(t, []string{"Nguyễn Văn An", "Đỗ Văn Giang", "Đỗ Thị Sau"}, all)
	assert.Equal(t, []string{"Đỗ Thị Sau", "Lê Văn Hùng"}, pending("CB_01"))
	assert.Empty(t, db.Check())
	require.NoError(t, db.Close())

	v, err = storage.Inspect(path)
	require.NoError(t, err)
	assert.Equal(t, storage.SchemaVersion, v)
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		assert.Nil(t, tx.Bucket([]byte("adm_dedupe")), "the old bucket is gone")
		return nil
	})
}
