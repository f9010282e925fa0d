package storage

import (
	"fmt"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// Group commit: every commit pays bbolt's two syncs whatever it holds, so
// the updates that arrive together (one getUpdates batch, concurrent
// webhook requests) share one. A call that arrives while a commit is
// under way waits for the next one instead of a sync of its own; a call
// that arrives alone commits at once, as Update would.

// maxGroup bounds the calls of one transaction, so its pages stay few and
// a call waits for at most that many others.
const maxGroup = 128

type groupCall struct {
	fn   func(tx *Tx) error
	done chan error
}

type grouper struct {
	mu      sync.Mutex
	pending []*groupCall
	running bool // a goroutine is committing what is pending
}

// Group runs fn in a read-write transaction shared with the calls that
// arrive while another commit is under way, and returns once that
// transaction has been committed. Each call's effects are all or
// nothing: when fn returns an error (or panics), the shared transaction
// is rolled back, that call returns its error having changed nothing,
// and the other calls run again without it. So fn may run more than
// once, and must not act outside the transaction except through
// OnCommit. Calls see one another's effects in the order they run, as
// if they had run one after another.
func (db *DB) Group(fn func(tx *Tx) error) error {
	c := &groupCall{fn: fn, done: make(chan error, 1)}
	g := &db.group
	g.mu.Lock()
	g.pending = append(g.pending, c)
	lead := !g.running
	g.running = true
	g.mu.Unlock()
	if lead {
		db.commitGroups(c)
	}
	return <-c.done
}

// commitGroups commits what is pending, one transaction after another,
// until own's has been committed; then it hands what is left to another
// goroutine, so own's caller does not wait for later arrivals.
func (db *DB) commitGroups(own *groupCall) {
	g := &db.group
	for {
		g.mu.Lock()
		calls := g.pending[:min(len(g.pending), maxGroup)]
		g.pending = g.pending[len(calls):]
		if len(calls) == 0 {
			g.pending = nil
			g.running = false
			g.mu.Unlock()
			return
		}
		g.mu.Unlock()
		mine := false
		for _, c := range calls {
			mine = mine || c == own
		}
		db.commitGroup(calls)
		if mine {
			g.mu.Lock()
			more := len(g.pending) > 0
			if !more {
				g.running = false
			}
			g.mu.Unlock()
			if more {
				go db.commitGroups(nil)
			}
			return
		}
	}
}

// commitGroup runs the calls in one transaction; a call that fails is
// told so and the others run again without it.
func (db *DB) commitGroup(calls []*groupCall) {
	for len(calls) > 0 {
		failed, failure := -1, error(nil)
		err := db.bolt.Update(func(btx *bolt.Tx) error {
			st := &txState{}
			for i, c := range calls {
				if err := runGrouped(c.fn, &Tx{tx: btx, db: db, txState: st}); err != nil {
					failed, failure = i, err
					return err
				}
			}
			return nil
		})
		if failed < 0 {
			for _, c := range calls {
				c.done <- err
			}
			return
		}
		calls[failed].done <- failure
		calls = append(calls[:failed:failed], calls[failed+1:]...)
	}
}

// runGrouped runs one call, a panic turned into its error so that the
// calls sharing its transaction are not lost with it.
func runGrouped(fn func(tx *Tx) error, tx *Tx) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic in a grouped transaction: %v", r)
		}
	}()
	return fn(tx)
}
