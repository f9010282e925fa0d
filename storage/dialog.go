package storage

import "fmt"

// Dialog reads the state of a user's guided dialog; nil when none.
func (tx *Tx) Dialog(user int64) []byte {
	v := tx.bucket(bucketDialogs).Get(i64(user))
	if v == nil {
		return nil
	}
	return append([]byte(nil), v...)
}

// PutDialog saves the state of a user's guided dialog.
func (tx *Tx) PutDialog(user int64, state []byte) error {
	if err := tx.bucket(bucketDialogs).Put(i64(user), state); err != nil {
		return fmt.Errorf("saving the dialog of user %d: %w", user, err)
	}
	return nil
}

// DeleteDialog ends a user's guided dialog.
func (tx *Tx) DeleteDialog(user int64) error {
	return tx.bucket(bucketDialogs).Delete(i64(user))
}
