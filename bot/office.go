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
	// .xls is taken so that it gets its answer: how to save it as .xlsx.
	return ext == ".csv" || ext == ".xlsx" || ext == ".ods" || ext == ".xls"
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
	f, err := office.ReadFile(doc.FileName, bytes.NewReader(r.pre.file))
	var ie *office.ImportError
	switch {
	case errors.As(err, &ie):
		r.reply(r.l.importRefusal(office.CompleteErrors(r.tx, ie)))
		return nil
	case err != nil:
		if text := r.l.importRefusal(err); text != "" {
			r.reply(text)
		} else {
			r.reply(r.l.T("import_bad_file", esc(err.Error()), year))
		}
		return nil
	}
	dry, decision, ok := importCaption(r.text)
	if !ok {
		r.reply(r.l.T("imp_bad_caption"))
		return nil
	}
	p, err := office.ApplyFile(r.tx, f, office.ImportOptions{DryRun: dry, Decision: decision, Source: doc.FileName, By: r.user.ID, At: r.now})
	if errors.As(err, &ie) {
		r.reply(r.l.importRefusal(ie))
		return nil
	}
	if err != nil {
		return err
	}
	text := r.l.importReport(p, doc.FileName, dry, chatListLimit)
	if dry {
		text += "\n" + r.l.T("imp_dry_hint")
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
	if e.Text != "" {
		return l.T("imp_line_text", strconv.Itoa(e.Line), esc(e.Text), l.T(key, args...))
	}
	return l.T("imp_line", strconv.Itoa(e.Line), l.T(key, args...))
}
