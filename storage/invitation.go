package storage

import (
	"encoding/json"
	"fmt"
	"time"

	"quotabot/quota"
)

// Errors of RedeemInvitation, the domain's (quota.Invitation.Redeem).
var (
	ErrInvitationUsed    = quota.ErrInvitationUsed
	ErrInvitationExpired = quota.ErrInvitationExpired
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

// RedeemInvitation uses the invitation for user at the time, by the
// domain's rule, and saves it.
func (tx *Tx) RedeemInvitation(code string, user int64, at time.Time) (quota.Invitation, error) {
	inv, err := tx.Invitation(code)
	if err != nil {
		return inv, err
	}
	if err := inv.Redeem(user, at); err != nil {
		return inv, err
	}
	return inv, tx.PutInvitation(inv)
}
