package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"quotabot/quota"
)

// ErrNotFound is returned for a record that does not exist.
var ErrNotFound = errors.New("not found")

// PutOrg creates or replaces an organization; created is true when it was new.
func (tx *Tx) PutOrg(o quota.Org) (created bool, err error) {
	if err := quota.ValidateCode(o.Code); err != nil {
		return false, err
	}
	b := tx.bucket(bucketOrgs)
	old, err := tx.Org(o.Code)
	created = err != nil
	children := tx.bucket(bucketChildren)
	if !created && old.Parent != "" && old.Parent != o.Parent {
		if err := children.Delete(childKey(old.Parent, o.Code)); err != nil {
			return false, fmt.Errorf("moving organization %s: %w", o.Code, err)
		}
	}
	if o.Parent != "" {
		if err := children.Put(childKey(o.Parent, o.Code), nil); err != nil {
			return false, fmt.Errorf("attaching organization %s to %s: %w", o.Code, o.Parent, err)
		}
	}
	v, err := json.Marshal(o)
	if err != nil {
		return false, fmt.Errorf("encoding organization %s: %w", o.Code, err)
	}
	if err := b.Put([]byte(o.Code), v); err != nil {
		return false, fmt.Errorf("saving organization %s: %w", o.Code, err)
	}
	// The tree is part of the figures: which organizations are base
	// organizations, what rolls up where.
	tx.touch()
	return created, nil
}

func childKey(parent, child string) []byte { return []byte(parent + "\x00" + child) }

// Children lists the codes of the organizations directly under parent.
func (tx *Tx) Children(parent string) []string {
	var out []string
	prefix := []byte(parent + "\x00")
	c := tx.bucket(bucketChildren).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		out = append(out, string(k[len(prefix):]))
	}
	return out
}

// Subtree lists code and every organization below it, parents first.
func (tx *Tx) Subtree(code string) []string {
	out := []string{code}
	seen := map[string]bool{code: true}
	for i := 0; i < len(out); i++ {
		for _, c := range tx.Children(out[i]) {
			if !seen[c] { // a corrupt cycle must not loop forever
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// Org reads one organization by its code.
func (tx *Tx) Org(code string) (quota.Org, error) {
	return getRecord[quota.Org](tx, bucketOrgs, []byte(code), "organization "+code)
}

// Orgs reads every organization, ordered by code.
func (tx *Tx) Orgs() ([]quota.Org, error) {
	var orgs []quota.Org
	err := eachRecord(tx, bucketOrgs, "organization", func(_ []byte, o quota.Org) error {
		orgs = append(orgs, o)
		return nil
	})
	return orgs, err
}

// Lineage is the organization's code and its parents' codes, nearest
// first, for the domain's assignment rules.
func (tx *Tx) Lineage(code string) quota.Lineage {
	out := quota.Lineage{code}
	seen := map[string]bool{code: true}
	for {
		o, err := tx.Org(out[len(out)-1])
		if err != nil || o.Parent == "" || seen[o.Parent] { // a corrupt cycle must not loop forever
			return out
		}
		seen[o.Parent] = true
		out = append(out, o.Parent)
	}
}
