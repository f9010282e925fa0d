package storage

import (
	"encoding/json"
	"fmt"
)

// Records are JSON. getRecord and eachRecord are the one place that reads
// and decodes them; what names the record in errors ("user 42").

// getRecord reads the record under key; ErrNotFound when there is none.
func getRecord[T any](tx *Tx, bucket, key []byte, what string) (T, error) {
	var rec T
	v := tx.bucket(bucket).Get(key)
	if v == nil {
		return rec, fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	if err := json.Unmarshal(v, &rec); err != nil {
		return rec, fmt.Errorf("decoding %s: %w", what, err)
	}
	return rec, nil
}

// eachRecord calls f for every record of a bucket in key order; what
// names the kind of record in errors.
func eachRecord[T any](tx *Tx, bucket []byte, what string, f func(key []byte, rec T) error) error {
	return tx.bucket(bucket).ForEach(func(k, v []byte) error {
		var rec T
		if err := json.Unmarshal(v, &rec); err != nil {
			return fmt.Errorf("decoding %s %x: %w", what, k, err)
		}
		return f(k, rec)
	})
}

// decodeRecord decodes a record a cursor stands on, so a pass along a
// bucket does not look up each key again; the caller says what it was.
func decodeRecord[T any](v []byte) (T, error) {
	var rec T
	err := json.Unmarshal(v, &rec)
	return rec, err
}
