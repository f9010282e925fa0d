package bot

import (
	"errors"

	"quotabot/quota"
	"quotabot/storage"
)

func (b *Bot) cmdUndo(r *request) error {
	a, err := r.tx.LastCountingAdmissionBy(r.from.ID)
	if errors.Is(err, storage.ErrNotFound) {
		r.reply(r.l.UndoNothing)
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := r.tx.Retract(a.ID, r.from.ID, r.now); err != nil {
		return err
	}
	if err := b.returnToPipeline(r, a); err != nil {
		return err
	}
	orgName := a.Org
	if o, err := r.tx.Org(a.Org); err == nil {
		orgName = o.Name
	}
	r.reply(r.l.UndoDone(esc(a.Name), a.Date.String(), esc(orgName)) + "\n" + b.tallyLine(r, a.Org, a.Date.Year))
	return nil
}

// returnToPipeline puts the candidate an admission came from back at the
// stage before it, when the admission is retracted.
func (b *Bot) returnToPipeline(r *request, a quota.Admission) error {
	if a.CandidateID == 0 {
		return nil
	}
	c, err := r.tx.Candidate(a.CandidateID)
	if err != nil || c.Stage != quota.StageAdmitted || c.AdmissionID != a.ID {
		return nil //nolint:nilerr // erased or moved since: nothing to restore
	}
	if _, taken := r.tx.FindCandidate(c.Org, c.Name); taken {
		return nil // someone of that name was added meanwhile
	}
	c.History = c.History[:len(c.History)-1]
	c.Stage = quota.StageSubmitted
	if n := len(c.History); n > 0 {
		c.Stage = c.History[n-1].Stage
	}
	c.AdmissionID = 0
	return r.tx.PutCandidate(c)
}
