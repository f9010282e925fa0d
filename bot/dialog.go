package bot

import (
	"encoding/json"
	"fmt"
	"strings"

	"quotabot/quota"
	"quotabot/storage"
)

// reportDialog is the state of a guided /report, kept in storage so it
// survives restarts.
type reportDialog struct {
	ID       int64      `json:"id"`             // the update that started it; buttons carry it
	Kind     string     `json:"kind,omitempty"` // "" for /report, or a candidate dialog
	CandID   uint64     `json:"cand_id,omitempty"`
	AdmID    uint64     `json:"adm_id,omitempty"` // the admission being corrected
	Step     string     `json:"step"`
	Org      string     `json:"org"`
	Name     string     `json:"name,omitempty"`
	Date     quota.Date `json:"date,omitzero"`
	Decision string     `json:"decision,omitempty"`
}

// Kinds of guided dialogs besides /report.
const (
	dialogCandName  = "cand_name"  // the name of a new candidate, then its source
	dialogCandClass = "cand_class" // the date a candidate attended the class
	dialogCandDrop  = "cand_drop"  // why a candidate is dropped
	dialogAdmFix    = "adm_fix"    // the corrected value of an admission's field (Step)
)

func (b *Bot) saveDialog(r *request, d reportDialog) error {
	v, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("encoding a dialog: %w", err)
	}
	if err := r.tx.PutDialog(r.from.ID, v); err != nil {
		return err
	}
	b.askDialog(r, d)
	return nil
}

func (r *request) button(d reportDialog, label, action string) storage.Button {
	return storage.Button{Text: label, Data: fmt.Sprintf("r:%d:%s", d.ID, action)}
}

// askDialog asks the dialog's next question.
func (b *Bot) askDialog(r *request, d reportDialog) {
	if d.Kind == dialogAdmFix {
		b.askCorrection(r, d, []storage.Button{r.button(d, r.l.BtnCancel, "cancel")})
		return
	}
	if d.Kind != "" {
		b.askCandidateDialog(r, d)
		return
	}
	b.askReportDialog(r, d)
}

func (b *Bot) loadDialog(r *request) (reportDialog, bool) {
	var d reportDialog
	v := r.tx.Dialog(r.from.ID)
	if v == nil || json.Unmarshal(v, &d) != nil {
		return d, false
	}
	return d, true
}

// continueDialog takes a typed answer to the dialog's question.
func (b *Bot) continueDialog(r *request) (bool, error) {
	d, ok := b.loadDialog(r)
	if !ok || r.user.Role != quota.RoleSecretary {
		return false, nil
	}
	text := strings.TrimSpace(r.text)
	if d.Kind == dialogAdmFix {
		return true, b.continueCorrection(r, d, text)
	}
	if d.Kind != "" {
		return true, b.continueCandidateDialog(r, d, text)
	}
	return true, b.continueReportDialog(r, d, text)
}
