package storage

import (
	"encoding/binary"
	"encoding/json"
	"errors"

	"quotabot/quota"
)

// Organizations are read at every report and, 60,000 of them, made 6 MB
// of the national file in JSON, most of it field names and the code the
// key already holds. Since schema 12 an organization is stored compact:
// a version byte, then its name, parent, flags, the day of its
// deactivation, its group and order, as varints and length-prefixed
// strings; the code is the key's. A record that begins with '{' is the
// JSON of a schema before 12.
const orgCompact = 0x01

// orgFields are the fields of quota.Org this form carries; a test fails
// when the domain adds one it does not.
var orgFields = []string{"Code", "Name", "Parent", "Inactive", "InactiveFrom", "Group", "Order"}

const orgInactive = 1

func encodeOrg(o quota.Org) []byte {
	var flags byte
	if o.Inactive {
		flags |= orgInactive
	}
	v := make([]byte, 0, 16+len(o.Name)+len(o.Parent)+len(o.Group))
	v = append(v, orgCompact)
	v = appendString(v, o.Name)
	v = appendString(v, o.Parent)
	v = append(v, flags)
	v = binary.AppendUvarint(v, uint64(o.InactiveFrom.Key()))
	v = appendString(v, o.Group)
	v = binary.AppendVarint(v, int64(o.Order))
	return v
}

// decodeOrg reads the record of the organization whose code is the key.
func decodeOrg(code string, v []byte) (quota.Org, error) {
	var o quota.Org
	if len(v) > 0 && v[0] == '{' {
		err := json.Unmarshal(v, &o)
		return o, err
	}
	if len(v) == 0 || v[0] != orgCompact {
		return o, errors.New("not an organization record")
	}
	r := compactReader{b: v[1:]}
	o.Code = code
	o.Name = r.string()
	o.Parent = r.string()
	flags := r.byte()
	from := r.uvarint()
	o.Group = r.string()
	order := r.varint()
	switch {
	case r.err != nil:
		return o, r.err
	case len(r.b) != 0:
		return o, errors.New("the record goes on past its last field")
	case flags&^orgInactive != 0:
		return o, errors.New("unknown flags")
	case from > 1<<32-1:
		return o, errors.New("the day of deactivation is out of range")
	case int64(int(order)) != order:
		return o, errors.New("the order is out of range")
	}
	o.Inactive, o.Order = flags&orgInactive != 0, int(order)
	if from != 0 {
		o.InactiveFrom = quota.DateFromKey(uint32(from))
	}
	return o, nil
}

// migrateCompactOrgs rewrites every organization of a database from
// before schema 12 in the compact form.
func migrateCompactOrgs(tx *Tx) error {
	return compactRecords(tx, bucketOrgs, "organization", func(k, v []byte) ([]byte, error) {
		o, err := decodeOrg(string(k), v)
		if err != nil {
			return nil, err
		}
		return encodeOrg(o), nil
	})
}
