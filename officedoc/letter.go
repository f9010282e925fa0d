package officedoc

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/gomutex/godocx"
	"github.com/gomutex/godocx/docx"
	"github.com/gomutex/godocx/wml/ctypes"
	"github.com/gomutex/godocx/wml/stypes"
)

// Letter is a Party document: every word of it, in the reader's language.
type Letter struct {
	Superior  string // the body above the issuer, first header line; may be empty
	Issuer    string // the issuing body, in bold under Superior
	Number    string // "Số    -BC/BTCĐUK", left for the clerk to fill in
	Party     string // "ĐẢNG CỘNG SẢN VIỆT NAM"
	PlaceDate string // "Bình Dương, ngày 01 tháng 12 năm 2026"
	Kind      string // "BÁO CÁO"
	Subject   string // the subject line under the kind
	Body      []Paragraph

	RecipientsLabel string   // "Nơi nhận:"
	Recipients      []string // one line each, written as they are
	SignOnBehalf    string   // "T/M BAN THƯỜNG VỤ", "K/T TRƯỞNG BAN"; may be empty
	SignTitle       string   // "PHÓ BÍ THƯ"
	SignName        string   // the signer's name; empty leaves the space to write it

	Annex *Annex // the attached table, on a page of its own; nil for none
}

// Paragraph is one paragraph of the body.
type Paragraph struct {
	Text    string
	Heading bool // a section heading ("I. …", "1. …"), in bold
}

// Annex is a table attached to the letter.
type Annex struct {
	Title   string // "DANH SÁCH …", in bold capitals
	Note    string // "(Kèm theo Báo cáo số …)", in italics under the title
	Columns []Column
	Rows    [][]string
	Total   []string // the last row, in bold; nil for none
}

// Column is a column of an annexed table.
type Column struct {
	Header string
	Weight int // share of the table's width, relative to the other columns
	Align  Align
}

// Align is the alignment of a column's cells.
type Align int

// Alignments of a column.
const (
	Left Align = iota
	Center
	Right
)

// Measures in twentieths of a point: A4 with the margins Party documents
// use (top and bottom 20 mm, left 30 mm, right 15 mm).
const (
	pageWidth    = 11906
	pageHeight   = 16838
	marginTop    = 1134
	marginBottom = 1134
	marginLeft   = 1701
	marginRight  = 851
	textWidth    = pageWidth - marginLeft - marginRight
	firstIndent  = 567 // 1 cm
	// The header reaches into the margins, as in printed Party documents,
	// so the issuer and the date fit on their lines.
	headerWidth = textWidth + 2*headerOut
	headerOut   = 425                    // 0.75 cm
	headerLeft  = headerWidth * 47 / 100 // the issuer's column
)

// font is the typeface of Party documents; LibreOffice stands in Liberation
// Serif, which has the same metrics and every Vietnamese letter.
const font = "Times New Roman"

// WriteDOCX writes the letter as a .docx file.
func WriteDOCX(w io.Writer, l Letter) error {
	doc, err := godocx.NewDocument()
	if err != nil {
		return fmt.Errorf("starting the document: %w", err)
	}
	setPage(doc)
	setProperties(doc, l)
	header(doc, l)
	title(doc, l)
	for _, p := range l.Body {
		body(doc, p)
	}
	closing(doc, l)
	if l.Annex != nil {
		annex(doc, *l.Annex)
	}
	if err := doc.Write(w); err != nil {
		return fmt.Errorf("writing the document: %w", err)
	}
	return nil
}

func setPage(doc *docx.RootDoc) {
	ptr := func(n int) *int { return &n }
	w, h := uint64(pageWidth), uint64(pageHeight)
	doc.Document.Body.SectPr = &ctypes.SectionProp{
		PageSize: &ctypes.PageSize{Width: &w, Height: &h},
		PageMargin: &ctypes.PageMargin{Top: ptr(marginTop), Bottom: ptr(marginBottom), Left: ptr(marginLeft),
			Right: ptr(marginRight), Header: ptr(709), Footer: ptr(709), Gutter: ptr(0)},
	}
}

// setProperties replaces the template's own: its thumbnail (a picture of
// another page, which file browsers would show), its author and program.
func setProperties(doc *docx.RootDoc, l Letter) {
	doc.FileMap.Delete("docProps/thumbnail.jpeg")
	rels := doc.RootRels.Relationships[:0]
	for _, r := range doc.RootRels.Relationships {
		if !strings.HasSuffix(r.Type, "/thumbnail") {
			rels = append(rels, r)
		}
	}
	doc.RootRels.Relationships = rels
	var title bytes.Buffer
	_ = xml.EscapeText(&title, []byte(strings.TrimSpace(l.Kind+" "+l.Subject)))
	doc.FileMap.Store("docProps/core.xml", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">`+
		`<dc:title>`+title.String()+`</dc:title></cp:coreProperties>`))
	doc.FileMap.Store("docProps/app.xml", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>quotabot</Application></Properties>`))
}

// style is how a run of text looks.
type style struct {
	size          uint64 // points
	bold, italic  bool
	underline     bool
	align         stypes.Justification
	before, after uint64 // spacing in twentieths of a point
	indent        bool   // first line indented
}

func text(p *docx.Paragraph, s string, st style) {
	p.Justification(st.align)
	p.Spacing(st.before, st.after)
	if st.indent {
		fl := uint64(firstIndent)
		p.Indent(&ctypes.Indent{FirstLine: &fl})
	}
	if s == "" {
		return
	}
	r := p.AddText(s).Font(font).Size(st.size)
	// The number placeholder's run of spaces is where the clerk writes the
	// number: Word would collapse it without xml:space="preserve".
	kids := p.GetCT().Children
	if t := kids[len(kids)-1].Run.Children[0].Text; t != nil {
		preserve := ctypes.TextSpacePreserve
		t.Space = &preserve
	}
	if st.bold {
		r.Bold(true)
	}
	if st.italic {
		r.Italic(true)
	}
	if st.underline {
		r.Underline(stypes.UnderlineSingle)
	}
}

// cellLine adds a line of text to a cell, a paragraph for each line of s,
// so a long issuer can be broken where the configuration says.
func cellLine(c *docx.Cell, s string, st style) {
	for _, line := range strings.Split(s, "\n") {
		text(c.AddEmptyPara(), strings.TrimSpace(line), st)
	}
}

// layoutTable is a borderless table used to place blocks side by side.
func layoutTable(doc *docx.RootDoc, width int, widths ...int) *docx.Table {
	t := doc.AddTable()
	t.Width(width, stypes.TableWidthDxa)
	t.Layout(stypes.TableLayoutFixed)
	grid := make([]uint64, len(widths))
	for i, w := range widths {
		grid[i] = uint64(w)
	}
	t.Grid(grid...)
	none := &ctypes.Border{Val: stypes.BorderStyleNone}
	t.GetCT().TableProp.Borders = &ctypes.TableBorders{Top: none, Left: none, Bottom: none, Right: none, InsideH: none, InsideV: none}
	return t
}

func header(doc *docx.RootDoc, l Letter) {
	t := layoutTable(doc, headerWidth, headerLeft, headerWidth-headerLeft)
	t.GetCT().TableProp.Indent = ctypes.NewTableWidth(-headerOut, stypes.TableWidthDxa)
	row := t.AddRow()
	left := row.AddCell().Width(headerLeft, stypes.TableWidthDxa)
	center := style{size: 14, align: stypes.JustificationCenter}
	if l.Superior != "" {
		cellLine(left, l.Superior, center)
	}
	bold := center
	bold.bold = true
	cellLine(left, l.Issuer, bold)
	cellLine(left, "*", center)
	cellLine(left, l.Number, center)

	right := row.AddCell().Width(headerWidth-headerLeft, stypes.TableWidthDxa)
	party := style{size: 15, bold: true, underline: true, align: stypes.JustificationCenter}
	cellLine(right, l.Party, party)
	if l.Superior != "" {
		cellLine(right, "", center) // keeps the date level with the number
	}
	cellLine(right, "", center)
	cellLine(right, l.PlaceDate, style{size: 14, italic: true, align: stypes.JustificationCenter})
}

func title(doc *docx.RootDoc, l Letter) {
	text(doc.AddEmptyParagraph(), l.Kind, style{size: 15, bold: true, align: stypes.JustificationCenter, before: 360})
	text(doc.AddEmptyParagraph(), l.Subject, style{size: 14, bold: true, align: stypes.JustificationCenter})
	text(doc.AddEmptyParagraph(), "-----", style{size: 14, align: stypes.JustificationCenter, after: 240})
}

func body(doc *docx.RootDoc, p Paragraph) {
	text(doc.AddEmptyParagraph(), p.Text, style{size: 14, bold: p.Heading, align: stypes.JustificationBoth, after: 120, indent: true})
}

func closing(doc *docx.RootDoc, l Letter) {
	const left = textWidth * 45 / 100
	t := layoutTable(doc, textWidth, left, textWidth-left)
	row := t.AddRow()
	recipients := row.AddCell().Width(left, stypes.TableWidthDxa)
	cellLine(recipients, "", style{size: 12})
	cellLine(recipients, l.RecipientsLabel, style{size: 14, underline: true, align: stypes.JustificationLeft})
	for _, r := range l.Recipients {
		cellLine(recipients, r, style{size: 12, align: stypes.JustificationLeft})
	}
	right := row.AddCell().Width(textWidth-left, stypes.TableWidthDxa)
	sign := style{size: 14, bold: true, align: stypes.JustificationCenter}
	cellLine(right, "", style{size: 12})
	if l.SignOnBehalf != "" {
		cellLine(right, l.SignOnBehalf, sign)
	}
	cellLine(right, l.SignTitle, sign)
	for range 4 { // room for the signature
		cellLine(right, "", sign)
	}
	cellLine(right, l.SignName, sign)
}

func annex(doc *docx.RootDoc, a Annex) {
	doc.AddPageBreak()
	text(doc.AddEmptyParagraph(), a.Title, style{size: 14, bold: true, align: stypes.JustificationCenter})
	text(doc.AddEmptyParagraph(), a.Note, style{size: 14, italic: true, align: stypes.JustificationCenter, after: 240})
	total := 0
	for _, c := range a.Columns {
		total += max(c.Weight, 1)
	}
	widths := make([]int, len(a.Columns))
	for i, c := range a.Columns {
		widths[i] = textWidth * max(c.Weight, 1) / total
	}
	t := doc.AddTable()
	t.Width(textWidth, stypes.TableWidthDxa)
	t.Layout(stypes.TableLayoutFixed)
	grid := make([]uint64, len(widths))
	for i, w := range widths {
		grid[i] = uint64(w)
	}
	t.Grid(grid...)
	sz := 4
	line := &ctypes.Border{Val: stypes.BorderStyleSingle, Size: &sz}
	t.GetCT().TableProp.Borders = &ctypes.TableBorders{Top: line, Left: line, Bottom: line, Right: line, InsideH: line, InsideV: line}

	head := t.AddRow()
	on := ctypes.OnOff{}
	rows := t.GetCT().RowContents
	rows[len(rows)-1].Row.Property.Header = &on // repeated on every page
	for i, c := range a.Columns {
		cellLine(head.AddCell().Width(widths[i], stypes.TableWidthDxa), c.Header,
			style{size: 12, bold: true, align: stypes.JustificationCenter, before: 40, after: 40})
	}
	add := func(cells []string, bold bool) {
		row := t.AddRow()
		rows := t.GetCT().RowContents
		rows[len(rows)-1].Row.Property.CantSplit = &ctypes.OnOff{} // a row stays on one page
		for i, c := range a.Columns {
			v := ""
			if i < len(cells) {
				v = cells[i]
			}
			cellLine(row.AddCell().Width(widths[i], stypes.TableWidthDxa), v,
				style{size: 12, bold: bold, align: justification(c.Align), before: 20, after: 20})
		}
	}
	for _, r := range a.Rows {
		add(r, false)
	}
	if a.Total != nil {
		add(a.Total, true)
	}
}

func justification(a Align) stypes.Justification {
	switch a {
	case Center:
		return stypes.JustificationCenter
	case Right:
		return stypes.JustificationRight
	}
	return stypes.JustificationLeft
}
