package office_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/office"
)

func chartFixture(n int) office.Chart {
	c := office.Chart{
		Title:            "Tiến độ kết nạp đảng viên năm 2026",
		Total:            office.Bar{Admitted: 152, Quota: 300},
		ExpectedFraction: 0.45,
		Labels:           office.ChartLabels{Percent: "Tỷ lệ hoàn thành", Expected: "Dự kiến", Total: "Toàn Đảng bộ", More: func(n int) string { return fmt.Sprintf("… còn %d tổ chức …", n) }},
	}
	names := []string{"Đảng ủy Công ty Cổ phần Sông Hồng – Chi bộ Nguyễn Thị Ánh", "Chi bộ Đường sắt", "Đảng ủy Tổng công ty Hàng hải"}
	for i := range n {
		c.Bars = append(c.Bars, office.Bar{
			Label:    fmt.Sprintf("%s %d", names[i%len(names)], i),
			Admitted: i % 13,
			Quota:    5 + i%7,
		})
	}
	return c
}

// imageStats decodes a PNG and counts its distinct colours and non-white
// pixels.
func imageStats(t *testing.T, data []byte) (image.Image, int, int) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	colors := map[color.RGBA]bool{}
	nonWhite := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			c := color.RGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(bl >> 8), A: uint8(a >> 8)}
			colors[c] = true
			if c != (color.RGBA{R: 255, G: 255, B: 255, A: 255}) {
				nonWhite++
			}
		}
	}
	return img, len(colors), nonWhite
}

func TestRenderChartPNG(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, office.RenderChartPNG(&buf, chartFixture(12)))
	img, colors, nonWhite := imageStats(t, buf.Bytes())
	b := img.Bounds()
	assert.GreaterOrEqual(t, b.Dx(), 600)
	assert.LessOrEqual(t, b.Dx(), 2000)
	assert.GreaterOrEqual(t, b.Dy(), 300)
	assert.Greater(t, colors, 20, "bars, text and lines in several colours")
	assert.Greater(t, nonWhite, b.Dx()*b.Dy()/50, "not blank")
}

func TestRenderChartPNGManyBarsBoundedHeight(t *testing.T) {
	var small, big bytes.Buffer
	require.NoError(t, office.RenderChartPNG(&small, chartFixture(10)))
	require.NoError(t, office.RenderChartPNG(&big, chartFixture(300)))
	si, _, _ := imageStats(t, small.Bytes())
	bi, colors, _ := imageStats(t, big.Bytes())
	assert.Greater(t, bi.Bounds().Dy(), si.Bounds().Dy(), "height grows with the bars")
	assert.LessOrEqual(t, bi.Bounds().Dy(), 1400, "but not past the cut at 40 bars")
	assert.Greater(t, colors, 20)

	var huge bytes.Buffer
	require.NoError(t, office.RenderChartPNG(&huge, chartFixture(3000)))
	hc, err := png.DecodeConfig(&huge)
	require.NoError(t, err)
	assert.Equal(t, bi.Bounds().Size(), image.Pt(hc.Width, hc.Height))
}

func TestRenderChartPNGEdgeCases(t *testing.T) {
	for name, c := range map[string]office.Chart{
		"empty":      {},
		"zero quota": {Bars: []office.Bar{{Label: "A", Admitted: 3}, {Label: "B"}}, ExpectedFraction: 2},
		"way ahead": {Bars: []office.Bar{{Label: "A", Admitted: 90, Quota: 3}}, Total: office.Bar{Admitted: -1, Quota: 1}, ExpectedFraction: 0.05,
			Labels: office.ChartLabels{}},
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, office.RenderChartPNG(&buf, c))
			_, err := png.Decode(&buf)
			require.NoError(t, err)
		})
	}
}
