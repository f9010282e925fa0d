package bot_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"quotabot/bot"
	"quotabot/bot/bottest"
	"quotabot/office"
	"quotabot/quota"
)

// ratingHarness is a committee whose achievements fall in every default
// band, worked out by hand:
//
//	CB_01 10/10 100%  met
//	CB_02  8/10  80%  mostly; 1 candidate (union), admitted from the pipeline
//	CB_03  5/10  50%  half;   candidates: 2 youth advanced, 1 member identified; at risk
//	CB_04  1/10  10%  low
//	CB_05  0/4    0%  low
//	DU     no quota: not rated
func ratingHarness(t *testing.T, change ...func(*bottest.Config)) *bottest.Harness {
	t.Helper()
	h := bottest.New(t, change...)
	h.AddOrg("DU", "Đảng ủy Khối", "", 2026, 0)
	h.AddOrg("CB_01", "Chi bộ Một", "DU", 2026, 10)
	h.AddOrg("CB_02", "Chi bộ Hai", "DU", 2026, 10)
	h.AddOrg("CB_03", "Chi bộ Ba", "DU", 2026, 10)
	h.AddOrg("CB_04", "Chi bộ Bốn", "DU", 2026, 10)
	h.AddOrg("CB_05", "Chi bộ Năm", "DU", 2026, 4)
	h.Register(51, quota.RoleLeader)
	h.Register(8, quota.RoleSecretary, "CB_02")
	h.AdmitN("CB_01", 10)
	h.AdmitN("CB_02", 7)
	h.AdmitN("CB_03", 5)
	h.AdmitN("CB_04", 1)
	putCandidate(t, h, "CB_02", "Đinh Văn Chuyển", quota.SourceTradeUnion, quota.StageSubmitted)
	require.Contains(t, h.Reply(bottest.User(8), "/report Đinh Văn Chuyển; 01/06/2026"), "(từ nguồn)")
	putCandidate(t, h, "CB_03", "Tạ Văn Một", quota.SourceYouthUnion, quota.StageIntroduced)
	putCandidate(t, h, "CB_03", "Tạ Văn Hai", quota.SourceYouthUnion, quota.StageSubmitted)
	putCandidate(t, h, "CB_03", "Tạ Văn Ba", quota.SourceMember, quota.StageIdentified)
	require.Equal(t, quota.Tally{Quota: 10, Admitted: 8}, h.Tally(2026, "CB_02"))
	return h
}

// between is the text from the line holding from up to the next blank line.
func between(text, from string) string {
	i := strings.Index(text, from)
	if i < 0 {
		return ""
	}
	rest := text[i:]
	if j := strings.Index(rest, "\n\n"); j >= 0 {
		return rest[:j]
	}
	return rest
}

func TestRatingBands(t *testing.T) {
	h := ratingHarness(t)
	got := h.Reply(bottest.User(51), "/rating")

	assert.Contains(t, got, "Bảng tham khảo mức hoàn thành chỉ tiêu kết nạp năm 2026")
	assert.Contains(t, got, "Chỉ là căn cứ tham khảo cho đánh giá, xếp loại chất lượng, không phải kết quả xếp loại.")
	met := between(got, "Hoàn thành chỉ tiêu (từ 100,0%)")
	assert.Contains(t, met, "Hoàn thành chỉ tiêu (từ 100,0%): 1 tổ chức\n• Chi bộ Một: 10/10 (100,0%)")
	mostly := between(got, "Đạt phần lớn chỉ tiêu (từ 80,0%)")
	assert.Contains(t, mostly, ": 1 tổ chức\n• Chi bộ Hai: 8/10 (80,0%)")
	half := between(got, "Đạt từ một nửa (từ 50,0%)")
	assert.Contains(t, half, ": 1 tổ chức\n• Chi bộ Ba: 5/10 (50,0%)")
	low := between(got, "Đạt dưới một nửa (từ 0,0%)")
	assert.Contains(t, low, ": 2 tổ chức\n• Chi bộ Bốn: 1/10 (10,0%)\n• Chi bộ Năm: 0/4 (0,0%)", "highest first within a band")
	assert.NotContains(t, got, "Đảng ủy Khối", "an organization without a quota is not rated")

	got = h.Reply(bottest.EnglishUser(51), "/rating")
	assert.Contains(t, got, "Advisory table of quota achievement, 2026")
	assert.Contains(t, got, "Advisory input to the annual quality rating only, not a rating.")
	assert.Contains(t, got, "Quota met (from 100.0%): 1 organization")
	assert.Contains(t, got, "Under half (from 0.0%): 2 organizations")

	// A year without quotas rates nobody; a bad year is refused.
	got = h.Reply(bottest.User(51), "/rating 2025")
	assert.Contains(t, got, "năm 2025")
	assert.Contains(t, got, "Hoàn thành chỉ tiêu (từ 100,0%): 0 tổ chức")
	assert.NotContains(t, got, "Chi bộ Một")
	got = h.Reply(bottest.User(51), "/rating năm ngoái")
	assert.NotContains(t, got, "Bảng tham khảo")
	assert.Contains(t, got, "Cách dùng: /rating hoặc /rating 2025", "the usage of /rating, not of another command")
}

func TestRatingConfiguredBands(t *testing.T) {
	h := ratingHarness(t, func(c *bottest.Config) {
		c.Options.Bands = []quota.RatingBand{{MinPercent: 90, Label: "Xuất sắc"}, {MinPercent: 60, Label: "Tốt & khá"}, {MinPercent: 0, Label: "Cần cố gắng"}}
	})
	got := h.Reply(bottest.User(51), "/rating")
	assert.Contains(t, got, "tham khảo")
	assert.Contains(t, between(got, "Xuất sắc (từ 90,0%)"), ": 1 tổ chức\n• Chi bộ Một: 10/10")
	assert.Contains(t, between(got, "Tốt & khá (từ 60,0%)"), ": 1 tổ chức\n• Chi bộ Hai: 8/10", "a configured label is shown as written")
	assert.Contains(t, between(got, "Cần cố gắng (từ 0,0%)"), ": 3 tổ chức\n• Chi bộ Ba: 5/10")
	for _, def := range []string{"Hoàn thành chỉ tiêu", "Đạt phần lớn", "Đạt từ một nửa", "Đạt dưới một nửa"} {
		assert.NotContains(t, got, def)
	}
}

// exportOf asks for the export as the user and opens the workbook sent.
func exportOf(t *testing.T, h *bottest.Harness, id int64, text string) *excelize.File {
	t.Helper()
	msgs := h.Send(bottest.User(id), text)
	for _, m := range msgs {
		if m.Document == nil {
			continue
		}
		f, err := excelize.OpenReader(bytes.NewReader(m.Document.Data))
		require.NoError(t, err)
		t.Cleanup(func() { _ = f.Close() })
		return f
	}
	t.Fatalf("no document in reply to %s: %q", text, bottest.Plain(msgs))
	return nil
}

// rowsByCode reads a sheet's rows keyed by their first cell.
func rowsByCode(t *testing.T, f *excelize.File, sheet string) (header []string, rows map[string][]string) {
	t.Helper()
	all, err := f.GetRows(sheet)
	require.NoError(t, err, sheet)
	require.NotEmpty(t, all, sheet)
	rows = map[string][]string{}
	for _, r := range all[1:] {
		if len(r) > 0 {
			rows[r[0]] = r
		}
	}
	return all[0], rows
}

func TestExportHasThePipelineAndRatingSheets(t *testing.T) {
	h := ratingHarness(t)
	f := exportOf(t, h, 51, "/export")

	sheets := f.GetSheetList()
	assert.Contains(t, sheets, "2026")
	assert.Contains(t, sheets, "Nguồn")
	assert.Contains(t, sheets, "Tham khảo xếp loại")

	header, rows := rowsByCode(t, f, "Nguồn")
	assert.Equal(t, []string{"Mã", "Tên tổ chức", "Đoàn Thanh niên", "Công đoàn", "Đảng viên giới thiệu", "Khác",
		"Nguồn đã giới thiệu", "Nguy cơ", "Giới thiệu trong năm", "Đã kết nạp từ số đó", "Tỷ lệ chuyển (%)"}, header)
	// code, name, youth, union, member, other, advanced, at risk, introduced, admitted, conversion
	assert.Equal(t, []string{"CB_02", "Chi bộ Hai", "0", "1", "0", "0", "0", "Có", "1", "1", "100"}, rows["CB_02"])
	assert.Equal(t, []string{"CB_03", "Chi bộ Ba", "2", "0", "1", "0", "2", "Có", "2", "0", "0"}, rows["CB_03"])
	// Met, with no candidates: not at risk, no conversion.
	cb01 := rows["CB_01"]
	require.GreaterOrEqual(t, len(cb01), 7)
	assert.Equal(t, []string{"CB_01", "Chi bộ Một", "0", "0", "0", "0", "0"}, cb01[:7])
	for _, cell := range cb01[7:] {
		assert.Contains(t, []string{"", "0"}, cell)
	}
	assert.Equal(t, "Có", rows["CB_05"][7], "no admission, no candidate: at risk")
	assert.Len(t, rows, 6, "every organization has a row")

	header, rows = rowsByCode(t, f, "Tham khảo xếp loại")
	assert.Equal(t, []string{"Mã", "Tên tổ chức", "Chỉ tiêu", "Đã kết nạp", "Tỷ lệ (%)", "Mức (tham khảo)"}, header)
	all, err := f.GetRows("Tham khảo xếp loại")
	require.NoError(t, err)
	require.Greater(t, len(all), 1)
	note := strings.Join(all[1], " ")
	assert.Contains(t, note, "tham khảo", "the sheet says it is advisory")
	assert.Contains(t, note, "không phải kết quả xếp loại")
	assert.Equal(t, []string{"CB_01", "Chi bộ Một", "10", "10", "100", "Hoàn thành chỉ tiêu"}, rows["CB_01"])
	assert.Equal(t, []string{"CB_02", "Chi bộ Hai", "10", "8", "80", "Đạt phần lớn chỉ tiêu"}, rows["CB_02"])
	assert.Equal(t, []string{"CB_03", "Chi bộ Ba", "10", "5", "50", "Đạt từ một nửa"}, rows["CB_03"])
	assert.Equal(t, []string{"CB_04", "Chi bộ Bốn", "10", "1", "10", "Đạt dưới một nửa"}, rows["CB_04"])
	assert.Equal(t, []string{"CB_05", "Chi bộ Năm", "4", "0", "0", "Đạt dưới một nửa"}, rows["CB_05"])
	assert.NotContains(t, rows, "DU", "no quota, not rated")
}

func TestExportSheetsInEnglishWithConfiguredBands(t *testing.T) {
	h := ratingHarness(t, func(c *bottest.Config) {
		c.Options.Bands = []quota.RatingBand{{MinPercent: 75, Label: "Good"}, {MinPercent: 0, Label: "Weak"}}
	})
	var buf bytes.Buffer
	require.NoError(t, office.ExportTable(h.DB, &buf, "xlsx", bot.TableSpec(h.Options.Options, "en", 2026, quota.DateOf(h.Clock.Now().In(bottest.Zone)))))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	assert.Contains(t, f.GetSheetList(), "Pipeline")
	assert.Contains(t, f.GetSheetList(), "Advisory rating")
	_, rows := rowsByCode(t, f, "Advisory rating")
	assert.Equal(t, "Good", rows["CB_02"][5])
	assert.Equal(t, "Weak", rows["CB_03"][5])
	_, rows = rowsByCode(t, f, "Pipeline")
	assert.Equal(t, "Yes", rows["CB_03"][7])
}
