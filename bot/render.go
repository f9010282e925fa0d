package bot

import (
	"bytes"
	"context"
	"fmt"

	"quotabot/office"
	"quotabot/storage"
	"quotabot/texts"
)

// Renderer draws the files /export and /chart queue, when the sender
// sends them: on a read snapshot, outside the update's write transaction,
// so a national table holds up no one's report.
type Renderer struct {
	db   *storage.DB
	opts Options
}

// NewRenderer draws files from db with the chat's options.
func NewRenderer(db *storage.DB, opts Options) *Renderer {
	opts.Defaults()
	return &Renderer{db: db, opts: opts}
}

// Render draws the file r names. Only reading the figures holds a
// transaction, and only a read one; writing the file holds none.
func (rd *Renderer) Render(ctx context.Context, r storage.Render) ([]byte, error) {
	l := texts.For(r.Lang)
	var buf bytes.Buffer
	switch r.What {
	case storage.RenderTable:
		var t office.Table
		err := rd.db.View(func(tx *storage.Tx) error {
			var err error
			t, err = office.BuildTable(tx, tableSpec(rd.opts, l, r.Year, r.On))
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("reading the table of %d: %w", r.Year, err)
		}
		if err := office.WriteXLSX(&buf, t); err != nil {
			return nil, fmt.Errorf("writing the table of %d: %w", r.Year, err)
		}
	case storage.RenderChart:
		var c office.Chart
		err := rd.db.View(func(tx *storage.Tx) error {
			var err error
			c, err = chart(tx, rd.opts, l, r.Year, r.On)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("reading the chart of %d: %w", r.Year, err)
		}
		if err := office.RenderChartPNG(&buf, c); err != nil {
			return nil, fmt.Errorf("drawing the chart of %d: %w", r.Year, err)
		}
	default:
		return nil, fmt.Errorf("no file is drawn as %q", r.What)
	}
	return buf.Bytes(), nil
}
