package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	"quotabot/quota"
)

// A user is read at every update, and in JSON its field names, its
// quoted numbers and its RFC 3339 time were most of each record: 160
// bytes for a secretary, 20 MB of the national file. Since schema 12 a
// user is stored compact: a version byte, then the fields in order as
// varints and length-prefixed strings, the flags in one byte. A record
// that begins with '{' is the JSON of a schema before 12.
const userCompact = 0x01

// userFields are the fields of quota.User this form carries; a test fails
// when the domain adds one it does not.
var userFields = []string{"ID", "Role", "Orgs", "Name", "Username", "Lang", "LangChosen", "ChatID",
	"Unreachable", "RegisteredAt", "InvitedBy"}

const (
	userLangChosen = 1 << iota
	userUnreachable
)

func encodeUser(u quota.User) ([]byte, error) {
	at, err := u.RegisteredAt.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("encoding the time user %d registered: %w", u.ID, err)
	}
	var flags byte
	if u.LangChosen {
		flags |= userLangChosen
	}
	if u.Unreachable {
		flags |= userUnreachable
	}
	v := make([]byte, 0, 40+len(u.Name)+len(u.Username)+len(at)+16*len(u.Orgs))
	v = append(v, userCompact)
	v = binary.AppendVarint(v, u.ID)
	v = appendString(v, string(u.Role))
	v = binary.AppendUvarint(v, uint64(len(u.Orgs)))
	for _, o := range u.Orgs {
		v = appendString(v, o)
	}
	v = appendString(v, u.Name)
	v = appendString(v, u.Username)
	v = appendString(v, u.Lang)
	v = append(v, flags)
	v = binary.AppendVarint(v, u.ChatID)
	v = appendString(v, string(at))
	v = binary.AppendVarint(v, u.InvitedBy)
	return v, nil
}

func decodeUser(v []byte) (quota.User, error) {
	var u quota.User
	if len(v) > 0 && v[0] == '{' {
		err := json.Unmarshal(v, &u)
		return u, err
	}
	if len(v) == 0 || v[0] != userCompact {
		return u, errors.New("not a user record")
	}
	r := compactReader{b: v[1:]}
	u.ID = r.varint()
	u.Role = quota.Role(r.string())
	n := r.uvarint()
	// Each code takes at least its length byte: a count beyond what is
	// left is a damaged record, not an allocation to make.
	if r.err == nil && n > uint64(len(r.b)) {
		return u, errShortRecord
	}
	for i := uint64(0); i < n && r.err == nil; i++ {
		u.Orgs = append(u.Orgs, r.string())
	}
	u.Name = r.string()
	u.Username = r.string()
	u.Lang = r.string()
	flags := r.byte()
	u.ChatID = r.varint()
	at := r.string()
	u.InvitedBy = r.varint()
	if r.err != nil {
		return u, r.err
	}
	if len(r.b) != 0 {
		return u, errors.New("the record goes on past its last field")
	}
	if flags&^(userLangChosen|userUnreachable) != 0 {
		return u, errors.New("unknown flags")
	}
	u.LangChosen, u.Unreachable = flags&userLangChosen != 0, flags&userUnreachable != 0
	if err := u.RegisteredAt.UnmarshalBinary([]byte(at)); err != nil {
		return u, fmt.Errorf("the time the user registered: %w", err)
	}
	return u, nil
}

// reporterKey is the key of an admission in the index by reporter,
// among the users: the reporter's own key, then the admission's id, so a
// user's record and the admissions the user reported share a page.
func reporterKey(user int64, id uint64) []byte { return append(i64(user), u64(id)...) }

// oldAdmByUser is the index by reporter of schemas before 12, a bucket
// of its own keyed as reporterKey.
var oldAdmByUser = []byte("adm_by_user")

// rebuildUsers writes the users of a database from before schema 12 anew:
// every record compact, and the keys of the index by reporter among them.
// A report reads the reporter's record and writes its key: one page
// instead of a page in each of two buckets. Written in order on full
// pages, as moveDedupeByOrg writes its index.
func rebuildUsers(tx *Tx) error {
	var keys []keyValue
	err := tx.bucket(bucketUsers).ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			keys = append(keys, keyValue{bytes.Clone(k), nil})
			return nil
		}
		u, err := decodeUser(v)
		if err != nil {
			return fmt.Errorf("decoding user %x: %w", k, err)
		}
		nv, err := encodeUser(u)
		if err != nil {
			return err
		}
		keys = append(keys, keyValue{bytes.Clone(k), nv})
		return nil
	})
	if err != nil {
		return err
	}
	if old := tx.tx.Bucket(oldAdmByUser); old != nil {
		err := old.ForEach(func(k, _ []byte) error {
			if len(k) != 16 {
				return fmt.Errorf("an entry of the index by reporter is malformed: %x", k)
			}
			keys = append(keys, keyValue{bytes.Clone(k), nil})
			return nil
		})
		if err != nil {
			return fmt.Errorf("moving the index by reporter: %w", err)
		}
	}
	return rebuildBucket(tx, bucketUsers, keys, oldAdmByUser)
}

func (r *compactReader) byte() byte {
	if r.err != nil {
		return 0
	}
	if len(r.b) == 0 {
		r.err = errShortRecord
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}
