package storage_test

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"quotabot/storage"
)

// checkedDB is a database with two organizations, a few admissions and a
// retraction, closed; it returns its path.
func checkedDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "quotabot.db")
	db, err := storage.Open(path, storage.Options{})
	require.NoError(t, err)
	addOrg(t, db, "CB_01", 10)
	addOrg(t, db, "CB_02", 5)
	for _, n := range []string{"An", "Bình", "Chi"} {
		admit(t, db, "CB_01", "Nguyễn Văn "+n)
	}
	admit(t, db, "CB_02", "Trần Thị Dung")
	admit(t, db, "CB_02", "Trần Thị Em")
	require.NoError(t, db.Update(func(tx *storage.Tx) error {
		a, err := tx.LastCountingAdmissionBy(7)
		if err != nil {
			return err
		}
		_, err = tx.Retract(a.ID, 7, time.Now())
		return err
	}))
	require.NoError(t, db.Close())
	return path
}

func problemsOf(t *testing.T, path string) []string {
	t.Helper()
	db, err := storage.Open(path, storage.Options{})
	require.NoError(t, err)
	defer func() { require.NoError(t, db.Close()) }()
	var out []string
	for _, p := range db.Check() {
		out = append(out, p.Error())
	}
	return out
}

// rawUpdate changes the file with bbolt directly, as damage or a bug
// would, bypassing the helpers that keep the counts right.
func rawUpdate(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	b, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	require.NoError(t, err)
	require.NoError(t, b.Update(fn))
	require.NoError(t, b.Close())
}

// rewritePack rewrites the year's first tally pack with bbolt directly.
func rewritePack(t *testing.T, tx *bolt.Tx, year int, f func([]storage.PackedTally) []storage.PackedTally) error {
	t.Helper()
	k := tallyKey(year, "")
	entries, err := storage.DecodeTallyPack(tx.Bucket([]byte("tallies")).Get(k))
	require.NoError(t, err)
	require.NotEmpty(t, entries)
	return tx.Bucket([]byte("tallies")).Put(k, storage.EncodeTallyPack(f(entries)))
}

func tallyKey(year int, org string) []byte {
	k := make([]byte, 2+len(org))
	binary.BigEndian.PutUint16(k, uint16(year))
	copy(k[2:], org)
	return k
}

func TestCheckHealthy(t *testing.T) {
	path := checkedDB(t)
	assert.Empty(t, problemsOf(t, path))

	db, err := storage.Open(path, storage.Options{})
	require.NoError(t, err)
	defer db.Close()
	assert.Equal(t, 3, tally(t, db, "CB_01").Admitted)
	assert.Equal(t, 1, tally(t, db, "CB_02").Admitted)
}

func TestCheckFindsWrongTally(t *testing.T) {
	path := checkedDB(t)
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		return rewritePack(t, tx, 2026, func(entries []storage.PackedTally) []storage.PackedTally {
			for i := range entries {
				if entries[i].Code == "CB_02" {
					entries[i].Admitted = 4 // one admission counts
				}
			}
			return entries
		})
	})
	problems := problemsOf(t, path)
	require.Len(t, problems, 1, "%q", problems)
	assert.Contains(t, problems[0], "CB_02")
	assert.Contains(t, problems[0], "2026")
	assert.Contains(t, problems[0], "says 4")
	assert.NotContains(t, strings.Join(problems, "\n"), "CB_01")
}

func TestCheckFindsMissingTally(t *testing.T) {
	path := checkedDB(t)
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		return rewritePack(t, tx, 2026, func(entries []storage.PackedTally) []storage.PackedTally {
			return slices.DeleteFunc(entries, func(e storage.PackedTally) bool { return e.Code == "CB_01" })
		})
	})
	problems := problemsOf(t, path)
	require.NotEmpty(t, problems)
	assert.Contains(t, strings.Join(problems, "\n"), "CB_01 has 3 admissions in 2026 but no tally")
}

func TestCheckFindsAdmissionOfUnknownOrg(t *testing.T) {
	path := checkedDB(t)
	db, err := storage.Open(path, storage.Options{})
	require.NoError(t, err)
	admit(t, db, "GHOST", "Lê Văn Ma")
	var id uint64
	require.NoError(t, db.View(func(tx *storage.Tx) error {
		a, ok := tx.FindAdmission("GHOST", day(15, 6, 2026), "Lê Văn Ma")
		require.True(t, ok)
		id = a.ID
		return nil
	}))
	problems := db.Check()
	require.NoError(t, db.Close())
	require.Len(t, problems, 1, "%v", problems)
	assert.Contains(t, problems[0].Error(), `"GHOST"`)
	assert.Contains(t, problems[0].Error(), fmt.Sprintf("admission %d", id))
}

func TestCheckFindsBrokenIndexAndDailyCount(t *testing.T) {
	path := checkedDB(t)
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		// Drop one duplicate key (org 0x00 0xfe date 0x00 namekey in
		// the index by organization), so a second report of that person
		// would count twice.
		c := tx.Bucket([]byte("adm_by_org")).Cursor()
		k, _ := c.Seek([]byte("CB_01\x00\xfe"))
		if !bytes.HasPrefix(k, []byte("CB_01\x00\xfe")) {
			return fmt.Errorf("no duplicate key of CB_01: %x", k)
		}
		if err := c.Delete(); err != nil {
			return err
		}
		// And damage a daily count (the committee's: code "").
		dk := []byte("\x00")
		dk = binary.BigEndian.AppendUint32(dk, 20260615)
		return tx.Bucket([]byte("daily")).Put(dk, binary.BigEndian.AppendUint32(nil, 9))
	})
	all := strings.Join(problemsOf(t, path), "\n")
	assert.Contains(t, all, "missing from the duplicate index")
	assert.Contains(t, all, "the duplicate index has 3 entries for 4 counting admissions")
	assert.Contains(t, all, "says 9")
}

func TestCheckFindsUnreadableUser(t *testing.T) {
	path := checkedDB(t)
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("users")).Put(binary.BigEndian.AppendUint64(nil, 99), []byte("{not json"))
	})
	problems := problemsOf(t, path)
	require.Len(t, problems, 1)
	assert.Contains(t, problems[0], "user")
}

func TestCheckFindsTheIndexesOfSchema5Damaged(t *testing.T) {
	path := checkedDB(t)
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		if err := tx.Bucket([]byte("adm_by_org")).Delete(append([]byte("CB_01\x00"), be8(1)...)); err != nil {
			return err
		}
		return tx.Bucket([]byte("inactive")).Put([]byte("CB_02"), be4(0))
	})
	got := strings.Join(problemsOf(t, path), "\n")
	assert.Contains(t, got, "admission 1 is missing from the index by organization")
	assert.Contains(t, got, "organization CB_02 is inactive=false but the index of deactivated organizations says true")
}

// Since schema 13 quota records and imported totals are compact: one in
// JSON was missed by the upgrade, and one cut short is damage.
func TestCheckFindsFiguresInJSONOrBroken(t *testing.T) {
	path := checkedDB(t)
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		if err := tx.Bucket([]byte("quota_records")).Put(tallyKey(2026, "CB_01"), []byte(`{"org":"CB_01","year":2026,"current":{"quota":10}}`)); err != nil {
			return err
		}
		totals := tx.Bucket([]byte("past_totals"))
		if err := totals.Put(tallyKey(2019, "CB_02"), []byte(`{"org":"CB_02","year":2019,"admitted":3}`)); err != nil {
			return err
		}
		if err := totals.Put(tallyKey(2020, "CB_01"), []byte{0x01, 0x06}); err != nil {
			return err
		}
		return tx.Bucket([]byte("term_quotas")).Put(append([]byte{0x07, 0xea, 0x07, 0xee}, "CB_02"...), []byte{0x01})
	})
	problems := problemsOf(t, path)
	got := strings.Join(problems, "\n")
	assert.Contains(t, got, "the quota record of CB_01 for 2026 is JSON, the layout before schema 13")
	assert.Contains(t, got, "the admitted total of CB_02 for 2019 is JSON, the layout before schema 13")
	assert.Contains(t, got, "the admitted total filed for CB_01 in 2020 is not that total")
	assert.Contains(t, got, "the term quota filed for CB_02 in 2026-2030 is not that quota")
	assert.Len(t, problems, 4, "%q", problems)
}

func TestCheckFindsStrayKeysInTheIndexByOrg(t *testing.T) {
	path := checkedDB(t)
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		byOrg := tx.Bucket([]byte("adm_by_org"))
		for k, v := range map[string][]byte{
			"CB_02\x00\xfe15/06/2026\x00ghost":                       be8(5), // the retracted admission's
			"CB_02\x00" + string(be8(99)):                            nil,    // no such admission
			"CB_01\x00\xff" + string(be4(20280615)) + "\x00":         nil,    // a probation key cut short
			"CB_01\x00\xff" + string(be4(20280615)) + string(be8(5)): nil,
		} {
			if err := byOrg.Put([]byte(k), v); err != nil {
				return err
			}
		}
		return nil
	})
	got := strings.Join(problemsOf(t, path), "\n")
	assert.Contains(t, got, "the duplicate index has 5 entries for 4 counting admissions")
	assert.Contains(t, got, "the index by organization has keys of 6 admissions, there are 5")
	assert.Contains(t, got, "the index by organization has keys of 5 probations, 4 admissions await their decision")
	assert.Contains(t, got, "a key of no known kind: "+hex.EncodeToString([]byte("CB_01\x00\xff"+string(be4(20280615))+"\x00")))
}
