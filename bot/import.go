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
	return ext == ".csv" || ext == ".xlsx"
}

// prefetch does the slow part of an update before its transaction: the
// download of a spreadsheet an admin sent, the drafting of a report.
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
	return r
}

// prefetched is what an update needed from the network.
type prefetched struct {
	file    []byte
	fileErr error
	draft   *draft // the report a /draft asks for
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
	rows, err := office.ReadOrgs(doc.FileName, bytes.NewReader(r.pre.file))
	var ie *office.ImportError
	switch {
	case errors.As(err, &ie):
		b.replyImportErrors(r, office.CompleteTreeErrors(r.tx, ie))
		return nil
	case err != nil:
		b.log.Info("an uploaded file could not be read", "file", doc.FileName, "err", err)
		r.reply(r.l.ImportBadFile(fileProblem(r.l, err), year))
		return nil
	}
	dry := texts.IsDryRun(r.text)
	res, err := office.ApplyOrgs(r.tx, rows, dry, nil)
	if errors.As(err, &ie) {
		b.replyImportErrors(r, ie)
		return nil
	}
	if err != nil {
		return err
	}
	if dry {
		r.reply(r.l.ImportDry(res.Created, res.Updated, res.QuotasChanged, yearsText(res.Years)))
	} else {
		r.reply(r.l.ImportDone(res.Created, res.Updated, res.QuotasChanged, yearsText(res.Years)))
	}
	return nil
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
	case errors.Is(err, office.ErrNoQuotaColumn):
		return l.ImportNoQuotaColumn
	}
	return l.ImportUnreadable
}

func (b *Bot) replyImportErrors(r *request, ie *office.ImportError) {
	lines := []string{r.l.ImportRefused(len(ie.Errors))}
	for _, e := range ie.Errors {
		lines = append(lines, rowError(r.l, e))
	}
	r.reply(strings.Join(lines, "\n"))
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
	case office.KindNotStored:
		s = l.ImpNotStored(arg(0), arg(1))
	case office.KindTotalMismatch:
		if len(e.Args) < 3 { // the total is not a number at all
			s = l.ImpTotalNotNumber(arg(0), arg(1))
		} else {
			s = l.ImpTotalMismatch(arg(0), arg(1), arg(2))
		}
	case office.KindHiddenRow:
		s = l.ImpHiddenRow(arg(0))
	case office.KindHiddenColumn:
		s = l.ImpHiddenColumn(arg(0), arg(1))
	default:
		s = esc(e.Msg)
	}
	return l.ImpLine(strconv.Itoa(e.Line), s)
}
