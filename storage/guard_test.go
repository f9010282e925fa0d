package storage_test

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"quotabot/storage"
)

// filledDB is a closed database with enough records that its buckets
// have pages of their own.
func filledDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "quotabot.db")
	db, err := storage.Open(path, storage.Options{NoSync: true})
	require.NoError(t, err)
	for i := range 200 {
		addOrg(t, db, fmt.Sprintf("CB_%03d", i), 10)
	}
	for i := range 300 {
		admit(t, db, fmt.Sprintf("CB_%03d", i%200), fmt.Sprintf("Nguyễn Văn An %d", i))
	}
	require.NoError(t, db.Close())
	return path
}

func hashOf(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	h := sha256.New()
	_, err = io.Copy(h, f)
	require.NoError(t, err)
	return fmt.Sprintf("%x", h.Sum(nil))
}

// refused opens path, requires a refusal of the given kind that names
// the file, and requires the file unchanged.
func refused(t *testing.T, path string, kind error) error {
	t.Helper()
	before := hashOf(t, path)
	var err error
	require.NotPanics(t, func() {
		var db *storage.DB
		db, err = storage.Open(path, storage.Options{LockTimeout: 200 * time.Millisecond})
		if err == nil {
			_ = db.Close()
		}
	})
	require.Error(t, err)
	assert.ErrorIs(t, err, kind)
	assert.Contains(t, err.Error(), path, "the message names the file")
	assert.Equal(t, before, hashOf(t, path), "a refused file must not be written")
	t.Log(err)
	return err
}

// crashCopy is the file as a crash leaves it: the bot had it open, so no
// clean-shutdown mark.
func crashCopy(t *testing.T, path string) string {
	t.Helper()
	db, err := storage.Open(path, storage.Options{})
	require.NoError(t, err)
	addOrg(t, db, "CB_NEW", 3)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, db.Close())
	crashed := filepath.Join(t.TempDir(), "crashed.db")
	require.NoError(t, os.WriteFile(crashed, data, 0o600))
	return crashed
}

func TestOpenRefusesFileCutShort(t *testing.T) {
	path := filledDB(t)
	// Half of what its pages need, not of the file: bbolt grows a file in
	// steps, so the pages in use can all lie in its first half.
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	require.NoError(t, err)
	var need int64
	require.NoError(t, b.View(func(tx *bolt.Tx) error { need = tx.Size(); return nil }))
	require.NoError(t, b.Close())
	for _, size := range []int64{need / 2, 3 * 4096, 5000} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			cut := filepath.Join(t.TempDir(), "cut.db")
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(cut, data[:size], 0o600))
			err = refused(t, cut, storage.ErrDamaged)
			assert.Contains(t, err.Error(), "quotabot check")
			assert.Contains(t, err.Error(), "quotabot restore")
		})
	}
}

func TestOpenRefusesForeignBolt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	b, err := bolt.Open(path, 0o600, nil)
	require.NoError(t, err)
	require.NoError(t, b.Update(func(tx *bolt.Tx) error {
		bk, err := tx.CreateBucket([]byte("sessions"))
		if err != nil {
			return err
		}
		return bk.Put([]byte("k"), []byte("v"))
	}))
	require.NoError(t, b.Close())
	err = refused(t, path, storage.ErrNotQuotabot)
	assert.Contains(t, err.Error(), "another program")

	// Its own buckets are all it has: quotabot created none of its 25.
	b, err = bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	require.NoError(t, err)
	defer b.Close()
	var names []string
	require.NoError(t, b.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, _ *bolt.Bucket) error { names = append(names, string(name)); return nil })
	}))
	assert.Equal(t, []string{"sessions"}, names)
}

func TestOpenRefusesNotBolt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	require.NoError(t, os.WriteFile(path, []byte("these are someone's notes, not a database\n"), 0o600))
	_ = refused(t, path, storage.ErrNotQuotabot)
}

// zeroPage overwrites the root page of a bucket with zeros, as a bad
// sector or a stray write would.
func zeroPage(t *testing.T, path, bucket string) {
	t.Helper()
	var page uint64
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	require.NoError(t, err)
	require.NoError(t, b.View(func(tx *bolt.Tx) error {
		page = uint64(tx.Bucket([]byte(bucket)).Root())
		return nil
	}))
	size := b.Info().PageSize
	require.NoError(t, b.Close())
	require.NotZero(t, page, "the bucket must have a page of its own")
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteAt(make([]byte, size), int64(page)*int64(size))
	require.NoError(t, err)
	require.NoError(t, f.Close())
}

func TestOpenChecksAfterUncleanStop(t *testing.T) {
	crashed := crashCopy(t, filledDB(t))
	zeroPage(t, crashed, "orgs")
	err := refused(t, crashed, storage.ErrDamaged)
	assert.Contains(t, err.Error(), "quotabot restore")

	problems, err := storage.VerifyFile(crashed)
	require.NoError(t, err)
	assert.NotEmpty(t, problems, "quotabot check shows the damage")
}

func TestOpenAfterUncleanStopOfSoundFile(t *testing.T) {
	crashed := crashCopy(t, filledDB(t))
	db, err := storage.Open(crashed, storage.Options{})
	require.NoError(t, err, "a sound file is served after the check")
	require.NoError(t, db.View(func(tx *storage.Tx) error {
		_, err := tx.Org("CB_NEW")
		return err
	}))
	require.NoError(t, db.Close())
}

// The mark is there after Close and gone while the file is open.
func TestCleanShutdownMark(t *testing.T) {
	path := filledDB(t)
	marked := func() bool {
		b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: 100 * time.Millisecond})
		require.NoError(t, err)
		defer b.Close()
		var ok bool
		require.NoError(t, b.View(func(tx *bolt.Tx) error {
			ok = tx.Bucket([]byte("meta")).Get([]byte("clean_shutdown")) != nil
			return nil
		}))
		return ok
	}
	assert.True(t, marked())
	db, err := storage.Open(path, storage.Options{})
	require.NoError(t, err)
	// Read through a copy: the open file is locked.
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, db.Close())
	assert.True(t, marked())
	require.NoError(t, os.WriteFile(path, data, 0o600))
	assert.False(t, marked(), "an open database carries no clean mark")
}

func TestVerifyFileSound(t *testing.T) {
	problems, err := storage.VerifyFile(filledDB(t))
	require.NoError(t, err)
	assert.Empty(t, problems)
}

// quotabot restore is what a refused file points to: it replaces a file
// cut short or with a zeroed page, without a panic.
func TestRestoreOverRefusedFile(t *testing.T) {
	src := filledDB(t)
	backup := filepath.Join(t.TempDir(), "backup.db")
	data, err := os.ReadFile(src)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(backup, data, 0o600))

	cut := filepath.Join(t.TempDir(), "cut.db")
	require.NoError(t, os.WriteFile(cut, data[:len(data)/3], 0o600))
	zeroed := crashCopy(t, src)
	zeroPage(t, zeroed, "orgs")
	for _, live := range []string{cut, zeroed} {
		_ = refused(t, live, storage.ErrDamaged)
		require.NotPanics(t, func() { require.NoError(t, storage.Restore(backup, live)) })
		db, err := storage.Open(live, storage.Options{})
		require.NoError(t, err, "the restored file opens")
		assert.Equal(t, 10, tally(t, db, "CB_000").Quota)
		require.NoError(t, db.Close())
	}
}

// A page damaged while the file is open, or while it was stopped with
// its clean mark, makes bbolt panic when read; DamageOf names it, so the
// chat can say what to do instead of an internal error.
func TestDamageOfAPageReadWhileServing(t *testing.T) {
	path := filledDB(t)
	db, err := storage.Open(path, storage.Options{})
	require.NoError(t, err)
	defer db.Close()
	page := db.RootPage("orgs")
	require.NotZero(t, page)
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteAt(make([]byte, 4096), int64(page)*4096)
	require.NoError(t, err)
	require.NoError(t, f.Close())

	var damage error
	func() {
		defer func() {
			p := recover()
			require.NotNil(t, p, "bbolt panics on the zeroed page")
			damage = storage.DamageOf(p)
		}()
		_ = db.View(func(tx *storage.Tx) error {
			_, err := tx.Org("CB_150")
			return err
		})
	}()
	require.ErrorIs(t, damage, storage.ErrPageDamaged)
	assert.Contains(t, damage.Error(), "quotabot check")
	assert.Nil(t, storage.DamageOf("runtime error: index out of range [3] with length 2"), "other panics are not damage")
}
