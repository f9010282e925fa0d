package storage

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
)

// queued waits until n calls wait for the next commit.
func queued(t *testing.T, db *DB, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		db.group.mu.Lock()
		k := len(db.group.pending)
		db.group.mu.Unlock()
		if k >= n {
			return
		}
		require.True(t, time.Now().Before(deadline), "%d of %d calls queued", k, n)
		time.Sleep(time.Millisecond)
	}
}

// Calls that arrive while a commit is under way share the next one; one
// that fails or panics changes nothing and the others keep their effects.
func TestGroupSharesOneCommitAndIsolatesFailures(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "quotabot.db"), Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })

	var mu sync.Mutex
	txIDs := map[int]int{} // bbolt transaction id -> calls committed in it
	release, started := make(chan struct{}), make(chan struct{})
	const n = 20
	errs := make([]error, n+1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		errs[n] = db.Group(func(tx *Tx) error {
			close(started)
			<-release // holds the commit while the others arrive
			id := tx.tx.ID()
			tx.OnCommit(func() { mu.Lock(); txIDs[id]++; mu.Unlock() })
			return tx.AddAudit(AuditEntry{What: "first"})
		})
	}()
	<-started
	boom := errors.New("refused")
	stable := make([]bool, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = db.Group(func(tx *Tx) error {
				stable[i] = tx.Stable()
				a := quota.Admission{Org: "CB_01", Name: fmt.Sprintf("Nguyễn Văn An %d", i), Date: quota.Date{Year: 2026, Month: 3, Day: 2}}
				if err := tx.AddAdmission(&a); err != nil {
					return err
				}
				switch i {
				case 7:
					return boom
				case 13:
					panic("a handler's bug")
				}
				id := tx.tx.ID()
				tx.OnCommit(func() { mu.Lock(); txIDs[id]++; mu.Unlock() })
				return nil
			})
		}()
	}
	queued(t, db, n)
	close(release)
	wg.Wait()

	for i, err := range errs {
		switch i {
		case 7:
			assert.ErrorIs(t, err, boom)
		case 13:
			assert.ErrorContains(t, err, "a handler's bug")
		default:
			assert.NoError(t, err, "call %d", i)
		}
	}
	assert.Len(t, txIDs, 2, "the first call's commit, then one for all that waited: %v", txIDs)
	total := 0
	for _, k := range txIDs {
		total += k
	}
	assert.Equal(t, n-1, total)
	require.NoError(t, db.View(func(tx *Tx) error {
		assert.Equal(t, n-2, tx.Tally(2026, "CB_01").Admitted, "the failed calls left nothing")
		_, found := tx.FindAdmission("CB_01", quota.Date{Year: 2026, Month: 3, Day: 2}, "Nguyễn Văn An 7")
		assert.False(t, found)
		_, found = tx.FindAdmission("CB_01", quota.Date{Year: 2026, Month: 3, Day: 2}, "Nguyễn Văn An 12")
		assert.True(t, found)
		return nil
	}))
	// Figures read after another call of the same transaction changed
	// them are not the committed ones: none of the grouped calls may
	// cache, except one that ran first in its transaction.
	unstable := 0
	for _, s := range stable {
		if !s {
			unstable++
		}
	}
	assert.GreaterOrEqual(t, unstable, n-2)
	db.group.mu.Lock()
	defer db.group.mu.Unlock()
	assert.Empty(t, db.group.pending)
	assert.False(t, db.group.running)
}
