package office_test

import (
	"errors"
	"strings"
	"testing"

	"quotabot/office"
)

func FuzzReadOrgsCSV(f *testing.F) {
	for _, seed := range []string{
		"code,name,parent,quota_2026\nA,B,,1\nC,D,A,2\n",
		"\uFEFFMã;Tên;Chỉ tiêu 2026\nX;\"Y;Z\";3\n",
		"ĐẢNG ỦY\n\nSTT,Mã,Tên tổ chức đảng,Trực thuộc,Chỉ tiêu 2025\n1,A,B,,1.0\n",
		"code,name,quota 1999\n",
		"code,name,quota_2026\nA,,-1\nA,B,1.000\n\"unterminated",
		"",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := office.ReadOrgsCSV(strings.NewReader(string(data)))
		if err != nil {
			if rows != nil {
				t.Fatalf("rows and an error: %v", err)
			}
			var ie *office.ImportError
			if errors.As(err, &ie) && len(ie.Errors) == 0 {
				t.Fatal("ImportError without row errors")
			}
			return
		}
		seen := map[string]bool{}
		for _, r := range rows {
			if r.Name == "" || r.Line < 1 {
				t.Fatalf("invalid row accepted: %+v", r)
			}
			if r.Code != "" && seen[strings.ToLower(r.Code)] {
				t.Fatalf("duplicate code accepted: %q", r.Code)
			}
			seen[strings.ToLower(r.Code)] = true
			for y, q := range r.Quotas {
				if y < 2000 || y > 2100 || q < 0 {
					t.Fatalf("bad quota accepted: %d: %d", y, q)
				}
			}
		}
		_ = office.CheckTree(rows, func(string) (string, bool) { return "", false })
	})
}

func FuzzFindHeader(f *testing.F) {
	f.Add("x|y\ncode|name|quota_2026", "|")
	f.Add("STT;Mã;Tên tổ chức đảng;Trực thuộc;Chỉ tiêu 2026;CT 3000", ";")
	f.Add("", ",")
	f.Add("STT|Tên tổ chức cơ sở đảng|Chỉ tiêu giao||\n||Năm 2019|Năm 2020|Giai đoạn 2021-2025", "|")
	f.Add("TT;Đơn vị;Đã kết nạp 2018;admitted_2019;2021 - 2025;KH 2026", ";")
	f.Fuzz(func(t *testing.T, text, sep string) {
		if sep == "" {
			sep = ","
		}
		var rows [][]string
		for _, line := range strings.Split(text, "\n") {
			rows = append(rows, strings.Split(line, sep))
		}
		idx, cols, err := office.FindHeader(rows)
		var ie *office.ImportError
		if err != nil && !errors.As(err, &ie) {
			return // no header at all
		}
		if idx < 0 || idx >= len(rows) || idx >= 20 {
			t.Fatalf("header index %d of %d rows", idx, len(rows))
		}
		n := len(rows[idx])
		if cols.Name < 0 || cols.Name >= n || cols.Code >= n || (cols.Code >= 0 && cols.Code == cols.Name) {
			t.Fatalf("bad columns %+v for %q", cols, rows[idx])
		}
		seen := map[int]bool{}
		for _, q := range cols.Quotas {
			if q.Year < 2000 || q.Year > 2100 || seen[q.Index] {
				t.Fatalf("bad quota column %+v", q)
			}
			seen[q.Index] = true
		}
		for _, tc := range cols.Terms {
			if tc.Term.From < 2000 || tc.Term.To <= tc.Term.From || seen[tc.Index] {
				t.Fatalf("bad term column %+v", tc)
			}
			seen[tc.Index] = true
		}
		for _, a := range cols.Admitted {
			if seen[a.Index] {
				t.Fatalf("column %d is two things", a.Index)
			}
			seen[a.Index] = true
		}
	})
}
