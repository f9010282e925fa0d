package office

import (
	"cmp"
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"
	"strings"

	stdfont "golang.org/x/image/font"
	"golang.org/x/text/unicode/norm"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Bar is one organization's progress.
type Bar struct {
	Label    string
	Admitted int
	Quota    int
}

// ChartLabels are the localized words drawn on the chart.
type ChartLabels struct {
	Percent  string                  // the percent axis
	Expected string                  // the expected-pace line
	Total    string                  // the committee total, when Total.Label is empty
	More     func(hidden int) string // the gap between the furthest behind and ahead
}

// Chart is a progress chart: percent of quota achieved per organization.
type Chart struct {
	Title            string
	Bars             []Bar
	Total            Bar
	ExpectedFraction float64 // today's expected pace as a fraction of quota, 0..1
	Labels           ChartLabels
}

const (
	// Past this many bars the chart shows only both ends, so that it stays
	// legible on a phone however many organizations there are.
	maxChartBars = 40
	chartEnd     = maxChartBars / 2
	capPercent   = 150.0 // longer bars are cut here; their label keeps the figure
	maxLabelRune = 45
	chartWidth   = 9 * vg.Inch
	chartHeader  = 1.4 * vg.Inch // title, axis and margins
	chartRow     = 0.24 * vg.Inch
	chartDPI     = 96
)

var (
	sans     = font.Font{Typeface: "Liberation", Variant: "Sans"}
	sansBold = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: stdfont.WeightBold}

	colorTotal    = color.RGBA{R: 0x1f, G: 0x3a, B: 0x93, A: 0xff}
	colorMet      = color.RGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff}
	colorOnPace   = color.RGBA{R: 0x81, G: 0xc7, B: 0x84, A: 0xff}
	colorBehind   = color.RGBA{R: 0xe5, G: 0x73, B: 0x73, A: 0xff}
	colorExpected = color.RGBA{R: 0xb7, G: 0x1c, B: 0x1c, A: 0xff}
	colorGrid     = color.Gray{Y: 0xb0}
)

// fraction is admitted/quota; with no quota nothing was required, so the
// organization counts as done.
func (b Bar) fraction() float64 {
	if b.Quota <= 0 {
		return 1
	}
	return float64(max(b.Admitted, 0)) / float64(b.Quota)
}

// chartRowData is one row of the chart, from the top down.
type chartRowData struct {
	label string
	bar   *Bar // nil for a row without a bar
	total bool
}

// RenderChartPNG draws horizontal bars of the percent of quota achieved,
// the furthest behind at the top, the committee total above them in its own
// colour, and a dashed line at the expected pace. With more than 40
// organizations only the 20 furthest behind and the 20 furthest ahead are
// drawn, with the number left out between them.
func RenderChartPNG(w io.Writer, c Chart) error {
	rows := chartRows(c)
	p, err := buildPlot(c, rows)
	if err != nil {
		return fmt.Errorf("drawing chart: %w", err)
	}
	h := chartHeader + chartRow*vg.Length(len(rows))
	cv := vgimg.NewWith(vgimg.UseWH(chartWidth, h), vgimg.UseDPI(chartDPI))
	p.Draw(draw.New(cv))
	if _, err := (vgimg.PngCanvas{Canvas: cv}).WriteTo(w); err != nil {
		return fmt.Errorf("writing chart PNG: %w", err)
	}
	return nil
}

func chartRows(c Chart) []chartRowData {
	bars := slices.Clone(c.Bars)
	slices.SortStableFunc(bars, func(a, b Bar) int {
		return cmp.Or(cmp.Compare(a.fraction(), b.fraction()), strings.Compare(a.Label, b.Label))
	})
	total := c.Total
	if total.Label == "" {
		total.Label = cmp.Or(c.Labels.Total, "Total")
	}
	rows := []chartRowData{
		{}, // room for the expected-pace caption
		{label: total.Label, bar: &total, total: true},
		{},
	}
	add := func(bs []Bar) {
		for i := range bs {
			rows = append(rows, chartRowData{label: bs[i].Label, bar: &bs[i]})
		}
	}
	if len(bars) <= maxChartBars {
		add(bars)
		return rows
	}
	add(bars[:chartEnd])
	rows = append(rows, chartRowData{label: moreText(c.Labels.More, len(bars)-2*chartEnd)})
	add(bars[len(bars)-chartEnd:])
	return rows
}

func moreText(more func(int) string, n int) string {
	if more == nil {
		return fmt.Sprintf("… %d more …", n)
	}
	return more(n)
}

// chartText prepares a label for drawing: precomposed characters are the
// ones the font has glyphs for, and very long names are shortened in the
// middle, since long names share their beginning (the parent committee)
// and differ at the end (the cell).
func chartText(s string) string {
	s = CleanName(s)
	r := []rune(s)
	if len(r) <= maxLabelRune {
		return s
	}
	head := (maxLabelRune - 1) * 2 / 5
	tail := maxLabelRune - 1 - head
	return strings.TrimSpace(string(r[:head])) + "…" + strings.TrimSpace(string(r[len(r)-tail:]))
}

func buildPlot(c Chart, rows []chartRowData) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = norm.NFC.String(c.Title)
	p.Title.TextStyle.Font = font.From(sansBold, 14)
	p.Title.Padding = 0.15 * vg.Inch
	p.X.Label.Text = norm.NFC.String(cmp.Or(c.Labels.Percent, "%"))
	p.X.Label.TextStyle.Font = font.From(sans, 10)
	p.X.Tick.Label.Font = font.From(sans, 9)
	p.Y.Tick.Label.Font = font.From(sans, 9)

	maxPct := 100.0
	for _, r := range rows {
		if r.bar != nil {
			maxPct = max(maxPct, math.Min(r.bar.fraction()*100, capPercent))
		}
	}
	p.X.Min = 0
	// Room to the right of the longest bar for its figures.
	p.X.Max = maxPct * 1.3
	p.X.Tick.Marker = plot.TickerFunc(func(lo, hi float64) []plot.Tick {
		var ts []plot.Tick
		for v := 0.0; v <= hi; v += 25 {
			lbl := ""
			if int(v)%50 == 0 {
				lbl = fmt.Sprintf("%d%%", int(v))
			}
			ts = append(ts, plot.Tick{Value: v, Label: lbl})
		}
		return ts
	})

	n := len(rows)
	names := make([]string, n)
	for i, r := range rows {
		// NominalY counts from the bottom; rows run from the top.
		names[n-1-i] = chartText(r.label)
	}
	p.NominalY(names...)
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4

	expected := math.Min(math.Max(c.ExpectedFraction, 0), 1)
	p.Add(&barsPlotter{
		rows:     rows,
		expected: expected,
		caption:  chartText(cmp.Or(c.Labels.Expected, "Expected")),
		handler:  p.TextHandler,
	})
	return p, nil
}

// barsPlotter draws every row's bar in its own colour, which gonum's
// BarChart cannot do within one series.
type barsPlotter struct {
	rows     []chartRowData
	expected float64
	caption  string
	handler  text.Handler
}

func (bp *barsPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	n := len(bp.rows)
	grid := draw.LineStyle{Color: colorGrid, Width: vg.Points(0.5)}
	for v := 25.0; v <= p.X.Max; v += 25 {
		c.StrokeLine2(grid, tx(v), ty(-0.5), tx(v), ty(float64(n)-1.5))
	}
	c.StrokeLine2(draw.LineStyle{Color: color.Gray{Y: 0x40}, Width: vg.Points(1)},
		tx(100), ty(-0.5), tx(100), ty(float64(n)-1.5))

	figure := text.Style{
		Color: color.Black, Font: font.From(sans, 8),
		XAlign: draw.XLeft, YAlign: draw.YCenter, Handler: bp.handler,
	}
	const half = 0.35
	for i, r := range bp.rows {
		if r.bar == nil {
			continue
		}
		y := float64(n - 1 - i)
		f := r.bar.fraction()
		pct := math.Min(f*100, capPercent)
		clr := colorBehind
		switch {
		case r.total:
			clr = colorTotal
		case f >= 1:
			clr = colorMet
		case f >= bp.expected:
			clr = colorOnPace
		}
		if pct > 0 {
			c.FillPolygon(clr, []vg.Point{
				{X: tx(0), Y: ty(y - half)}, {X: tx(pct), Y: ty(y - half)},
				{X: tx(pct), Y: ty(y + half)}, {X: tx(0), Y: ty(y + half)},
			})
		}
		sty := figure
		if r.total {
			sty.Font = font.From(sansBold, 8)
		}
		c.FillText(sty, vg.Point{X: tx(pct) + vg.Points(3), Y: ty(y)},
			fmt.Sprintf("%d/%d  %s", r.bar.Admitted, r.bar.Quota, percentLabel(*r.bar)))
	}

	if bp.expected > 0 {
		x := tx(bp.expected * 100)
		line := draw.LineStyle{Color: colorExpected, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
		c.StrokeLine2(line, x, ty(-0.5), x, ty(float64(n)-1.5))
		caption := figure
		caption.Color = colorExpected
		caption.XAlign = draw.XCenter
		if bp.expected < 0.2 {
			caption.XAlign = draw.XLeft // centred, it would run into the names
		}
		caption.Font = font.From(sansBold, 9)
		c.FillText(caption, vg.Point{X: x, Y: ty(float64(n - 1))},
			fmt.Sprintf("%s %d%%", bp.caption, int(math.Round(bp.expected*100))))
	}
}

func percentLabel(b Bar) string {
	if b.Quota <= 0 {
		return "–"
	}
	return fmt.Sprintf("%d%%", int(math.Round(b.fraction()*100)))
}
