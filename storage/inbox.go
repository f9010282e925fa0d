package storage

import (
	"encoding/binary"
	"fmt"
	"time"
)

// The inbox remembers which Telegram updates were handled, in the same
// transaction as their effects, so an update delivered again after a crash
// changes nothing.

// UpdateHandled reports whether the update was already handled.
func (tx *Tx) UpdateHandled(updateID int64) bool {
	return tx.bucket(bucketUpdates).Get(i64(updateID)) != nil
}

// MarkUpdateHandled records the update as handled.
func (tx *Tx) MarkUpdateHandled(updateID int64, at time.Time) error {
	if err := tx.bucket(bucketUpdates).Put(i64(updateID), i64(at.UnixNano())); err != nil {
		return fmt.Errorf("recording update %d: %w", updateID, err)
	}
	return nil
}

// PruneHandledUpdates forgets updates handled before the time. Telegram
// keeps an unconfirmed update for 24 hours, so a few days is plenty.
func (tx *Tx) PruneHandledUpdates(before time.Time) (int, error) {
	c := tx.bucket(bucketUpdates).Cursor()
	n := 0
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(v) == 8 && int64(binary.BigEndian.Uint64(v)) < before.UnixNano() {
			if err := c.Delete(); err != nil {
				return n, fmt.Errorf("pruning handled updates: %w", err)
			}
			n++
		}
	}
	return n, nil
}

// LastHandledUpdate is the highest update id remembered as handled; 0 when
// none is.
func (tx *Tx) LastHandledUpdate() int64 {
	k, _ := tx.bucket(bucketUpdates).Cursor().Last()
	if len(k) != 8 {
		return 0
	}
	return int64(be64(k))
}
