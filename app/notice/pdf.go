package notice

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"zhibu/assets"
)

// Layout in millimetres and points. A notice on a board is read standing a metre away: the
// body is larger than a letter's.
const (
	fontFamily   = "wqy"
	marginSide   = 22.0
	marginTop    = 22.0
	marginBottom = 18.0
	titleSize    = 22.0
	minTitleSize = 18.0
	bodySize     = 14.0
	cellSize     = 11.5
	lineFactor   = 1.65 // line height as a multiple of the font size
	cellPad      = 1.6
	sealRoom     = 38.0 // height kept for the issuer, the date and the seal
	ptToMM       = 25.4 / 72
)

var titleRed = [3]int{200, 16, 16}

// Render writes doc as a PDF. The text is checked first: nothing is written if a character
// cannot be printed. The same Document gives the same bytes.
func Render(w io.Writer, doc Document) error {
	if err := Check(doc); err != nil {
		return err
	}
	var buf bytes.Buffer
	r, err := render(&buf, doc, false, 0)
	if err != nil {
		return err
	}
	breakAt := 0
	if r.closingAlone && r.blocks > 0 {
		// The closing lines and signature would stand alone on the last page: take the last
		// block (a table row or a row of photos) over with them.
		breakAt = r.blocks
	}
	if r.pages > 1 || breakAt > 0 {
		buf.Reset()
		if _, err := render(&buf, doc, r.pages > 1, breakAt); err != nil {
			return err
		}
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// Check reports the first name or text of doc that the font cannot print.
func Check(doc Document) error {
	for _, n := range doc.Subjects {
		if err := CheckName(n); err != nil {
			return err
		}
	}
	texts := append([]string{doc.Title, doc.Contact, doc.Issuer}, doc.Preface...)
	texts = append(texts, doc.Footer...)
	for _, t := range doc.Tables {
		texts = append(texts, t.Caption, t.Empty)
		for _, c := range t.Columns {
			texts = append(texts, c.Header)
		}
		for _, r := range t.Rows {
			texts = append(texts, r...)
		}
	}
	for _, s := range texts {
		if err := checkText(s); err != nil {
			return err
		}
	}
	return nil
}

type page struct {
	pdf          *fpdf.Fpdf
	doc          Document
	w, h, bottom float64
	tab          Table
	colW         []float64
	// Blocks (a table's first rows with its caption, each further row, each row of photos)
	// are counted as they are laid out; breakAt forces a new page before that block, so the
	// closing lines never stand alone on the last page (see Render).
	blocks, breakAt int
}

// block starts the next block of height h: a new page when breakAt says so or when it does
// not fit; true when a page was started.
func (p *page) block(h float64) bool {
	p.blocks++
	if p.blocks == p.breakAt {
		p.pdf.AddPage()
		return true
	}
	return p.need(h)
}

// rendered is what a render found.
type rendered struct {
	pages, blocks int
	closingAlone  bool // the closing lines started a page of their own
}

func render(w io.Writer, doc Document, numbered bool, breakAt int) (rendered, error) {
	size := "A4"
	if doc.Paper == A3 {
		size = "A3"
	}
	orientation := "P"
	if doc.Landscape {
		orientation = "L"
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: orientation, UnitStr: "mm", SizeStr: size})
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(doc.Date)
	pdf.SetModificationDate(doc.Date)
	pdf.SetProducer("Zhibu", false)
	pdf.SetTitle(doc.Title, true)
	pdf.AddUTF8FontFromBytes(fontFamily, "", assets.FontCJK())
	pdf.SetMargins(marginSide, marginTop, marginSide)
	pdf.SetAutoPageBreak(false, marginBottom)
	p := &page{pdf: pdf, doc: doc, breakAt: breakAt}
	p.w, p.h = pdf.GetPageSize()
	p.bottom = p.h - marginBottom
	if numbered {
		pdf.AliasNbPages("{nb}")
		pdf.SetFooterFunc(func() {
			pdf.SetFont(fontFamily, "", 10)
			pdf.SetTextColor(90, 90, 90)
			pdf.SetXY(marginSide, p.h-marginBottom+4)
			pdf.CellFormat(p.w-2*marginSide, 5, assets.T("Page %d of %s", pdf.PageNo(), "{nb}"), "", 0, "C", false, 0, "")
		})
	}
	pdf.AddPage()
	p.title()
	for _, para := range doc.Preface {
		p.paragraph(para)
	}
	for _, t := range doc.Tables {
		p.table(t)
	}
	p.photos()
	// The closing paragraphs, the contact and the signature stay together on one page.
	closing := append(append([]string(nil), doc.Footer...), doc.Contact)
	var r rendered
	if h := p.paragraphsHeight(closing) + sealRoom + 8; h < p.bottom-marginTop {
		r.closingAlone = p.need(h)
	}
	for _, para := range doc.Footer {
		p.paragraph(para)
	}
	if doc.Contact != "" {
		p.paragraph(doc.Contact)
	}
	p.signature()
	if err := pdf.Output(w); err != nil {
		return r, fmt.Errorf("write pdf: %w", err)
	}
	r.pages, r.blocks = pdf.PageNo(), p.blocks
	return r, nil
}

func lineHeight(size float64) float64 { return size * lineFactor * ptToMM }

func (p *page) measure(s string) float64 { return p.pdf.GetStringWidth(s) }

// need starts a new page unless h millimetres are left on this one.
func (p *page) need(h float64) bool {
	if p.pdf.GetY()+h <= p.bottom {
		return false
	}
	p.pdf.AddPage()
	return true
}

func (p *page) title() {
	pdf := p.pdf
	width := p.w - 2*marginSide
	// A title a little too long for one line is set smaller rather than broken.
	size := titleSize
	for ; size > minTitleSize; size -= 0.5 {
		pdf.SetFont(fontFamily, "", size)
		if p.measure(p.doc.Title) <= width {
			break
		}
	}
	pdf.SetTextColor(titleRed[0], titleRed[1], titleRed[2])
	lh := lineHeight(size) * 0.9
	for _, l := range wrap(p.doc.Title, width, 0, p.measure) {
		pdf.SetX(marginSide)
		pdf.CellFormat(width, lh, l, "", 2, "C", false, 0, "")
	}
	// The red rule under the title of an official notice.
	pdf.SetDrawColor(titleRed[0], titleRed[1], titleRed[2])
	pdf.SetLineWidth(0.6)
	y := pdf.GetY() + 2
	pdf.Line(marginSide, y, p.w-marginSide, y)
	pdf.SetY(y + 5)
	pdf.SetTextColor(0, 0, 0)
	pdf.SetDrawColor(0, 0, 0)
}

// paragraph prints a body paragraph with a two-character first-line indent.
func (p *page) paragraph(text string) {
	pdf := p.pdf
	pdf.SetFont(fontFamily, "", bodySize)
	width := p.w - 2*marginSide
	indent := 2 * p.measure("中")
	lh := lineHeight(bodySize)
	for i, l := range wrap(text, width, indent, p.measure) {
		p.need(lh)
		x := marginSide
		if i == 0 {
			x += indent
		}
		pdf.SetX(x)
		pdf.CellFormat(width, lh, l, "", 2, "L", false, 0, "")
	}
	pdf.SetY(pdf.GetY() + 1.5)
}

func (p *page) paragraphsHeight(paras []string) float64 {
	p.pdf.SetFont(fontFamily, "", bodySize)
	width := p.w - 2*marginSide
	indent := 2 * p.measure("中")
	h := 0.0
	for _, s := range paras {
		if s != "" {
			h += float64(len(wrap(s, width, indent, p.measure)))*lineHeight(bodySize) + 1.5
		}
	}
	return h
}

func (p *page) table(t Table) {
	pdf := p.pdf
	p.tab = t
	width := p.w - 2*marginSide
	p.colW = p.columnWidths(t.Columns, width)
	pdf.SetY(pdf.GetY() + 1)
	headers := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		headers[i] = c.Header
	}
	captionH := 0.0
	if t.Caption != "" {
		captionH = lineHeight(bodySize)
	}
	first := p.rowHeight(headers)
	if len(t.Rows) > 0 {
		first += p.rowHeight(t.Rows[0])
	}
	p.block(captionH + first)
	if t.Caption != "" {
		pdf.SetFont(fontFamily, "", bodySize)
		pdf.SetX(marginSide)
		pdf.CellFormat(width, captionH, t.Caption, "", 2, "L", false, 0, "")
	}
	if len(t.Rows) == 0 {
		if t.Empty != "" {
			p.paragraph(t.Empty)
		}
		return
	}
	p.row(headers, true)
	for i, r := range t.Rows {
		if i > 0 && p.block(p.rowHeight(r)) {
			p.row(headers, true)
		}
		p.row(r, false)
	}
	pdf.SetY(pdf.GetY() + 4)
}

// columnWidths shares the width by the columns' weights, but gives every column at least
// the width of its header on one line when the table can afford it.
func (p *page) columnWidths(cols []Column, width float64) []float64 {
	p.pdf.SetFont(fontFamily, "", cellSize)
	ws := make([]float64, len(cols))
	mins := make([]float64, len(cols))
	sumMin := 0.0
	for i, c := range cols {
		mins[i] = p.measure(c.Header) + 2*cellPad + 0.5
		sumMin += mins[i]
	}
	fixed := make([]bool, len(cols))
	for range cols {
		total, left := 0.0, width
		for i, c := range cols {
			if fixed[i] {
				left -= ws[i]
			} else {
				total += max(c.Weight, 0.1)
			}
		}
		again := false
		for i, c := range cols {
			if fixed[i] {
				continue
			}
			ws[i] = left * max(c.Weight, 0.1) / total
			if sumMin <= width && ws[i] < mins[i] {
				ws[i], fixed[i], again = mins[i], true, true
			}
		}
		if !again {
			break
		}
	}
	return ws
}

func (p *page) cellLines(text string, i int) []string {
	p.pdf.SetFont(fontFamily, "", cellSize)
	if i < len(p.tab.Columns) && p.tab.Columns[i].Names && !strings.Contains(text, "\n") {
		return wrapNames(text, p.colW[i]-2*cellPad, p.measure)
	}
	return wrap(text, p.colW[i]-2*cellPad, 0, p.measure)
}

func (p *page) rowHeight(cells []string) float64 {
	n := 1
	for i := range p.colW {
		if i < len(cells) {
			n = max(n, len(p.cellLines(cells[i], i)))
		}
	}
	return float64(n)*lineHeight(cellSize)*0.85 + 2*cellPad
}

// row draws one table row; a row is never split across pages.
func (p *page) row(cells []string, header bool) {
	pdf := p.pdf
	h := p.rowHeight(cells)
	y := pdf.GetY()
	x := marginSide
	lh := lineHeight(cellSize) * 0.85
	pdf.SetLineWidth(0.25)
	for i, cw := range p.colW {
		if header {
			pdf.SetFillColor(240, 240, 240)
			pdf.Rect(x, y, cw, h, "FD")
		} else {
			pdf.Rect(x, y, cw, h, "D")
		}
		text := ""
		if i < len(cells) {
			text = cells[i]
		}
		align := "C"
		if !header && p.tab.Columns[i].Align != "" {
			align = p.tab.Columns[i].Align
		}
		lines := p.cellLines(text, i)
		ty := y + (h-float64(len(lines))*lh)/2
		for _, l := range lines {
			pdf.SetXY(x+cellPad, ty)
			pdf.CellFormat(cw-2*cellPad, lh, l, "", 0, align, false, 0, "")
			ty += lh
		}
		x += cw
	}
	pdf.SetXY(marginSide, y+h)
}

// signature prints the issuing body and the date at the bottom right, with room for the
// seal over them, on the same page.
func (p *page) signature() {
	pdf := p.pdf
	pdf.SetFont(fontFamily, "", bodySize)
	lh := lineHeight(bodySize)
	p.need(sealRoom + 8)
	y := pdf.GetY() + sealRoom - 2*lh - 4
	date := ChineseDate(p.doc.Date)
	colW := max(p.measure(p.doc.Issuer), p.measure(date)) + 4
	x := p.w - marginSide - colW - 8
	pdf.SetXY(x, y)
	pdf.CellFormat(colW, lh, p.doc.Issuer, "", 2, "C", false, 0, "")
	pdf.SetX(x)
	pdf.CellFormat(colW, lh, date, "", 2, "C", false, 0, "")
}
