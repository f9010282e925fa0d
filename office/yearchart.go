package office

import (
	"cmp"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"

	"golang.org/x/text/unicode/norm"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// YearBar is one year of a committee's or an organization's history.
type YearBar struct {
	Year     int
	Quota    int  // 0 when the year had no quota
	Admitted int  // named admissions, or the imported total
	Total    bool // Admitted is an imported total with no names behind it
}

// YearLabels are the chart's words, in the reader's language.
type YearLabels struct {
	Quota    string // legend of the quota bars
	Admitted string // legend of the admitted bars
	Total    string // legend of the bars that are imported totals
	Average  string // caption of the average line, with its figure: "Bình quân 2013-2018: 304/năm"
	Count    string // the vertical axis
}

// YearChart is admitted against quota year by year, with the average of
// a span of years as a line.
type YearChart struct {
	Title   string
	Years   []YearBar // oldest first
	Average float64   // the mean per year to draw; 0 for none
	Labels  YearLabels
}

// maxChartYears bounds the years drawn, so the bars stay readable on a
// phone; the most recent are kept.
const maxChartYears = 25

var (
	colorQuota = color.RGBA{R: 0xbd, G: 0xbd, B: 0xbd, A: 0xff}
	colorNamed = colorTotal
	colorPast  = color.RGBA{R: 0x7f, G: 0x9c, B: 0xd6, A: 0xff}
)

// RenderYearChartPNG draws, per year, a grey bar for the quota and a blue
// one for the admitted (lighter when it is an imported total), with the
// figures above, and a dashed line at the average.
func RenderYearChartPNG(w io.Writer, c YearChart) error {
	if len(c.Years) > maxChartYears {
		c.Years = c.Years[len(c.Years)-maxChartYears:]
	}
	p := plot.New()
	p.Title.Text = wrapTitle(norm.NFC.String(c.Title), 60)
	p.Title.TextStyle.Font = font.From(sansBold, 14)
	p.Title.Padding = 0.15 * vg.Inch
	p.Y.Label.Text = norm.NFC.String(c.Labels.Count)
	p.Y.Label.TextStyle.Font = font.From(sans, 10)
	p.Y.Tick.Label.Font = font.From(sans, 9)
	p.X.Tick.Label.Font = font.From(sans, 9)

	names := make([]string, len(c.Years))
	top := c.Average
	for i, y := range c.Years {
		names[i] = strconv.Itoa(y.Year)
		top = math.Max(top, float64(max(y.Quota, y.Admitted)))
	}
	if len(names) > 0 {
		p.NominalX(names...)
	}
	p.X.Min, p.X.Max = -0.6, float64(len(c.Years))-0.4
	p.Y.Min = 0
	// Room above the tallest bar for its figures and for the legend.
	p.Y.Max = math.Max(top, 1) * 1.4
	p.Y.Tick.Marker = wholeTicks{}
	p.Add(&yearPlotter{c: c, handler: p.TextHandler})

	width := vg.Length(math.Max(6, 1.2+0.55*float64(len(c.Years)))) * vg.Inch
	cv := vgimg.NewWith(vgimg.UseWH(width, 5*vg.Inch), vgimg.UseDPI(chartDPI))
	p.Draw(draw.New(cv))
	if _, err := (vgimg.PngCanvas{Canvas: cv}).WriteTo(w); err != nil {
		return fmt.Errorf("writing the chart of years as PNG: %w", err)
	}
	return nil
}

type yearPlotter struct {
	c       YearChart
	handler text.Handler
}

func (yp *yearPlotter) Plot(cv draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&cv)
	grid := draw.LineStyle{Color: colorGrid, Width: vg.Points(0.5)}
	for _, t := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
		if t.Label != "" {
			cv.StrokeLine2(grid, tx(p.X.Min), ty(t.Value), tx(p.X.Max), ty(t.Value))
		}
	}
	figure := text.Style{Color: color.Black, Font: font.From(sans, 8), XAlign: draw.XCenter, YAlign: draw.YBottom, Handler: yp.handler}
	box := func(clr color.Color, x0, x1, h float64) {
		if h <= 0 {
			return
		}
		cv.FillPolygon(clr, []vg.Point{{X: tx(x0), Y: ty(0)}, {X: tx(x1), Y: ty(0)}, {X: tx(x1), Y: ty(h)}, {X: tx(x0), Y: ty(h)}})
	}
	const w = 0.36
	for i, y := range yp.c.Years {
		x := float64(i)
		if y.Quota > 0 {
			box(colorQuota, x-w, x, float64(y.Quota))
			cv.FillText(figure, vg.Point{X: tx(x - w/2), Y: ty(float64(y.Quota)) + vg.Points(2)}, strconv.Itoa(y.Quota))
		}
		clr := colorNamed
		if y.Total {
			clr = colorPast
		}
		// With no quota beside it, the admitted bar stands in the middle.
		left := x
		if y.Quota <= 0 {
			left = x - w/2
		}
		box(clr, left, left+w, float64(y.Admitted))
		label := strconv.Itoa(y.Admitted)
		if y.Quota > 0 {
			label += fmt.Sprintf("\n%d%%", int(math.Round(float64(y.Admitted)*100/float64(y.Quota))))
		}
		cv.FillText(figure, vg.Point{X: tx(left + w/2), Y: ty(float64(y.Admitted)) + vg.Points(2)}, label)
	}
	avgLine := draw.LineStyle{Color: colorExpected, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
	if yp.c.Average > 0 {
		cv.StrokeLine2(avgLine, tx(p.X.Min), ty(yp.c.Average), tx(p.X.Max), ty(yp.c.Average))
	}
	// The legend, top left.
	legend := figure
	legend.XAlign, legend.YAlign = draw.XLeft, draw.YCenter
	x0 := tx(p.X.Min) + vg.Points(6)
	yl := ty(p.Y.Max) - vg.Points(10)
	for _, item := range []struct {
		clr   color.Color
		label string
	}{{colorQuota, cmp.Or(yp.c.Labels.Quota, "Quota")}, {colorNamed, cmp.Or(yp.c.Labels.Admitted, "Admitted")}, {colorPast, cmp.Or(yp.c.Labels.Total, "Total")}} {
		cv.FillPolygon(item.clr, []vg.Point{{X: x0, Y: yl - 4}, {X: x0 + 10, Y: yl - 4}, {X: x0 + 10, Y: yl + 4}, {X: x0, Y: yl + 4}})
		cv.FillText(legend, vg.Point{X: x0 + 14, Y: yl}, chartText(item.label))
		x0 += 14 + vg.Length(len([]rune(item.label)))*4.6 + 16
	}
	// The average's caption stands on a line of its own below the legend,
	// never over the bars' figures.
	if yp.c.Average > 0 {
		yl -= 14
		x0 = tx(p.X.Min) + vg.Points(6)
		cv.StrokeLine2(avgLine, x0, yl, x0+18, yl)
		caption := legend
		caption.Color = colorExpected
		caption.Font = font.From(sansBold, 9)
		cv.FillText(caption, vg.Point{X: x0 + 22, Y: yl}, chartText(cmp.Or(yp.c.Labels.Average, fmt.Sprintf("Average: %.1f", yp.c.Average))))
	}
}

// wholeTicks marks the count axis in whole numbers: admissions are people.
type wholeTicks struct{}

func (wholeTicks) Ticks(lo, hi float64) []plot.Tick {
	span := math.Max(hi-lo, 1)
	step := math.Pow(10, math.Floor(math.Log10(span)))
	for span/step < 4 && step > 1 {
		step /= 2
	}
	step = math.Max(1, math.Round(step))
	var ts []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi; v += step {
		ts = append(ts, plot.Tick{Value: v, Label: strconv.Itoa(int(v))})
	}
	return ts
}

// wrapTitle breaks a long title at a space near the middle, so that it
// stays whole on a phone-sized picture.
func wrapTitle(s string, width int) string {
	r := []rune(s)
	if len(r) <= width {
		return s
	}
	mid := len(r) / 2
	for d := 0; d < mid; d++ {
		for _, i := range []int{mid - d, mid + d} {
			if i > 0 && i < len(r) && r[i] == ' ' {
				return string(r[:i]) + "\n" + string(r[i+1:])
			}
		}
	}
	return s
}
