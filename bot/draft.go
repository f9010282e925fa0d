package bot

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"

	"quotabot/officedoc"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
)

// cmdDraft sends the periodic report to the Standing Committee as a Word
// document. With LibreOffice installed its PDF follows, converted after
// the commit: a conversion takes seconds, which must hold neither the
// database nor the updates of other chats.
func (b *Bot) cmdDraft(r *request) error {
	year, err := quota.ParseYear(r.args, r.today)
	if err != nil {
		r.reply(reason(r.l, err) + "\n" + r.l.DraftBadYear)
		return nil
	}
	d := r.pre.draft
	if d == nil || d.year != year || d.lang != r.l || d.today != r.today {
		if d, err = b.makeDraft(r.tx, r.l, year, r.today); err != nil {
			return err
		}
	}
	on := quota.AsOf(year, r.today).String()
	ys := strconv.Itoa(year)
	name := r.l.DraftFile(ys)
	r.queue(storage.Outgoing{Kind: storage.KindDocument, ChatID: r.chatID, Text: r.l.DraftCaption(ys, on),
		File: &storage.File{Name: name + ".docx", Data: d.docx}})
	if officedoc.HasConverter() {
		pdf := storage.Outgoing{Kind: storage.KindDocument, ChatID: r.chatID, Text: r.l.DraftCaptionPDF(ys, on),
			File: &storage.File{Name: name + ".pdf"}}
		r.tx.OnCommit(func() { b.after.run(func(ctx context.Context) { b.sendPDF(ctx, d.docx, pdf) }) })
	}
	return nil
}

// draft is a report's Word document, drafted for a year in a language on
// a day.
type draft struct {
	year  int
	lang  *texts.Lang
	today quota.Date
	docx  []byte
}

// makeDraft writes the report's Word document from the figures in tx.
func (b *Bot) makeDraft(tx *storage.Tx, l *texts.Lang, year int, today quota.Date) (*draft, error) {
	rep, err := b.periodicReport(tx, year, today)
	if err != nil {
		return nil, fmt.Errorf("gathering the figures of %d: %w", year, err)
	}
	var buf bytes.Buffer
	if err := officedoc.WriteDOCX(&buf, b.letter(l, rep, today)); err != nil {
		return nil, fmt.Errorf("writing the report of %d: %w", year, err)
	}
	return &draft{year: year, lang: l, today: today, docx: buf.Bytes()}, nil
}

// prefetchDraft drafts the report a reader's /draft asks for in a read
// transaction, before the update's own: gathering a national committee's
// figures reads every organization, which must not hold up writers. The
// command checks again, and drafts in its transaction what this did not.
func (b *Bot) prefetchDraft(ctx context.Context, upd *models.Update) *draft {
	if upd.Message == nil || upd.Message.From == nil || !strings.HasPrefix(upd.Message.Text, "/") {
		return nil
	}
	cmd, args := parseCommand(upd.Message.Text, b.Username())
	if c, ok := findCommand(cmd); !ok || c.name != "draft" {
		return nil
	}
	var d *draft
	_ = b.db.View(func(tx *storage.Tx) error {
		r := b.newRequest(ctx, tx, upd)
		year, err := quota.ParseYear(args, r.today)
		if r.user == nil || !slices.Contains(readers, r.user.Role) || err != nil {
			return nil //nolint:nilerr // a year refused is said by the command itself
		}
		d, err = b.makeDraft(tx, r.l, year, r.today)
		return err // drafted again, and said, in the command
	})
	return d
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

// Settle waits for the work left for after commits, such as a report's
// PDF, without stopping it: the console waits so before it shows the
// replies of a line.
func (b *Bot) Settle() { b.after.wg.Wait() }

// Wait stops the work left for after commits and waits for it to end;
// the transport calls it before the outbox stops.
func (b *Bot) Wait() {
	b.after.once.Do(func() { b.after.ctx, b.after.cancel = context.WithCancel(context.Background()) })
	b.after.cancel()
	b.after.wg.Wait()
	// A bot started again after a stop converts again.
	b.after.once = sync.Once{}
}
