package quota_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
)

var today = date(15, 6, 2026)

func TestParseReportSeveralLines(t *testing.T) {
	msg := "Nguyễn Văn A; 01/03/2026; 12-QĐ/ĐU\n" +
		"\n" +
		"  Trần Thị B  \r\n" +
		"Lê   Văn C; ; 13 - QĐ/ĐU\n" +
		"Phạm D; 31/12/2025\n"
	lines, errs := quota.ParseReport(msg, today)
	require.Empty(t, errs)
	require.Equal(t, []quota.ReportLine{
		{Line: 1, Name: "Nguyễn Văn A", Date: date(1, 3, 2026), Decision: "12-QĐ/ĐU"},
		{Line: 3, Name: "Trần Thị B", Date: today},
		{Line: 4, Name: "Lê Văn C", Date: today, Decision: "13 - QĐ/ĐU"},
		{Line: 5, Name: "Phạm D", Date: date(31, 12, 2025)},
	}, lines)
}

func TestParseReportEmpty(t *testing.T) {
	for _, msg := range []string{"", "\n \n\t"} {
		lines, errs := quota.ParseReport(msg, today)
		assert.Empty(t, lines)
		require.Len(t, errs, 1)
		assert.ErrorIs(t, errs[0].Err, quota.ErrNoLines)
	}
}

func TestParseReportDates(t *testing.T) {
	cases := []struct {
		date string
		want error
	}{
		{"15/06/2026", nil},
		{"16/06/2026", quota.ErrFutureDate},
		{"01/01/2027", quota.ErrFutureDate},
		{"01/01/2025", nil},
		{"31/12/2024", quota.ErrOldDate},
		{"15/06/2024", quota.ErrOldDate},
		{"31/02/2026", quota.ErrImpossibleDate},
		{"hôm qua", quota.ErrBadDate},
	}
	for _, c := range cases {
		lines, errs := quota.ParseReport("Nguyễn Văn A; "+c.date, today)
		if c.want == nil {
			assert.Empty(t, errs, c.date)
			assert.Len(t, lines, 1, c.date)
			continue
		}
		assert.Empty(t, lines, c.date)
		if assert.Len(t, errs, 1, c.date) {
			assert.ErrorIs(t, errs[0].Err, c.want, c.date)
		}
	}
}

func TestParseReportDuplicateInOneMessage(t *testing.T) {
	msg := "Nguyễn Văn A; 01/03/2026\nTrần B\nnguyễn  VĂN a; 1/3/26\nNguyễn Văn A; 02/03/2026\nNguyễn Văn Á; 01/03/2026"
	lines, errs := quota.ParseReport(msg, today)
	require.Len(t, errs, 1)
	assert.Equal(t, 3, errs[0].Line)
	assert.ErrorIs(t, errs[0].Err, quota.ErrDuplicate)
	assert.Contains(t, errs[0].Err.Error(), "line 1")
	// A different date is another admission, and a name that differs in
	// its diacritics another person: neither is a duplicate.
	assert.Len(t, lines, 4)

	// A third copy names the first line, not the refused second one.
	_, errs = quota.ParseReport("Lê C\nTrần B\nLê C\nlê c", today)
	require.Len(t, errs, 2)
	assert.Equal(t, 4, errs[1].Line)
	assert.Contains(t, errs[1].Err.Error(), "(line 1)")
}

func TestParseReportTooManyLines(t *testing.T) {
	var b strings.Builder
	for i := range quota.MaxReportLines + 1 {
		fmt.Fprintf(&b, "Người %c\n", 'A'+rune(i%26))
	}
	lines, errs := quota.ParseReport(strings.TrimSuffix(b.String(), "\n"), today)
	assert.Empty(t, lines)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0].Err, quota.ErrTooMany)
	assert.Zero(t, errs[0].Line, "the message is refused as a whole, no line named")
	var tm *quota.TooManyLinesError
	require.ErrorAs(t, errs[0].Err, &tm)
	assert.Equal(t, quota.TooManyLinesError{Lines: quota.MaxReportLines + 1, Max: quota.MaxReportLines}, *tm)

	// Exactly the limit is accepted, with distinct names.
	b.Reset()
	for i := range quota.MaxReportLines {
		fmt.Fprintf(&b, "Người %c%c\n", 'A'+rune(i/26), 'A'+rune(i%26))
	}
	lines, errs = quota.ParseReport(strings.TrimSuffix(b.String(), "\n"), today)
	assert.Empty(t, errs)
	assert.Len(t, lines, quota.MaxReportLines)
}

func TestParseReportLineErrors(t *testing.T) {
	msg := "Nguyễn Văn A\n" +
		"Trần B; 01/03/2026; 12; extra\n" +
		"\n" +
		"Lê C; 01/03/2026; " + strings.Repeat("Đ", quota.MaxDecisionRunes+1) + "\n" +
		"Phạm D; 01/03/2026; " + strings.Repeat("Đ", quota.MaxDecisionRunes) + "\n" +
		"123; 01/03/2026\n" +
		"; 01/03/2026"
	lines, errs := quota.ParseReport(msg, today)
	require.Len(t, lines, 2)
	assert.Equal(t, 1, lines[0].Line)
	assert.Equal(t, 5, lines[1].Line)

	require.Len(t, errs, 4)
	want := []struct {
		line int
		err  error
	}{{2, quota.ErrTooManyPart}, {4, quota.ErrBadDecision}, {6, quota.ErrAbsurdName}, {7, quota.ErrEmptyName}}
	for i, w := range want {
		assert.Equal(t, w.line, errs[i].Line)
		assert.ErrorIs(t, errs[i].Err, w.err)
		assert.Contains(t, errs[i].Error(), fmt.Sprintf("line %d", w.line))
	}
	assert.Equal(t, "Trần B; 01/03/2026; 12; extra", errs[0].Text)
}

func TestCheckAdmissionDate(t *testing.T) {
	require.NoError(t, quota.CheckAdmissionDate(today, today))
	require.NoError(t, quota.CheckAdmissionDate(date(1, 1, 2025), today))
	assert.ErrorIs(t, quota.CheckAdmissionDate(today.AddDays(1), today), quota.ErrFutureDate)
	assert.ErrorIs(t, quota.CheckAdmissionDate(date(31, 12, 2024), today), quota.ErrOldDate)
}

func TestCorrectAnAdmission(t *testing.T) {
	at := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	a := quota.Admission{ID: 3, Org: "A", Name: "Nguyễn Văn An", Date: quota.Date{Year: 2026, Month: 3, Day: 1}, Decision: "1-QĐ"}
	next, c, err := a.Correct(quota.FieldName, "  Nguyễn  Văn Ân ", today, 7, at)
	require.NoError(t, err)
	assert.Equal(t, "Nguyễn Văn Ân", next.Name)
	assert.Equal(t, "Nguyễn Văn An", a.Name, "the original is not changed")
	assert.Equal(t, quota.Correction{Field: quota.FieldName, Old: "Nguyễn Văn An", New: "Nguyễn Văn Ân", By: 7, At: at}, c)
	assert.Equal(t, []quota.Correction{c}, next.Corrections)

	_, _, err = a.Correct(quota.FieldDate, "2026-03-05", today, 7, at)
	assert.ErrorIs(t, err, quota.ErrDateOtherOrder)
	_, _, err = a.Correct(quota.FieldDate, "16/06/2026", today, 7, at)
	assert.ErrorIs(t, err, quota.ErrFutureDate)
	_, _, err = a.Correct(quota.FieldDecision, "1-QĐ", today, 7, at)
	assert.ErrorIs(t, err, quota.ErrNoChange)
	next, _, err = a.Correct(quota.FieldDecision, "", today, 7, at)
	require.NoError(t, err)
	assert.Empty(t, next.Decision, "a decision number can be removed")
	a.Retracted = true
	_, _, err = a.Correct(quota.FieldName, "Lê Văn Bốn", today, 7, at)
	assert.ErrorIs(t, err, quota.ErrRetracted)

	assert.True(t, quota.SameBatch(quota.Admission{UpdateID: 4, ReportedBy: 7}, quota.Admission{UpdateID: 4, ReportedBy: 7}))
	assert.False(t, quota.SameBatch(quota.Admission{ReportedBy: 7}, quota.Admission{ReportedBy: 7}), "imported admissions are no batch")
}
