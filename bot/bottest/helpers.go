package bottest

import (
	"context"
	"fmt"
	"time"

	"quotabot/quota"
	"quotabot/storage"
)

// RemindMonday is a scheduled reminder time: 15/06/2026, day 166 of the
// year, so a quota of 12 expects floor(12*166/365) = 5 by then.
var RemindMonday = At(2026, 6, 15, 8, 0)

// AdmitN records n counting admissions of the organization, all this year.
func (h *Harness) AdmitN(code string, n int) {
	h.T.Helper()
	err := h.DB.Update(func(tx *storage.Tx) error {
		start := h.Tally(2026, code).Admitted
		for k := range n {
			a := quota.Admission{Org: code, Name: fmt.Sprintf("Người %s %d", code, start+k),
				Date: quota.Date{Year: 2026, Month: 1, Day: 2}.AddDays(start + k), ReportedBy: 1, ReportedAt: h.Clock.Now()}
			if err := tx.AddAdmission(&a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		h.T.Fatalf("admitting into %s: %v", code, err)
	}
}

// StoreUser stores a user as an accepted invitation would.
func (h *Harness) StoreUser(u quota.User) {
	h.T.Helper()
	if u.ChatID == 0 {
		u.ChatID = u.ID
	}
	if u.Lang == "" {
		u.Lang = "vi"
	}
	if err := h.DB.Update(func(tx *storage.Tx) error {
		_, err := tx.PutUser(u)
		return err
	}); err != nil {
		h.T.Fatalf("storing user %d: %v", u.ID, err)
	}
}

// Drain waits until everything queued has been sent.
func (h *Harness) Drain(d time.Duration) {
	h.T.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	if err := h.Sender.WaitIdle(ctx); err != nil {
		h.T.Fatalf("the outbox did not drain: %v", err)
	}
}

// RunJob runs a job for a scheduled time and waits for its messages.
func (h *Harness) RunJob(job func(context.Context, time.Time) error, scheduled time.Time) {
	h.T.Helper()
	if err := job(context.Background(), scheduled); err != nil {
		h.T.Fatalf("running the job: %v", err)
	}
	h.Drain(30 * time.Second)
}

// Received is the plain text of every message a chat received.
func (h *Harness) Received(chatID int64) []string {
	var out []string
	for _, m := range h.Fake.SentTo(chatID) {
		out = append(out, m.Plain())
	}
	return out
}
