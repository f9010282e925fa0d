package office

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// OpenDocument spreadsheets (.ods, what LibreOffice saves by default) are
// read here with encoding/xml: the Go libraries for the format are small,
// unmaintained and drop what the import needs (hidden rows and columns,
// merged ranges, the value behind a formatted number).

const (
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
)

// maxODSRepeat bounds a repeated row or cell that holds a value; the empty
// ones LibreOffice writes to fill a sheet to its last row are skipped
// without being expanded.
const maxODSRepeat = 10_000

// A sheet has at most as many rows and columns as LibreOffice allows.
const (
	maxODSRows    = 1 << 20
	maxODSColumns = 16_384
)

// readODS reads every sheet of an OpenDocument spreadsheet.
func readODS(data []byte) ([]*grid, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("opening the OpenDocument file: %w", err)
	}
	var content *zip.File
	for _, f := range zr.File {
		if f.Name == "content.xml" {
			content = f
		}
	}
	if content == nil {
		return nil, errors.New("opening the OpenDocument file: it has no content.xml")
	}
	rc, err := content.Open()
	if err != nil {
		return nil, fmt.Errorf("opening the OpenDocument file: %w", err)
	}
	defer rc.Close()
	grids, err := parseODSContent(io.LimitReader(rc, 512<<20))
	if err != nil {
		return nil, fmt.Errorf("reading the OpenDocument file: %w", err)
	}
	if len(grids) == 0 {
		return nil, errors.New("reading the OpenDocument file: it has no sheets")
	}
	return grids, nil
}

func attr(se xml.StartElement, space, local string) string {
	for _, a := range se.Attr {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func repeat(se xml.StartElement, local string) int {
	n, err := strconv.Atoi(attr(se, nsTable, local))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// odsCell is a cell being read.
type odsCell struct {
	value, text    string
	repeat, spanTo int
	paragraphs     int
}

func parseODSContent(r io.Reader) ([]*grid, error) {
	dec := xml.NewDecoder(r)
	var (
		grids   []*grid
		g       *grid
		col     int // next column in the current table's column list
		line    int // line of the current row
		rowRep  int
		hidden  bool
		row     []string
		display []string
		c       *odsCell
		inText  int // depth inside text:p
		shows   map[[2]int]string
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Space == nsTable && t.Name.Local == "table":
				g = &grid{sheet: attr(t, nsTable, "name"), hiddenRows: map[int]bool{}, hiddenCols: map[int]bool{}}
				grids = append(grids, g)
				col, line = 0, 0
				shows = map[[2]int]string{}
				gg, sh := g, shows
				g.display = func(i, col int) string {
					if v, ok := sh[[2]int{i, col}]; ok {
						return v
					}
					return cell(gg.rows[i], col)
				}
			case g == nil:
			case t.Name.Space == nsTable && t.Name.Local == "table-column":
				n := repeat(t, "number-columns-repeated")
				if attr(t, nsTable, "visibility") == "collapse" || attr(t, nsTable, "visibility") == "filter" {
					for k := 0; k < n && k < maxODSRepeat; k++ {
						g.hiddenCols[col+k] = true
					}
				}
				col += n
			case t.Name.Space == nsTable && t.Name.Local == "table-row":
				rowRep = repeat(t, "number-rows-repeated")
				v := attr(t, nsTable, "visibility")
				hidden = v == "collapse" || v == "filter"
				row, display = nil, nil
				line++
			case t.Name.Space == nsTable && (t.Name.Local == "table-cell" || t.Name.Local == "covered-table-cell"):
				c = &odsCell{repeat: repeat(t, "number-columns-repeated")}
				switch attr(t, nsOffice, "value-type") {
				case "float", "percentage", "currency":
					c.value = attr(t, nsOffice, "value")
				case "date":
					c.value = attr(t, nsOffice, "date-value")
				case "boolean":
					c.value = attr(t, nsOffice, "boolean-value")
				}
				if span := repeat(t, "number-columns-spanned"); span > 1 {
					c.spanTo = len(row) + span - 1
				}
				if rs := repeat(t, "number-rows-spanned"); rs > 1 || c.spanTo > 0 {
					g.merges = append(g.merges, merge{line: line, col: len(row), endLine: line + rs - 1, endCol: max(c.spanTo, len(row))})
				}
			case c != nil && t.Name.Space == nsText && t.Name.Local == "p":
				if c.paragraphs > 0 {
					c.text += "\n"
				}
				c.paragraphs++
				inText++
			case c != nil && inText > 0 && t.Name.Space == nsText && t.Name.Local == "s":
				n, err := strconv.Atoi(attr(t, nsText, "c"))
				if err != nil || n < 1 {
					n = 1
				}
				c.text += strings.Repeat(" ", min(n, 100))
			case c != nil && inText > 0 && t.Name.Space == nsText && (t.Name.Local == "tab" || t.Name.Local == "line-break"):
				c.text += " "
			}
		case xml.CharData:
			if c != nil && inText > 0 {
				c.text += string(t)
			}
		case xml.EndElement:
			switch {
			case g == nil:
			case t.Name.Space == nsText && t.Name.Local == "p" && inText > 0:
				inText--
			case t.Name.Space == nsTable && (t.Name.Local == "table-cell" || t.Name.Local == "covered-table-cell") && c != nil:
				v := c.value
				if v == "" {
					v = c.text
				}
				n := c.repeat
				if v == "" && c.text == "" {
					// Empty cells are materialized only when something
					// follows them; the trailing ones are dropped at the row's end.
					n = min(n, maxODSRepeat)
				} else if n > maxODSRepeat {
					return nil, fmt.Errorf("sheet %q line %d: a cell repeated %d times", g.sheet, line, n)
				}
				if len(row)+n > maxODSColumns {
					return nil, fmt.Errorf("sheet %q line %d: more than %d columns", g.sheet, line, maxODSColumns)
				}
				for range n {
					if c.text != v {
						display = append(display, c.text)
					} else {
						display = append(display, "\x00")
					}
					row = append(row, v)
				}
				c = nil
			case t.Name.Space == nsTable && t.Name.Local == "table-row":
				for len(row) > 0 && row[len(row)-1] == "" {
					row, display = row[:len(row)-1], display[:len(display)-1]
				}
				if len(row) == 0 {
					line += rowRep - 1 // the empty filler rows below a table
					continue
				}
				if rowRep > maxODSRepeat || len(g.rows)+rowRep > maxODSRows {
					return nil, fmt.Errorf("sheet %q line %d: more rows than a spreadsheet holds", g.sheet, line)
				}
				for k := range rowRep {
					i := len(g.rows)
					g.rows = append(g.rows, row)
					g.lines = append(g.lines, line+k)
					if hidden {
						g.hiddenRows[line+k] = true
					}
					for j, d := range display {
						if d != "\x00" {
							shows[[2]int{i, j}] = d
						}
					}
				}
				line += rowRep - 1
			case t.Name.Space == nsTable && t.Name.Local == "table":
				g = nil
			}
		}
	}
	return grids, nil
}
