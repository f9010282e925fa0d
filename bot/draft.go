package bot

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"quotabot/officedoc"
	"quotabot/quota"
	"quotabot/storage"
)

// cmdDraft sends the periodic report to the Standing Committee as a Word
// document. With LibreOffice installed its PDF follows, converted after
// the commit: a conversion takes seconds, which must hold neither the
// database nor the updates of other chats.
func (b *Bot) cmdDraft(r *request) error {
	year, ok := yearArg(r.args, r.today)
	if !ok {
		r.reply(r.l.T("draft_bad_year"))
		return nil
	}
	rep, err := b.periodicReport(r.tx, year, r.today)
	if err != nil {
		return fmt.Errorf("gathering the figures of %d: %w", year, err)
	}
	var buf bytes.Buffer
	if err := officedoc.WriteDOCX(&buf, b.letter(r.l, rep, r.today)); err != nil {
		return fmt.Errorf("writing the report of %d: %w", year, err)
	}
	on := quota.AsOf(year, r.today).String()
	ys := strconv.Itoa(year)
	name := r.l.T("draft_file", ys)
	r.queue(storage.Outgoing{Kind: storage.KindDocument, ChatID: r.chatID, Text: r.l.T("draft_caption", ys, on),
		File: &storage.File{Name: name + ".docx", Data: buf.Bytes()}})
	if officedoc.HasConverter() {
		pdf := storage.Outgoing{Kind: storage.KindDocument, ChatID: r.chatID, Text: r.l.T("draft_caption_pdf", ys, on),
			File: &storage.File{Name: name + ".pdf"}}
		docx := buf.Bytes()
		r.tx.OnCommit(func() { b.after.run(func(ctx context.Context) { b.sendPDF(ctx, docx, pdf) }) })
	}
	return nil
}

// sendPDF converts a report and queues its PDF. The PDF is a convenience:
// if the conversion fails, or the bot stops first, the Word document
// already sent is the report.
func (b *Bot) sendPDF(ctx context.Context, docx []byte, m storage.Outgoing) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	data, err := officedoc.PDF(ctx, docx)
	if err != nil {
		b.log.Warn("converting the report to PDF", "err", err)
		return
	}
	m.File.Data, m.QueuedAt = data, b.now()
	err = b.db.Update(func(tx *storage.Tx) error {
		_, err := tx.Enqueue(storage.PriorityReply, m)
		return err
	})
	if err != nil {
		b.log.Warn("queueing the report's PDF", "err", err)
		return
	}
	b.outbox.Wake()
}

// afterCommit runs work an update leaves for after its commit, and stops
// it when the bot stops.
type afterCommit struct {
	once   sync.Once
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func (a *afterCommit) run(f func(ctx context.Context)) {
	a.once.Do(func() { a.ctx, a.cancel = context.WithCancel(context.Background()) })
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		f(a.ctx)
	}()
}

// Wait stops the work left for after commits and waits for it to end;
// the transport calls it before the outbox stops.
func (b *Bot) Wait() {
	b.after.once.Do(func() { b.after.ctx, b.after.cancel = context.WithCancel(context.Background()) })
	b.after.cancel()
	b.after.wg.Wait()
	// A bot started again after a stop converts again.
	b.after.once = sync.Once{}
}
