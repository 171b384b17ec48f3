package notice

import (
	"bytes"
	"fmt"
	"image"

	"codeberg.org/go-pdf/fpdf"

	"zhibu/assets"
)

// Photos on a notice: two to a row, each in a frame of the same size, scaled to fit and
// centred; a row is never split across pages.

const (
	photoGap    = 6.0  // mm between photos
	photoHeight = 62.0 // mm, the frame's height
)

// photoType is fpdf's name for the picture's format, or "" when it is neither JPEG nor PNG.
func photoType(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return "JPG"
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "PNG"
	}
	return ""
}

func (p *page) photos() {
	type photo struct {
		data []byte
		typ  string
		w, h int
	}
	var ps []photo
	for _, b := range p.doc.Photos {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
		if typ := photoType(b); typ != "" && err == nil && cfg.Width > 0 && cfg.Height > 0 {
			ps = append(ps, photo{b, typ, cfg.Width, cfg.Height})
		}
	}
	if len(ps) == 0 {
		return
	}
	pdf := p.pdf
	cellW := (p.w - 2*marginSide - photoGap) / 2
	lh := lineHeight(bodySize)
	p.block(lh + photoHeight + photoGap) // the caption stays with the first row
	pdf.SetFont(fontFamily, "", bodySize)
	pdf.SetX(marginSide)
	pdf.CellFormat(p.w-2*marginSide, lh, assets.T("Photos of the day"), "", 2, "L", false, 0, "")
	for i, ph := range ps {
		if i%2 == 0 && i > 0 {
			p.block(photoHeight + photoGap)
		}
		name := fmt.Sprintf("photo%d", i)
		opt := fpdf.ImageOptions{ImageType: ph.typ}
		pdf.RegisterImageOptionsReader(name, opt, bytes.NewReader(ph.data))
		w, h := cellW, cellW*float64(ph.h)/float64(ph.w)
		if h > photoHeight {
			w, h = photoHeight*float64(ph.w)/float64(ph.h), photoHeight
		}
		x := marginSide + float64(i%2)*(cellW+photoGap) + (cellW-w)/2
		pdf.ImageOptions(name, x, pdf.GetY()+(photoHeight-h)/2, w, h, false, opt, 0, "")
		if i%2 == 1 || i == len(ps)-1 {
			pdf.SetY(pdf.GetY() + photoHeight + photoGap)
		}
	}
}
