package bot

import (
	"errors"
	"sort"
	"strings"

	"quotabot/quota"
	"quotabot/storage"
)

// cmdUndo retracts the last message's whole batch of admissions: a
// mistaken 50-line message is one /undo. It takes no argument, so that
// "/undo 5" is not silently taken for "/undo".
func (b *Bot) cmdUndo(r *request) error {
	if strings.TrimSpace(r.args) != "" {
		r.reply(r.l.UndoUsage)
		return nil
	}
	batch, err := r.tx.LastBatchBy(r.from.ID)
	if errors.Is(err, storage.ErrNotFound) {
		r.reply(r.l.UndoNothing)
		return nil
	}
	if err != nil {
		return err
	}
	for _, a := range batch {
		if _, err := r.tx.Retract(a.ID, r.from.ID, r.now); err != nil {
			return err
		}
		if err := b.returnToPipeline(r, a); err != nil {
			return err
		}
	}
	a := batch[0]
	var out []string
	if len(batch) == 1 {
		out = append(out, r.l.UndoDone(esc(a.Name), a.Date.String(), esc(orgName(r.tx, a.Org))))
	} else {
		out = append(out, r.l.UndoBatch(len(batch), esc(orgName(r.tx, a.Org))))
		// In the order they were written.
		for i := len(batch) - 1; i >= 0; i-- {
			out = append(out, r.l.ReportItem(esc(batch[i].Name), batch[i].Date.String(), ""))
		}
		out = append(out, r.l.UndoKept)
	}
	years := map[int]bool{}
	for _, x := range batch {
		years[x.Date.Year] = true
	}
	ys := make([]int, 0, len(years))
	for y := range years {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	for _, y := range ys {
		out = append(out, b.tallyLine(r, a.Org, y))
	}
	r.reply(strings.Join(out, "\n"))
	return nil
}

// returnToPipeline puts the candidate an admission came from back at the
// stage before it, when the admission is retracted.
func (b *Bot) returnToPipeline(r *request, a quota.Admission) error {
	if a.CandidateID == 0 {
		return nil
	}
	c, err := r.tx.Candidate(a.CandidateID)
	if err != nil {
		return nil //nolint:nilerr // erased since: nothing to restore
	}
	if _, taken := r.tx.FindCandidate(c.Org, c.Name); taken {
		return nil // someone of that name was added meanwhile
	}
	if !c.Unadmit(a.ID) {
		return nil // moved since
	}
	return r.tx.PutCandidate(c)
}
