package bot_test

import (
	"bytes"
	"context"
	"testing"

	"quotabot/app"
	"quotabot/bot/bottest"
)

// BenchmarkDraftNational drafts the periodic report of the national
// committee (60 base organizations over 60,000, 250,000 admissions): the
// figures gathered from storage and the Word document written, as /draft
// does in its transaction and `quotabot report` on the command line.
func BenchmarkDraftNational(b *testing.B) {
	db := openNational(b)
	clock := &bottest.Clock{}
	clock.Set(bottest.At(2026, 6, 15, 10, 0))
	opts := benchOptions(clock)
	opts.Token = "0:offline"
	a, err := app.New(db, opts)
	if err != nil {
		b.Fatal(err)
	}
	var size int
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := a.Bot.WriteReport(context.Background(), &buf, "vi", 2026, false); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size)/1024, "KiB/doc")
}
