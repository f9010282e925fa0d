package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"quotabot/office"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
	"quotabot/transport"
)

const maxImportBytes = 20 << 20

// fetchDocument downloads a document an admin sent, before the update's
// transaction: no network call happens while the database is locked.
func (b *Bot) fetchDocument(ctx context.Context, fileID string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	var f *models.File
	err := transport.HonouringRetryAfter(ctx, b.opts.Sleep, 3, func(ctx context.Context) error {
		var err error
		f, err = b.api.GetFile(ctx, &tgbot.GetFileParams{FileID: fileID})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("asking Telegram for the file: %s", b.redact(err.Error()))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.api.FileDownloadLink(f), nil)
	if err != nil {
		return nil, fmt.Errorf("downloading the file: %s", b.redact(err.Error()))
	}
	resp, err := b.opts.HTTPClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("downloading the file: %s", b.redact(err.Error()))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("downloading the file: HTTP %d", resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxImportBytes+1))
	if err != nil {
		return nil, fmt.Errorf("downloading the file: %w", err)
	}
	return data, nil
}

func importable(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	// .xls is taken so that it gets its answer: how to save it as .xlsx.
	return ext == ".csv" || ext == ".xlsx" || ext == ".ods" || ext == ".xls"
}

// prefetch does the slow part of an update before its write transaction:
// the download of a spreadsheet an admin sent and reading it, the drafting
// of a report.
func (b *Bot) prefetch(ctx context.Context, upd *models.Update) *prefetched {
	r := &prefetched{draft: b.prefetchDraft(ctx, upd)}
	if upd.Message == nil || upd.Message.Document == nil || upd.Message.From == nil {
		return r
	}
	doc := upd.Message.Document
	if !importable(doc.FileName) || doc.FileSize > maxImportBytes {
		return r
	}
	var admin bool
	_ = b.db.View(func(tx *storage.Tx) error {
		u, err := tx.User(upd.Message.From.ID)
		admin = b.isConfigAdmin(upd.Message.From.ID) || (err == nil && u.Role == quota.RoleAdmin)
		return nil
	})
	if !admin {
		return r
	}
	r.file, r.fileErr = b.fetchDocument(ctx, doc.FileID)
	if r.fileErr == nil && len(r.file) <= maxImportBytes {
		if office.IsAdmissions(doc.FileName, r.file) {
			r.register, r.parseErr = office.ReadAdmissions(doc.FileName, bytes.NewReader(r.file))
		} else {
			r.read, r.parseErr = office.ReadFile(doc.FileName, bytes.NewReader(r.file))
		}
	}
	return r
}

// prefetched is what an update needed from the network, and what was
// made of it, before the transaction.
type prefetched struct {
	file     []byte
	fileErr  error
	read     *office.File          // the file read: organizations and quotas,
	register []office.AdmissionRow // or a register of admissions
	parseErr error                 // or why it could not be
	draft    *draft                // the report a /draft asks for
}

// document imports a spreadsheet an admin sent.
func (b *Bot) document(r *request) error {
	doc := r.upd.Message.Document
	switch {
	case r.user == nil:
		r.reply(r.l.NotRegistered)
		return nil
	case r.user.Role != quota.RoleAdmin:
		r.reply(r.l.ImportNotAdmin)
		return nil
	case !importable(doc.FileName):
		r.reply(r.l.ImportWrongType)
		return nil
	case doc.FileSize > maxImportBytes || len(r.pre.file) > maxImportBytes:
		r.reply(r.l.ImportTooBig)
		return nil
	case r.pre.fileErr != nil:
		return r.pre.fileErr
	}
	if office.IsAdmissions(doc.FileName, r.pre.file) {
		return b.importAdmissions(r)
	}
	year := strconv.Itoa(r.today.Year)
	f, err := r.pre.read, r.pre.parseErr
	var ie *office.ImportError
	switch {
	case errors.As(err, &ie):
		r.reply(importRefusal(r.l, office.CompleteErrors(r.tx, ie), year))
		return nil
	case err != nil:
		b.log.Info("an uploaded file could not be read", "file", doc.FileName, "err", err)
		r.reply(importRefusal(r.l, err, year))
		return nil
	}
	dry, decision, ok := importCaption(r.text)
	if !ok {
		r.reply(r.l.ImpBadCaption)
		return nil
	}
	p, err := office.ApplyFile(r.tx, f, office.ImportOptions{DryRun: dry, Decision: decision, Source: doc.FileName, By: r.user.ID, At: r.now})
	if errors.As(err, &ie) {
		r.reply(importRefusal(r.l, ie, year))
		return nil
	}
	if err != nil {
		return err
	}
	text := importReport(r.l, p, doc.FileName, dry, chatListLimit)
	if dry {
		text += "\n" + r.l.ImportDryHint
	}
	r.reply(text)
	return nil
}

// importCaption reads the caption of a file sent for import: "thử" (or
// "dry") for a dry run, and the decision behind its quotas when the file's
// title does not say it ("2323-QĐ/ĐUK, 11/4/2019"), in either order.
// ok is false for a caption that is neither, which is said rather than
// ignored.
func importCaption(caption string) (dry bool, decision *office.Decision, ok bool) {
	rest := strings.TrimSpace(caption)
	for _, w := range []string{"dry run", "dry-run", "dry", "thu"} {
		k := quota.SearchKey(rest)
		switch {
		case k == w:
			return true, nil, true
		case strings.HasPrefix(k, w+" "):
			dry, rest = true, strings.TrimSpace(string([]rune(rest)[len([]rune(w)):]))
		case strings.HasSuffix(k, " "+w):
			dry, rest = true, strings.TrimSpace(string([]rune(rest)[:len([]rune(rest))-len([]rune(w))]))
		}
	}
	rest = strings.Trim(rest, " ;,")
	if rest == "" {
		return dry, nil, true
	}
	d, ok := office.ParseDecision(rest)
	if !ok {
		return false, nil, false
	}
	return dry, &d, true
}

// chatListLimit bounds the lists of an import's report in chat.
const chatListLimit = 30

// fileProblem says in the reader's language why a file could not be read;
// the reader's own English is for the log.
func fileProblem(l *texts.Lang, err error) string {
	switch {
	case errors.Is(err, office.ErrLegacyExcel):
		return l.ImportLegacyExcel
	case errors.Is(err, office.ErrLegacyFont):
		return l.ImportLegacyFont
	case errors.Is(err, office.ErrNotText):
		return l.ImportNotText
	case errors.Is(err, office.ErrNoHeader):
		return l.ImportNoHeader
	}
	return l.ImportUnreadable
}

// rowError says a mistake of an import file in the language, from its
// kind and values; TestEveryImportMistakeIsSaid checks every kind has its
// sentence.
func rowError(l *texts.Lang, e office.RowError) string {
	arg := func(i int) string {
		if i < len(e.Args) {
			return esc(fmt.Sprint(e.Args[i]))
		}
		return ""
	}
	var s string
	switch e.Kind {
	case office.KindDupColumn:
		col := map[string]string{"code": l.ColCode, "name": l.ColName, "parent": l.ColParent}[fmt.Sprint(e.Args[0])]
		s = l.ImpDupColumn(col, arg(1), arg(2))
	case office.KindBadYear:
		s = l.ImpBadYear(arg(0), arg(1), arg(2), arg(3))
	case office.KindDupYear:
		s = l.ImpDupYear(arg(0), arg(1), arg(2))
	case office.KindDupCode:
		s = l.ImpDupCode(arg(0), arg(1))
	case office.KindEmptyCode:
		s = l.ImpEmptyCode
	case office.KindBadCode:
		s = l.ImpBadCode(arg(0))
	case office.KindEmptyName:
		s = l.ImpEmptyName
	case office.KindLongName:
		s = l.ImpLongName(arg(0), arg(1))
	case office.KindBadParentCode:
		s = l.ImpBadParentCode(arg(0))
	case office.KindQuotaNegative:
		s = l.ImpQuotaNegative(arg(0), arg(1))
	case office.KindQuotaAmbiguous:
		s = l.ImpQuotaAmbiguous(arg(0), arg(1))
	case office.KindQuotaNotWhole:
		s = l.ImpQuotaNotWhole(arg(0), arg(1))
	case office.KindQuotaTooBig:
		s = l.ImpQuotaTooBig(arg(0), arg(1), arg(2))
	case office.KindUnknownParent:
		s = l.ImpUnknownParent(arg(0))
	case office.KindOwnParent:
		s = l.ImpOwnParent
	case office.KindCycle:
		s = l.ImpCycle(arg(0), arg(1))
	case office.KindBadTerm:
		s = l.ImpBadTerm(arg(0), arg(1), arg(2), arg(3), arg(4))
	case office.KindDupTerm:
		s = l.ImpDupTerm(arg(0), arg(1), arg(2))
	case office.KindYearColumn:
		s = l.ImpYearColumn(arg(0), arg(1))
	case office.KindAmbiguousName:
		s = l.ImpAmbiguousName(arg(0), arg(1), arg(2))
	case office.KindDupName:
		s = l.ImpDupName(arg(0), arg(1))
	case office.KindTotalMismatch:
		s = l.ImpTotalMismatch(arg(0), arg(1), arg(2))
	case office.KindTotalNotNumber:
		s = l.ImpTotalNotNumber(arg(0), arg(1))
	case office.KindPastIgnored:
		s = l.ImpPastIgnored(arg(0), arg(1), arg(2))
	case office.KindHiddenRow:
		s = l.ImpHiddenRow(arg(0))
	case office.KindHiddenColumn:
		s = l.ImpHiddenColumn(arg(0), arg(1))
	default:
		s = esc(e.Msg)
	}
	if e.Text != "" {
		return l.ImportLineText(strconv.Itoa(e.Line), esc(e.Text), s)
	}
	return l.ImpLine(strconv.Itoa(e.Line), s)
}

// replyImportErrors lists every mistake of a file that was refused.
func (b *Bot) replyImportErrors(r *request, ie *office.ImportError) {
	r.reply(importRefusal(r.l, ie, strconv.Itoa(r.today.Year)))
}

func yearsText(ys []int) string {
	if len(ys) == 0 {
		return "—"
	}
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, ", ")
}
