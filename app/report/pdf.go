package report

import (
	"io"

	"zhibu/app/notice"
	"zhibu/assets"
	"zhibu/store"
)

// PDF writes the report for printing: A4 landscape, the bundled font, the township's name
// and the quarter in the title, the same tables as the spreadsheet with their headers
// repeated on every page, page numbers, and the township as issuer with room for the seal.
// It uses the notices' renderer (font, Chinese line breaking, tables).
func PDF(w io.Writer, r Report) error {
	return notice.Render(w, r.Document())
}

// Document is the report as the notices' renderer draws it.
func (r Report) Document() notice.Document {
	doc := notice.Document{Title: r.Title(), Issuer: r.Township.Name, Date: r.Date, Paper: notice.A4, Landscape: true,
		Preface: []string{assets.T("Villages: %d. On-time rate %s, average attendance %s, dues collection rate %s.", r.Township.Villages,
			pctText(r.Township.OnTimeRate), pctText(r.Township.AttendanceRate), pctText(r.Township.DuesRate)), r.SignLines()[0]},
		Footer: r.SignLines()[1:]}
	for _, t := range r.tables() {
		nt := notice.Table{Caption: t.caption, Empty: assets.T("No village.")}
		for i, h := range t.headers {
			align := "C"
			if i == 0 {
				align = "L"
			}
			nt.Columns = append(nt.Columns, notice.Column{Header: h, Weight: t.weights[i], Align: align})
		}
		for _, row := range t.rows {
			cells := make([]string, len(row))
			for i, c := range row {
				cells[i] = c.String()
			}
			nt.Rows = append(nt.Rows, cells)
		}
		doc.Tables = append(doc.Tables, nt)
	}
	return doc
}

func pctText(f store.Rate) string { return pct(f).String() }
