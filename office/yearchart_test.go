package office_test

import (
	"bytes"
	"image/color"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/office"
)

// letterYears is the letter's history: 1,823 admitted in 2013-2018 as
// imported totals, then 2019's named admissions against a plan of 300.
func letterYears() office.YearChart {
	c := office.YearChart{
		Title:   "Kết nạp đảng viên qua các năm – Đảng bộ Khối Doanh nghiệp",
		Average: 1823.0 / 6,
		Labels: office.YearLabels{Quota: "Chỉ tiêu", Admitted: "Đã kết nạp", Total: "Số liệu tổng hợp (chưa có danh sách)",
			Average: "Bình quân 2013-2018: 304/năm", Count: "Số đảng viên"},
	}
	for i, n := range []int{280, 295, 300, 310, 318, 320} {
		c.Years = append(c.Years, office.YearBar{Year: 2013 + i, Admitted: n, Total: true})
	}
	c.Years = append(c.Years, office.YearBar{Year: 2019, Quota: 300, Admitted: 152})
	return c
}

func TestRenderYearChartPNG(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, office.RenderYearChartPNG(&buf, letterYears()))
	img, colors, nonWhite := imageStats(t, buf.Bytes())
	assert.GreaterOrEqual(t, img.Bounds().Dx(), 576, "at least six inches wide at 96 dpi")
	assert.Greater(t, colors, 20, "text is antialiased")
	assert.Greater(t, nonWhite, 10000)
	has := func(c color.RGBA) bool {
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r, g, bl, _ := img.At(x, y).RGBA()
				if uint8(r>>8) == c.R && uint8(g>>8) == c.G && uint8(bl>>8) == c.B {
					return true
				}
			}
		}
		return false
	}
	assert.True(t, has(color.RGBA{R: 0xbd, G: 0xbd, B: 0xbd}), "a quota bar")
	assert.True(t, has(color.RGBA{R: 0x1f, G: 0x3a, B: 0x93}), "a bar of named admissions")
	assert.True(t, has(color.RGBA{R: 0x7f, G: 0x9c, B: 0xd6}), "a bar of imported totals")
	assert.True(t, has(color.RGBA{R: 0xb7, G: 0x1c, B: 0x1c}), "the average line")
	if out := os.Getenv("QUOTABOT_CHART_OUT"); out != "" {
		require.NoError(t, os.WriteFile(out, buf.Bytes(), 0o600))
	}

	// Many years keep the most recent; none draws an empty chart.
	many := office.YearChart{Title: "x"}
	for y := 1990; y < 2030; y++ {
		many.Years = append(many.Years, office.YearBar{Year: y, Quota: 10, Admitted: y % 12})
	}
	buf.Reset()
	require.NoError(t, office.RenderYearChartPNG(&buf, many))
	wide, _, _ := imageStats(t, buf.Bytes())
	assert.Less(t, wide.Bounds().Dx(), 1500, "bounded however many years")
	buf.Reset()
	require.NoError(t, office.RenderYearChartPNG(&buf, office.YearChart{}))
}
