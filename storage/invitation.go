package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"quotabot/quota"
)

// Errors of RedeemInvitation.
var (
	ErrInvitationUsed    = errors.New("the invitation was already used")
	ErrInvitationExpired = errors.New("the invitation has expired")
)

// PutInvitation saves an invitation.
func (tx *Tx) PutInvitation(inv quota.Invitation) error {
	v, err := json.Marshal(inv)
	if err != nil {
		return fmt.Errorf("encoding an invitation: %w", err)
	}
	if err := tx.bucket(bucketInvitations).Put([]byte(inv.Code), v); err != nil {
		return fmt.Errorf("saving an invitation: %w", err)
	}
	return nil
}

// Invitation reads an invitation by its code.
func (tx *Tx) Invitation(code string) (quota.Invitation, error) {
	// The code is a secret: errors do not repeat it.
	return getRecord[quota.Invitation](tx, bucketInvitations, []byte(code), "invitation")
}

// RedeemInvitation marks the invitation used by user at the time, once.
func (tx *Tx) RedeemInvitation(code string, user int64, at time.Time) (quota.Invitation, error) {
	inv, err := tx.Invitation(code)
	if err != nil {
		return inv, err
	}
	if inv.UsedBy != 0 {
		return inv, ErrInvitationUsed
	}
	if !at.Before(inv.ExpiresAt) {
		return inv, ErrInvitationExpired
	}
	inv.UsedBy, inv.UsedAt = user, at
	return inv, tx.PutInvitation(inv)
}
