package storage

import (
	"fmt"

	"quotabot/quota"
)

// PutUser creates or replaces a user; created is true when it was new.
func (tx *Tx) PutUser(u quota.User) (created bool, err error) {
	b := tx.bucket(bucketUsers)
	k := i64(u.ID)
	created = b.Get(k) == nil
	v, err := encodeUser(u)
	if err != nil {
		return false, err
	}
	if err := tx.insert(bucketUsers, k, v); err != nil {
		return false, fmt.Errorf("saving user %d: %w", u.ID, err)
	}
	return created, nil
}

// User reads a registered user.
func (tx *Tx) User(id int64) (quota.User, error) {
	v := tx.bucket(bucketUsers).Get(i64(id))
	if v == nil {
		return quota.User{}, fmt.Errorf("user %d: %w", id, ErrNotFound)
	}
	u, err := decodeUser(v)
	if err != nil {
		return u, fmt.Errorf("decoding user %d: %w", id, err)
	}
	return u, nil
}

// DeleteUser removes a user's registration.
func (tx *Tx) DeleteUser(id int64) error {
	return tx.bucket(bucketUsers).Delete(i64(id))
}

// EachUser calls f for every registered user.
func (tx *Tx) EachUser(f func(u quota.User) error) error {
	return tx.bucket(bucketUsers).ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			return nil // an admission the user reported
		}
		u, err := decodeUser(v)
		if err != nil {
			return fmt.Errorf("decoding user %x: %w", k, err)
		}
		return f(u)
	})
}

// SetUnreachable marks the user whose private chat is chatID as having
// blocked the bot, or as reachable again.
func (tx *Tx) SetUnreachable(chatID int64, unreachable bool) (found bool, err error) {
	u, err := tx.User(chatID)
	if err != nil {
		return false, nil //nolint:nilerr // a chat that is not a user's private chat
	}
	if u.Unreachable == unreachable {
		return true, nil
	}
	u.Unreachable = unreachable
	_, err = tx.PutUser(u)
	return true, err
}
