package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

// The home screen's block of this month's findings (the same as "zhibu check"): what is
// missing or needs doing, most severe first, each with what to do next. The home screen is
// rebuilt whenever it is shown, so the block follows every change.

func init() {
	registerHomePanel(HomePanel{Order: 10, Make: makeFindingsPanel})
}

var severityColor = map[string]color.NRGBA{
	"alarm":   {R: 0xC8, G: 0x10, B: 0x2E, A: 0xFF},
	"warning": {R: 0xD9, G: 0x7A, B: 0x00, A: 0xFF},
	"info":    {R: 0x2F, G: 0x6F, B: 0xB0, A: 0xFF},
}

var severityLabel = map[string]string{"alarm": "Overdue (finding)", "warning": "Due soon (finding)", "info": "Reminder (finding)"}

func makeFindingsPanel(s *Session) fyne.CanvasObject {
	p := store.MonthOf(s.DB.Now())
	title := subheading(assets.T("What needs attention in %s", p.Label()))
	orgs := []store.Org{s.Home}
	if s.Role == store.RoleTownship {
		orgs, _ = s.DB.Orgs(s.Ctx, store.KindVillage)
	}
	items := []fyne.CanvasObject{title}
	total := 0
	for _, o := range orgs {
		fs, err := s.DB.Check(s.Ctx, o.ID, p.String())
		if err != nil {
			pl := newProblemLabel()
			pl.Set(assets.Chinese(err))
			items = append(items, pl.Label)
			continue
		}
		if len(fs) == 0 {
			continue
		}
		total += len(fs)
		if s.Role == store.RoleTownship {
			items = append(items, widget.NewLabelWithStyle(assets.T("%s: %d findings", o.Name, len(fs)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		}
		for _, f := range fs {
			items = append(items, findingRow(f))
		}
	}
	if total == 0 {
		items = append(items, hint(assets.T("Nothing is missing this month. Well done!")))
	}
	return container.NewVBox(items...)
}

// findingRow shows one finding: a coloured severity tag, what is wrong, what to do.
func findingRow(f store.Finding) fyne.CanvasObject {
	c := severityColor[f.Severity]
	bg := canvas.NewRectangle(c)
	bg.CornerRadius = 4
	tag := canvas.NewText(assets.T(severityLabel[f.Severity]), color.White)
	tag.TextSize = 13
	tag.Alignment = fyne.TextAlignCenter
	badge := container.NewStack(bg, container.NewPadded(tag))
	// One text block: what is wrong (bold) and, on the next line, what to do.
	text := widget.NewRichText(
		&widget.TextSegment{Text: f.Title, Style: widget.RichTextStyle{TextStyle: fyne.TextStyle{Bold: true}}},
		&widget.TextSegment{Text: "→ " + f.Action, Style: widget.RichTextStyleParagraph})
	text.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, container.NewVBox(fixedWidth(64, badge), layout.NewSpacer()), nil, text)
}
