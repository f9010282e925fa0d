package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"quotabot/quota"
)

func sampleUsers() []quota.User {
	zone, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	at := time.Date(2026, 1, 5, 8, 0, 12, 345678900, zone)
	return []quota.User{
		{ID: 1_000_123, Role: quota.RoleSecretary, Orgs: []string{"CB_T01_0001"}, Name: "Nguyễn Văn Hùng",
			Lang: "vi", ChatID: 1_000_123, RegisteredAt: at},
		{ID: 600, Role: quota.RoleSpecialist, Orgs: []string{"DB_T01", "DB_T02", "CB_T02_0007"}, Name: "Lê Thị Hưng",
			Username: "le_hung", Lang: "en", LangChosen: true, ChatID: -100_123, Unreachable: true,
			RegisteredAt: at.UTC(), InvitedBy: 42},
		{}, // every field empty
	}
}

func userJSON(t testing.TB, u quota.User) string {
	v, err := json.Marshal(u)
	require.NoError(t, err)
	return string(v)
}

func TestUserCodecRoundTrip(t *testing.T) {
	for _, u := range sampleUsers() {
		v, err := encodeUser(u)
		require.NoError(t, err)
		got, err := decodeUser(v)
		require.NoError(t, err)
		assert.Equal(t, userJSON(t, u), userJSON(t, got))
		assert.True(t, got.RegisteredAt.Equal(u.RegisteredAt))
		// The JSON of the schemas before still reads.
		old, err := decodeUser([]byte(userJSON(t, u)))
		require.NoError(t, err)
		assert.Equal(t, userJSON(t, u), userJSON(t, old))
	}
	typical := sampleUsers()[0]
	v, err := encodeUser(typical)
	require.NoError(t, err)
	assert.Less(t, len(v), len(userJSON(t, typical))/2, "compact: %d bytes against %d of JSON", len(v), len(userJSON(t, typical)))

	// A record cut short or grown is refused, not read as another user.
	_, err = decodeUser(v[:len(v)-1])
	require.Error(t, err)
	_, err = decodeUser(append(v, 0))
	require.Error(t, err)
}

func FuzzDecodeUser(f *testing.F) {
	for _, u := range sampleUsers() {
		v, err := encodeUser(u)
		require.NoError(f, err)
		f.Add(v)
		f.Add([]byte(userJSON(f, u)))
	}
	f.Add([]byte{userCompact, 0x02, 0x00, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, v []byte) { rereads(t, v, decodeUser, encodeUser) })
}

// A database from before schema 12, whose users are JSON and whose index
// by reporter is a bucket of its own, opens with every user rewritten
// compact and reading back as it was, and /undo's lookups reading the
// index among the users.
func TestMigrateToCompactUsers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quotabot.db")
	db, err := Open(path, Options{})
	require.NoError(t, err)
	users := sampleUsers()[:2]
	at := time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC)
	require.NoError(t, db.Update(func(tx *Tx) error {
		for _, u := range users {
			if _, err := tx.PutUser(u); err != nil {
				return err
			}
		}
		if _, err := tx.PutOrg(quota.Org{Code: "CB_01", Name: "Chi bộ 01"}); err != nil {
			return err
		}
		// User 600 reports one message of two, then one of one; the
		// secretary one of one in between, so the runs interleave by id.
		for i, r := range []struct {
			by  int64
			upd int64
		}{{600, 1}, {1_000_123, 2}, {600, 1}, {600, 3}} {
			a := quota.Admission{Org: "CB_01", Name: fmt.Sprintf("Nguyễn Văn %c", 'A'+i), Date: quota.Date{Year: 2026, Month: 3, Day: 2},
				ReportedBy: r.by, ReportedAt: at, UpdateID: r.upd}
			if err := tx.AddAdmission(&a); err != nil {
				return err
			}
		}
		return nil
	}))
	require.NoError(t, db.Close())

	// As schema 9 wrote it: the same users in JSON, the index by reporter
	// in a bucket of its own.
	records := map[string]string{}
	for _, u := range users {
		records[string(i64(u.ID))] = userJSON(t, u)
	}
	asJSONBefore(t, path, 9, bucketUsers, records)
	raw, err := bolt.Open(path, 0o600, nil)
	require.NoError(t, err)
	moved := 0
	require.NoError(t, raw.Update(func(tx *bolt.Tx) error {
		old, err := tx.CreateBucket(oldAdmByUser)
		if err != nil {
			return err
		}
		b := tx.Bucket(bucketUsers)
		var keys [][]byte
		if err := b.ForEach(func(k, _ []byte) error {
			if len(k) == 16 {
				keys = append(keys, bytes.Clone(k))
			}
			return nil
		}); err != nil {
			return err
		}
		for _, k := range keys {
			if err := old.Put(k, nil); err != nil {
				return err
			}
			if err := b.Delete(k); err != nil {
				return err
			}
			moved++
		}
		return nil
	}))
	require.NoError(t, raw.Close())
	require.Equal(t, 4, moved, "the keys of four admissions moved out")

	db, err = Open(path, Options{})
	require.NoError(t, err)
	defer db.Close()
	backups, err := filepath.Glob(path + ".schema9-*.bak")
	require.NoError(t, err)
	assert.Len(t, backups, 1, "a copy is kept before upgrading")
	assert.Empty(t, db.Check())
	require.NoError(t, db.View(func(tx *Tx) error {
		assert.Equal(t, SchemaVersion, schemaOf(tx.tx))
		for _, u := range users {
			v := tx.bucket(bucketUsers).Get(i64(u.ID))
			require.NotEmpty(t, v)
			assert.Equal(t, byte(userCompact), v[0], "user %d rewritten", u.ID)
			got, err := tx.User(u.ID)
			require.NoError(t, err)
			assert.Equal(t, userJSON(t, u), userJSON(t, got))
		}
		var seen []int64
		require.NoError(t, tx.EachUser(func(u quota.User) error { seen = append(seen, u.ID); return nil }))
		assert.Equal(t, []int64{600, 1_000_123}, seen)
		assert.Nil(t, tx.tx.Bucket(oldAdmByUser), "the bucket of the index by reporter is gone")
		batch, err := tx.LastBatchBy(600)
		require.NoError(t, err)
		require.Len(t, batch, 1)
		assert.Equal(t, "Nguyễn Văn D", batch[0].Name)
		last, err := tx.LastCountingAdmissionBy(1_000_123)
		require.NoError(t, err)
		assert.Equal(t, "Nguyễn Văn B", last.Name)
		return nil
	}))
	// After /undo of its last, user 600's batch is its first message's two.
	require.NoError(t, db.Update(func(tx *Tx) error {
		_, err := tx.Retract(4, 600, at)
		return err
	}))
	require.NoError(t, db.View(func(tx *Tx) error {
		batch, err := tx.LastBatchBy(600)
		require.NoError(t, err)
		var names []string
		for _, a := range batch {
			names = append(names, a.Name)
		}
		assert.Equal(t, []string{"Nguyễn Văn C", "Nguyễn Văn A"}, names)
		_, err = tx.LastBatchBy(42)
		assert.ErrorIs(t, err, ErrNotFound, "a user who reported nothing")
		return nil
	}))
	// Marked unreachable and back, the user keeps every other field.
	require.NoError(t, db.Update(func(tx *Tx) error {
		_, err := tx.SetUnreachable(users[0].ID, true)
		return err
	}))
	require.NoError(t, db.View(func(tx *Tx) error {
		got, err := tx.User(users[0].ID)
		require.NoError(t, err)
		want := users[0]
		want.Unreachable = true
		assert.Equal(t, userJSON(t, want), userJSON(t, got))
		return nil
	}))
}
