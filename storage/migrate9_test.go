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

// TestOpenMigratesSchema8RootsIndex opens a schema 8 file, which had no
// index of the organizations directly under the committee, and checks
// that after the upgrade the index names exactly them, and follows an
// organization moved under another and one moved back to the top.
func TestOpenMigratesSchema8RootsIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quotabot.db")
	db, err := storage.Open(path, storage.Options{})
	require.NoError(t, err)
	update(t, db, func(tx *storage.Tx) error {
		for _, o := range []quota.Org{
			{Code: "DU_A", Name: "Đảng ủy A"},
			{Code: "DU_B", Name: "Đảng ủy B"},
			{Code: "CB_A1", Name: "Chi bộ A1", Parent: "DU_A"},
			{Code: "CB_A2", Name: "Chi bộ A2", Parent: "DU_A"},
			{Code: "CB_X", Name: "Chi bộ X"},
		} {
			if _, err := tx.PutOrg(o); err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(t, db.Close())

	// The file as schema 8 left it: no index of roots, and the
	// duplicate index a bucket of its own.
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket([]byte("roots")); err != nil {
			return err
		}
		dedupeBeforeSchema10(t, tx)
		return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), be8(8))
	})

	db = openAt(t, path)
	backups, err := filepath.Glob(path + ".schema8-*.bak")
	require.NoError(t, err)
	assert.Len(t, backups, 1, "a copy is kept before upgrading")
	assert.Empty(t, db.Check())
	roots := func() []string {
		var codes []string
		view(t, db, func(tx *storage.Tx) error {
			return tx.EachRootOrg(func(o quota.Org) error {
				codes = append(codes, o.Code)
				return nil
			})
		})
		return codes
	}
	assert.Equal(t, []string{"CB_X", "DU_A", "DU_B"}, roots())

	// CB_X goes under DU_B, CB_A2 up to the committee.
	update(t, db, func(tx *storage.Tx) error {
		if _, err := tx.PutOrg(quota.Org{Code: "CB_X", Name: "Chi bộ X", Parent: "DU_B"}); err != nil {
			return err
		}
		_, err := tx.PutOrg(quota.Org{Code: "CB_A2", Name: "Chi bộ A2"})
		return err
	})
	assert.Equal(t, []string{"CB_A2", "DU_A", "DU_B"}, roots())
	assert.Empty(t, db.Check())
}

// TestCheckFindsARootIndexAstray checks that quotabot check tells an
// index of roots that has lost an organization or names one in the tree.
func TestCheckFindsARootIndexAstray(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quotabot.db")
	db, err := storage.Open(path, storage.Options{})
	require.NoError(t, err)
	update(t, db, func(tx *storage.Tx) error {
		for _, o := range []quota.Org{{Code: "DU_A", Name: "Đảng ủy A"}, {Code: "CB_A1", Name: "Chi bộ A1", Parent: "DU_A"}} {
			if _, err := tx.PutOrg(o); err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(t, db.Close())
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("roots"))
		if err := b.Delete([]byte("DU_A")); err != nil {
			return err
		}
		return b.Put([]byte("CB_A1"), nil)
	})
	db = openAt(t, path)
	problems := db.Check()
	assert.Len(t, problems, 2, "%q", problems)
	both := problems[0].Error() + "\n" + problems[1].Error()
	assert.Contains(t, both, "organization DU_A has parent \"\"")
	assert.Contains(t, both, "organization CB_A1 has parent \"DU_A\"")
}
