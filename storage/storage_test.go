package storage_test

import (
	"encoding/binary"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"quotabot/quota"
	"quotabot/storage"
)

func openAt(t *testing.T, path string) *storage.DB {
	t.Helper()
	db, err := storage.Open(path, storage.Options{LockTimeout: 200 * time.Millisecond})
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func openDB(t *testing.T) *storage.DB {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "quotabot.db"))
}

func update(t *testing.T, db *storage.DB, fn func(tx *storage.Tx) error) {
	t.Helper()
	require.NoError(t, db.Update(fn))
}

func view(t *testing.T, db *storage.DB, fn func(tx *storage.Tx) error) {
	t.Helper()
	require.NoError(t, db.View(fn))
}

func day(d, m, y int) quota.Date { return quota.Date{Year: y, Month: time.Month(m), Day: d} }

func TestOpenTwiceIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "quotabot.db")
	db := openAt(t, path)
	assert.Equal(t, path, db.Path())

	start := time.Now()
	second, err := storage.Open(path, storage.Options{LockTimeout: 200 * time.Millisecond})
	if second != nil {
		_ = second.Close()
	}
	require.ErrorIs(t, err, storage.ErrLocked)
	assert.Contains(t, err.Error(), path)
	assert.Less(t, time.Since(start), 3*time.Second)

	// Once the first is closed the file opens again.
	require.NoError(t, db.Close())
	again, err := storage.Open(path, storage.Options{LockTimeout: 200 * time.Millisecond})
	require.NoError(t, err)
	require.NoError(t, again.Close())
}

func TestNewerSchemaIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quotabot.db")
	raw, err := bolt.Open(path, 0o600, nil)
	require.NoError(t, err)
	require.NoError(t, raw.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists([]byte("meta"))
		if err != nil {
			return err
		}
		v := make([]byte, 8)
		binary.BigEndian.PutUint64(v, storage.SchemaVersion+1)
		return b.Put([]byte("schema_version"), v)
	}))
	require.NoError(t, raw.Close())

	db, err := storage.Open(path, storage.Options{LockTimeout: 200 * time.Millisecond})
	if db != nil {
		_ = db.Close()
	}
	require.ErrorIs(t, err, storage.ErrNewerSchema)
	assert.Contains(t, err.Error(), path)

	// The refusal released the file: a raw open does not wait for a lock.
	raw, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: 200 * time.Millisecond})
	require.NoError(t, err)
	require.NoError(t, raw.Close())
}

func TestCurrentSchemaReopens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quotabot.db")
	db, err := storage.Open(path, storage.Options{})
	require.NoError(t, err)
	require.NoError(t, db.Close())
	db, err = storage.Open(path, storage.Options{})
	require.NoError(t, err)
	require.NoError(t, db.Close())
}

func TestPutOrgAndTree(t *testing.T) {
	db := openDB(t)
	update(t, db, func(tx *storage.Tx) error {
		created, err := tx.PutOrg(quota.Org{Code: "ROOT", Name: "Đảng ủy"})
		require.NoError(t, err)
		assert.True(t, created)
		created, err = tx.PutOrg(quota.Org{Code: "ROOT", Name: "Đảng ủy khối"})
		require.NoError(t, err)
		assert.False(t, created)

		for _, o := range []quota.Org{
			{Code: "A", Parent: "ROOT"}, {Code: "B", Parent: "ROOT"},
			{Code: "A1", Parent: "A"}, {Code: "A2", Parent: "A"}, {Code: "B1", Parent: "B"},
		} {
			_, err := tx.PutOrg(o)
			require.NoError(t, err)
		}
		for _, bad := range []string{"", "có dấu", "a b", "x;y", string(make([]byte, 33))} {
			_, err := tx.PutOrg(quota.Org{Code: bad})
			assert.ErrorIs(t, err, quota.ErrBadCode, "%q", bad)
		}
		return nil
	})
	view(t, db, func(tx *storage.Tx) error {
		o, err := tx.Org("ROOT")
		require.NoError(t, err)
		assert.Equal(t, "Đảng ủy khối", o.Name)
		_, err = tx.Org("NOPE")
		assert.ErrorIs(t, err, storage.ErrNotFound)
		orgs, err := tx.Orgs()
		require.NoError(t, err)
		var codes []string
		for _, o := range orgs {
			codes = append(codes, o.Code)
		}
		assert.Equal(t, []string{"A", "A1", "A2", "B", "B1", "ROOT"}, codes)
		assert.Equal(t, []string{"A", "B"}, tx.Children("ROOT"))
		assert.Equal(t, []string{"A1", "A2"}, tx.Children("A"))
		assert.Empty(t, tx.Children("A1"))
		assert.Equal(t, []string{"ROOT", "A", "B", "A1", "A2", "B1"}, tx.Subtree("ROOT"))
		return nil
	})

	// Move A2 under B, then B1 to the top.
	update(t, db, func(tx *storage.Tx) error {
		_, err := tx.PutOrg(quota.Org{Code: "A2", Parent: "B"})
		require.NoError(t, err)
		_, err = tx.PutOrg(quota.Org{Code: "B1"})
		return err
	})
	view(t, db, func(tx *storage.Tx) error {
		assert.Equal(t, []string{"A1"}, tx.Children("A"))
		assert.Equal(t, []string{"A2"}, tx.Children("B"))
		assert.Equal(t, []string{"A", "A1"}, tx.Subtree("A"))
		assert.Equal(t, []string{"B", "A2"}, tx.Subtree("B"))
		assert.Equal(t, []string{"B1"}, tx.Subtree("B1"))
		return nil
	})
}

func TestSubtreeSurvivesACycle(t *testing.T) {
	db := openDB(t)
	update(t, db, func(tx *storage.Tx) error {
		_, err := tx.PutOrg(quota.Org{Code: "X", Parent: "Y"})
		require.NoError(t, err)
		_, err = tx.PutOrg(quota.Org{Code: "Y", Parent: "X"})
		return err
	})
	view(t, db, func(tx *storage.Tx) error {
		assert.Equal(t, []string{"X", "Y"}, tx.Subtree("X"))
		return nil
	})
}

func TestQuotasAndTallies(t *testing.T) {
	db := openDB(t)
	update(t, db, func(tx *storage.Tx) error {
		changed, err := tx.SetQuota(2026, "B", 10)
		require.NoError(t, err)
		assert.True(t, changed)
		changed, err = tx.SetQuota(2026, "B", 10)
		require.NoError(t, err)
		assert.False(t, changed)
		changed, err = tx.SetQuota(2026, "B", 12)
		require.NoError(t, err)
		assert.True(t, changed)
		_, err = tx.SetQuota(2026, "B", -1)
		require.Error(t, err)

		for _, q := range []struct {
			year int
			code string
			n    int
		}{{2026, "A", 5}, {2026, "C", 7}, {2025, "A", 3}, {2027, "Z", 9}, {2026, "AB", 1}} {
			_, err := tx.SetQuota(q.year, q.code, q.n)
			require.NoError(t, err)
		}
		return nil
	})
	view(t, db, func(tx *storage.Tx) error {
		assert.Equal(t, quota.Tally{Quota: 12}, tx.Tally(2026, "B"), "the refused negative quota left it")
		assert.Equal(t, quota.Tally{Quota: 3}, tx.Tally(2025, "A"))
		assert.Equal(t, quota.Tally{}, tx.Tally(2024, "A"))

		var got []string
		require.NoError(t, tx.EachTally(2026, func(code string, tl quota.Tally) error {
			got = append(got, fmt.Sprintf("%s=%d", code, tl.Quota))
			return nil
		}))
		assert.Equal(t, []string{"A=5", "AB=1", "B=12", "C=7"}, got)

		stop := fmt.Errorf("stop")
		n := 0
		err := tx.EachTally(2026, func(string, quota.Tally) error { n++; return stop })
		assert.ErrorIs(t, err, stop)
		assert.Equal(t, 1, n)
		return nil
	})
}

func TestInvitations(t *testing.T) {
	db := openDB(t)
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	update(t, db, func(tx *storage.Tx) error {
		require.NoError(t, tx.PutInvitation(quota.Invitation{Code: "good", Role: quota.RoleSecretary, Orgs: []string{"A"},
			CreatedBy: 1, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}))
		return tx.PutInvitation(quota.Invitation{Code: "old", Role: quota.RoleLeader, CreatedBy: 1,
			CreatedAt: now.Add(-48 * time.Hour), ExpiresAt: now.Add(-time.Hour)})
	})
	update(t, db, func(tx *storage.Tx) error {
		inv, err := tx.RedeemInvitation("good", 42, now.Add(time.Minute))
		require.NoError(t, err)
		assert.Equal(t, quota.RoleSecretary, inv.Role)
		assert.Equal(t, []string{"A"}, inv.Orgs)
		assert.Equal(t, int64(42), inv.UsedBy)
		return nil
	})
	update(t, db, func(tx *storage.Tx) error {
		inv, err := tx.RedeemInvitation("good", 43, now.Add(2*time.Minute))
		require.ErrorIs(t, err, storage.ErrInvitationUsed)
		assert.Equal(t, int64(42), inv.UsedBy, "the first redeemer stays")

		_, err = tx.RedeemInvitation("old", 43, now)
		require.ErrorIs(t, err, storage.ErrInvitationExpired)
		_, err = tx.RedeemInvitation("nope", 43, now)
		require.ErrorIs(t, err, storage.ErrNotFound)

		stored, err := tx.Invitation("good")
		require.NoError(t, err)
		assert.Equal(t, int64(42), stored.UsedBy)
		assert.True(t, stored.UsedAt.Equal(now.Add(time.Minute)))
		return nil
	})
	// Expiry is exclusive: at the instant of expiry the code no longer works.
	update(t, db, func(tx *storage.Tx) error {
		require.NoError(t, tx.PutInvitation(quota.Invitation{Code: "edge", ExpiresAt: now}))
		_, err := tx.RedeemInvitation("edge", 44, now)
		assert.ErrorIs(t, err, storage.ErrInvitationExpired)
		return nil
	})
}

func TestInboxUpdates(t *testing.T) {
	db := openDB(t)
	base := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	update(t, db, func(tx *storage.Tx) error {
		assert.False(t, tx.UpdateHandled(100))
		require.NoError(t, tx.MarkUpdateHandled(100, base.Add(-72*time.Hour)))
		require.NoError(t, tx.MarkUpdateHandled(101, base.Add(-49*time.Hour)))
		require.NoError(t, tx.MarkUpdateHandled(102, base.Add(-time.Hour)))
		require.NoError(t, tx.MarkUpdateHandled(103, base))
		return nil
	})
	view(t, db, func(tx *storage.Tx) error {
		for _, id := range []int64{100, 101, 102, 103} {
			assert.True(t, tx.UpdateHandled(id), "%d", id)
		}
		assert.False(t, tx.UpdateHandled(104))
		return nil
	})
	update(t, db, func(tx *storage.Tx) error {
		n, err := tx.PruneHandledUpdates(base.Add(-48 * time.Hour))
		require.NoError(t, err)
		assert.Equal(t, 2, n)
		return nil
	})
	view(t, db, func(tx *storage.Tx) error {
		assert.False(t, tx.UpdateHandled(100))
		assert.False(t, tx.UpdateHandled(101))
		assert.True(t, tx.UpdateHandled(102))
		assert.True(t, tx.UpdateHandled(103))
		return nil
	})
}

func TestUsers(t *testing.T) {
	db := openDB(t)
	update(t, db, func(tx *storage.Tx) error {
		created, err := tx.PutUser(quota.User{ID: 7, Role: quota.RoleSecretary, Orgs: []string{"A"}, Name: "Lê Thị Hồng"})
		require.NoError(t, err)
		assert.True(t, created)
		created, err = tx.PutUser(quota.User{ID: 7, Role: quota.RoleSecretary, Orgs: []string{"A", "B"}})
		require.NoError(t, err)
		assert.False(t, created)
		_, err = tx.PutUser(quota.User{ID: 8, Role: quota.RoleLeader})
		require.NoError(t, err)

		found, err := tx.SetUnreachable(7, true)
		require.NoError(t, err)
		assert.True(t, found)
		found, err = tx.SetUnreachable(-100123, true)
		require.NoError(t, err)
		assert.False(t, found, "a group chat is nobody's private chat")
		return nil
	})
	view(t, db, func(tx *storage.Tx) error {
		u, err := tx.User(7)
		require.NoError(t, err)
		assert.Equal(t, []string{"A", "B"}, u.Orgs)
		assert.True(t, u.Unreachable)
		_, err = tx.User(9)
		assert.ErrorIs(t, err, storage.ErrNotFound)
		var ids []int64
		require.NoError(t, tx.EachUser(func(u quota.User) error { ids = append(ids, u.ID); return nil }))
		assert.Equal(t, []int64{7, 8}, ids)
		return nil
	})
}

func TestLastRunSurvivesReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quotabot.db")
	db, err := storage.Open(path, storage.Options{})
	require.NoError(t, err)
	zero, err := db.LastRun("digest")
	require.NoError(t, err)
	assert.True(t, zero.IsZero())
	at := time.Date(2026, 6, 15, 8, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	require.NoError(t, db.SetLastRun("digest", at))
	require.NoError(t, db.Close())

	db = openAt(t, path)
	got, err := db.LastRun("digest")
	require.NoError(t, err)
	assert.True(t, got.Equal(at))
}

func TestConcurrentAdmissionsAllCount(t *testing.T) {
	// Without fsync 400 commits take milliseconds; locking is what is tested.
	db, err := storage.Open(filepath.Join(t.TempDir(), "quotabot.db"), storage.Options{NoSync: true})
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	const workers, each = 8, 50
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				errs <- db.Update(func(tx *storage.Tx) error {
					return tx.AddAdmission(&quota.Admission{
						Org: "A", Name: fmt.Sprintf("Người Số %c%c", 'A'+rune(w), 'A'+rune(i%26)) + string(rune('a'+i/26)),
						Date: day(1, 3, 2026), ReportedBy: int64(w + 1),
					})
				})
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	view(t, db, func(tx *storage.Tx) error {
		assert.Equal(t, workers*each, tx.Tally(2026, "A").Admitted)
		assert.Equal(t, workers*each, tx.AdmittedBetween("", day(1, 1, 2026), day(31, 12, 2026)))
		return nil
	})
}

func TestFindOrgIgnoresCaseButNeverGuesses(t *testing.T) {
	db := openDB(t)
	update(t, db, func(tx *storage.Tx) error {
		for _, code := range []string{"CB_A1", "DU_B", "du_b"} {
			if _, err := tx.PutOrg(quota.Org{Code: code, Name: "Tổ chức " + code}); err != nil {
				return err
			}
		}
		return nil
	})
	view(t, db, func(tx *storage.Tx) error {
		o, err := tx.FindOrg("cb_a1")
		require.NoError(t, err)
		assert.Equal(t, "CB_A1", o.Code, "found as stored")
		o, err = tx.FindOrg("du_b")
		require.NoError(t, err)
		assert.Equal(t, "du_b", o.Code, "the exact code first")
		_, err = tx.FindOrg("Du_B")
		assert.ErrorIs(t, err, storage.ErrNotFound, "two codes differ only in case: no guess")
		_, err = tx.FindOrg("CB_A")
		assert.ErrorIs(t, err, storage.ErrNotFound)
		return nil
	})
}
