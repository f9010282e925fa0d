package storage

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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

// A database from before schema 12, whose users are JSON, opens with
// every user rewritten compact and reading back as it was.
func TestMigrateToCompactUsers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quotabot.db")
	db, err := Open(path, Options{})
	require.NoError(t, err)
	users := sampleUsers()[:2]
	require.NoError(t, db.Update(func(tx *Tx) error {
		for _, u := range users {
			if _, err := tx.PutUser(u); err != nil {
				return err
			}
		}
		return nil
	}))
	require.NoError(t, db.Close())

	// As schema 9 wrote it: the same users in JSON.
	records := map[string]string{}
	for _, u := range users {
		records[string(i64(u.ID))] = userJSON(t, u)
	}
	asJSONBefore(t, path, 9, bucketUsers, records)

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
