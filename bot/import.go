package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"quotabot/office"
	"quotabot/quota"
	"quotabot/storage"
)

const maxImportBytes = 20 << 20

// fetchDocument downloads a document an admin sent, before the update's
// transaction: no network call happens while the database is locked.
func (b *Bot) fetchDocument(ctx context.Context, fileID string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	f, err := b.api.GetFile(ctx, &tgbot.GetFileParams{FileID: fileID})
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

// prefetch does the network part of an update before its transaction: the
// download of a spreadsheet an admin sent.
func (b *Bot) prefetch(ctx context.Context, upd *models.Update) *prefetched {
	r := &prefetched{}
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
}

// document imports a spreadsheet an admin sent.
func (b *Bot) document(r *request) error {
	doc := r.upd.Message.Document
	switch {
	case r.user == nil:
		r.reply(r.l.T("not_registered"))
		return nil
	case r.user.Role != quota.RoleAdmin:
		r.reply(r.l.T("import_not_admin"))
		return nil
	case !importable(doc.FileName):
		r.reply(r.l.T("import_wrong_type"))
		return nil
	case doc.FileSize > maxImportBytes || len(r.pre.file) > maxImportBytes:
		r.reply(r.l.T("import_too_big"))
		return nil
	case r.pre.fileErr != nil:
		return r.pre.fileErr
	}
	year := strconv.Itoa(r.today.Year)
	rows, err := office.ReadOrgs(doc.FileName, bytes.NewReader(r.pre.file))
	var ie *office.ImportError
	switch {
	case errors.As(err, &ie):
		b.replyImportErrors(r, office.CompleteTreeErrors(r.tx, ie))
		return nil
	case err != nil:
		r.reply(r.l.T("import_bad_file", esc(err.Error()), year))
		return nil
	}
	dry := slices.Contains([]string{"thu", "dry", "dry-run", "dry run"}, quota.SearchKey(r.text))
	res, err := office.ApplyOrgs(r.tx, rows, dry, nil)
	if errors.As(err, &ie) {
		b.replyImportErrors(r, ie)
		return nil
	}
	if err != nil {
		return err
	}
	key := "import_done"
	if dry {
		key = "import_dry"
	}
	r.reply(r.l.T(key, res.Created, res.Updated, res.QuotasChanged, yearsText(res.Years)))
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

func (b *Bot) replyImportErrors(r *request, ie *office.ImportError) {
	lines := []string{r.l.T("import_refused", len(ie.Errors))}
	for _, e := range ie.Errors {
		lines = append(lines, r.l.rowError(e))
	}
	r.reply(strings.Join(lines, "\n"))
}

// rowError says a mistake of an import file in the language, falling back
// to the English text for a kind it does not know.
func (l lang) rowError(e office.RowError) string {
	key := "imp_" + string(e.Kind)
	t, ok := texts[key]
	if !ok || e.Kind == "" {
		return esc(e.String())
	}
	want := strings.Count(t[l.idx], "%s")
	args := make([]any, 0, want)
	for _, a := range e.Args {
		if len(args) == want {
			break // the quota kinds carry the English reason last
		}
		s := fmt.Sprint(a)
		if k, ok := a.(string); ok && e.Kind == office.KindDupColumn && len(args) == 0 {
			s = l.T("col_" + map[string]string{"code": "code", "name": "name", "parent": "parent"}[k])
		}
		args = append(args, esc(s))
	}
	for len(args) < want {
		args = append(args, "")
	}
	return l.T("imp_line", strconv.Itoa(e.Line), l.T(key, args...))
}
