package bot

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/go-telegram/bot/models"

	"quotabot/officedoc"
	"quotabot/quota"
	"quotabot/storage"
)

// draft is the periodic report drafted for one request: the Word file to
// edit and, when LibreOffice is installed, its PDF to read on a phone.
type draft struct {
	year int
	lang string
	docx []byte
	pdf  []byte
}

// cmdDraft sends the periodic report to the Standing Committee as a Word
// document, with its PDF when one was made before the transaction.
func (b *Bot) cmdDraft(r *request) error {
	year, ok := yearArg(r.args, r.today)
	if !ok {
		r.reply(r.l.T("draft_bad_year"))
		return nil
	}
	d := r.pre.draft
	if d == nil || d.year != year || d.lang != r.l.code {
		var err error
		if d, err = b.makeDraft(r.tx, r.l, year, r.today); err != nil {
			return err
		}
	}
	on := quota.AsOf(year, r.today).String()
	ys := strconv.Itoa(year)
	r.queue(storage.Outgoing{Kind: storage.KindDocument, ChatID: r.chatID, Text: r.l.T("draft_caption", ys, on),
		File: &storage.File{Name: r.l.T("draft_file", ys) + ".docx", Data: d.docx}})
	if d.pdf != nil {
		r.queue(storage.Outgoing{Kind: storage.KindDocument, ChatID: r.chatID, Text: r.l.T("draft_caption_pdf", ys, on),
			File: &storage.File{Name: r.l.T("draft_file", ys) + ".pdf", Data: d.pdf}})
	}
	return nil
}

// makeDraft writes the report's Word document from the figures in tx.
func (b *Bot) makeDraft(tx *storage.Tx, l lang, year int, today quota.Date) (*draft, error) {
	rep, err := b.periodicReport(tx, year, today)
	if err != nil {
		return nil, fmt.Errorf("gathering the figures of %d: %w", year, err)
	}
	var buf bytes.Buffer
	if err := officedoc.WriteDOCX(&buf, b.letter(l, rep, today)); err != nil {
		return nil, fmt.Errorf("writing the report of %d: %w", year, err)
	}
	return &draft{year: year, lang: l.code, docx: buf.Bytes()}, nil
}

// prefetchDraft drafts the report of a /draft and converts it to PDF
// before the update's transaction: LibreOffice takes seconds, which must
// not hold the database. Without LibreOffice, or for anyone else, the
// command drafts the Word document alone, in its transaction.
func (b *Bot) prefetchDraft(ctx context.Context, upd *models.Update) *draft {
	if upd.Message == nil || upd.Message.From == nil || !officedoc.HasConverter() {
		return nil
	}
	cmd, args := parseCommand(upd.Message.Text, b.Username())
	if c, ok := findCommand(cmd); !ok || c.name != "draft" {
		return nil
	}
	var d *draft
	err := b.db.View(func(tx *storage.Tx) error {
		r := b.newRequest(ctx, tx, upd)
		if r.user == nil || !slices.Contains(readers, r.user.Role) {
			return nil
		}
		year, ok := yearArg(args, r.today)
		if !ok {
			return nil
		}
		var err error
		d, err = b.makeDraft(tx, r.l, year, r.today)
		return err
	})
	if err != nil || d == nil {
		return nil // the command says what is wrong, in its transaction
	}
	pdf, err := officedoc.PDF(ctx, d.docx)
	if err != nil {
		b.log.Warn("converting the report to PDF", "err", err)
		return d
	}
	d.pdf = pdf
	return d
}
