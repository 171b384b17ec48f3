package ui

import (
	"context"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/rules"
)

// The home screen's block of this month's findings (the same as "zhibu check"): what is
// missing or needs doing, most severe first, each with what to do next and a button to the
// screen where it is done. Findings of one kind are grouped (a village with many members in
// arrears shows one line with the count, not hundreds). A township sees one line per village
// and opens a village's findings by tapping it. The findings are worked out off the UI thread.

func init() {
	registerHomePanel(HomePanel{Order: 10, Make: makeFindingsPanel})
}

// Severity colours: white text on each passes WCAG AA (contrast ≥ 4.5:1).
var severityColor = map[string]color.NRGBA{
	store.SeverityAlarm:   {R: 0xB0, G: 0x0E, B: 0x28, A: 0xFF}, // 6.9:1
	store.SeverityWarning: {R: 0x9A, G: 0x4B, B: 0x00, A: 0xFF}, // 6.0:1
	store.SeverityInfo:    {R: 0x1F, G: 0x5A, B: 0x96, A: 0xFF}, // 7.0:1
}

// findingScreen is the screen where a finding of the kind is dealt with.
var findingScreen = map[string]string{
	"meeting_missing": "meetings", "meeting_due": "meetings", "quorum_missing": "meetings", "attendance_low": "meetings",
	"theme_day_off_day":  "theme-day",
	"dues_overdue":       "dues",
	"pipeline_too_early": "pipeline", "pipeline_overdue": "pipeline", "pipeline_due": "pipeline",
	"publicity_running": "pipeline", "probation_ending": "pipeline",
	"decision_unpublished":      "decisions",
	"appraisal_excellent_share": "appraisal",
	"sync_conflict":             "sync", "clock_skew": "sync",
	"task_overdue": "tasks",
}

// screenFor is the screen for a finding; a missing theme party day opens the theme-day screen.
func screenFor(f store.Finding) string {
	if strings.HasPrefix(f.Rule, "theme_day.") {
		return "theme-day"
	}
	return findingScreen[f.Kind]
}

// findingGroup is the findings of one kind, severity and rule.
type findingGroup []store.Finding

// groupFindings keeps the order (most severe first) and gathers findings of the same kind,
// severity and rule.
func groupFindings(fs []store.Finding) []findingGroup {
	var out []findingGroup
	at := map[string]int{}
	for _, f := range fs {
		k := f.Kind + "/" + f.Severity + "/" + f.Rule
		if i, ok := at[k]; ok {
			out[i] = append(out[i], f)
			continue
		}
		at[k] = len(out)
		out = append(out, findingGroup{f})
	}
	return out
}

// groupShown is how many findings of a group are listed one by one; the rest are counted.
const groupShown = 3

// villageFindings is one organisation's findings, for the township's list.
type villageFindings struct {
	org store.Org
	fs  []store.Finding
	err error
}

func makeFindingsPanel(s *Session) fyne.CanvasObject {
	p := store.MonthOf(s.DB.Now())
	title := subheading(assets.T("What needs attention in %s", p.Label()))
	body := container.NewVBox(loadingRow(assets.T("Checking this month's records…")))
	bar := widget.NewProgressBar()
	if s.Role == store.RoleTownship {
		body.Add(bar)
	}
	var res []villageFindings
	var orgsErr error
	homeBlockStarted()
	s.Go(func(ctx context.Context) {
		orgs := []store.Org{s.Home}
		if s.Role == store.RoleTownship {
			if orgs, orgsErr = s.DB.Orgs(ctx, store.KindVillage); orgsErr != nil {
				return
			}
		}
		for i, o := range orgs {
			if ctx.Err() != nil {
				return
			}
			fs, err := s.DB.Check(ctx, o.ID, p.String())
			res = append(res, villageFindings{org: o, fs: fs, err: err})
			if s.Role == store.RoleTownship {
				done, total := i+1, len(orgs)
				onUI(func() { bar.Max = float64(total); bar.SetValue(float64(done)) })
			}
		}
	}, func() {
		switch {
		case orgsErr != nil:
			pl := newProblemLabel()
			pl.Set(assets.Chinese(orgsErr))
			body.Objects = []fyne.CanvasObject{pl.Label}
		case s.Role == store.RoleTownship:
			body.Objects = []fyne.CanvasObject{townshipFindings(s, res)}
		default:
			body.Objects = villageFindingRows(s, res[0])
		}
		relayoutWindows() // the block grew: lay the page out again
		homeBlockFilled()
	})
	return container.NewVBox(title, body)
}

// villageFindingRows lists one organisation's findings in groups.
func villageFindingRows(s *Session, v villageFindings) []fyne.CanvasObject {
	if v.err != nil {
		pl := newProblemLabel()
		pl.Set(assets.Chinese(v.err))
		return []fyne.CanvasObject{pl.Label}
	}
	if len(v.fs) == 0 {
		return []fyne.CanvasObject{hint(assets.T("Nothing is missing this month. Well done!"))}
	}
	var out []fyne.CanvasObject
	for _, g := range groupFindings(v.fs) {
		if len(g) <= groupShown {
			for _, f := range g {
				out = append(out, findingRow(s, f, 0))
			}
			continue
		}
		for _, f := range g[:groupShown-1] {
			out = append(out, findingRow(s, f, 0))
		}
		out = append(out, findingRow(s, g[groupShown-1], len(g)-groupShown))
	}
	return out
}

// townshipFindings is a list of the villages with their counts (virtualised: 40 villages
// or 300 draw only what fits) and, below, the findings of the village tapped.
func townshipFindings(s *Session, vs []villageFindings) fyne.CanvasObject {
	var with []villageFindings
	for _, v := range vs {
		if len(v.fs) > 0 || v.err != nil {
			with = append(with, v)
		}
	}
	if len(with) == 0 {
		return hint(assets.T("Nothing is missing this month. Well done!"))
	}
	detail := container.NewVBox(hint(assets.T("Tap a village to see what it needs to do.")))
	list := widget.NewList(func() int { return len(with) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			v := with[i]
			n := map[string]int{}
			for _, f := range v.fs {
				n[f.Severity]++
			}
			text := assets.T("%s: %d overdue, %d due soon, %d reminders", v.org.Name, n["alarm"], n["warning"], n["info"])
			if v.err != nil {
				text = v.org.Name + "：" + assets.Chinese(v.err)
			}
			o.(*widget.Label).SetText(text)
		})
	list.OnSelected = func(i widget.ListItemID) {
		rows := []fyne.CanvasObject{widget.NewLabelWithStyle(with[i].org.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
		detail.Objects = append(rows, villageFindingRows(s, with[i])...)
		relayoutWindows()
	}
	rows := len(with)
	if rows > 8 {
		rows = 8
	}
	height := float32(rows) * (list.MinSize().Height + fynetheme.Padding())
	return container.NewVBox(minHeight(height, list), detail)
}

// findingRow shows one finding: a coloured severity tag, what is wrong (with the count of
// more like it not listed), what to do, a "?" citing the rule and a button to the screen
// where it is done.
func findingRow(s *Session, f store.Finding, more int) fyne.CanvasObject {
	c := severityColor[f.Severity]
	bg := canvas.NewRectangle(c)
	bg.CornerRadius = 4
	tag := canvas.NewText(store.SeverityLabel(f.Severity), color.White)
	tag.TextSize = fynetheme.CaptionTextSize()
	tag.Alignment = fyne.TextAlignCenter
	badge := container.NewStack(bg, container.NewPadded(tag))
	title := f.Title
	if more > 0 {
		title = assets.T("%s (and %d more like it)", f.Title, more)
	}
	text := widget.NewRichText(
		&widget.TextSegment{Text: keepTogether(title), Style: widget.RichTextStyle{TextStyle: fyne.TextStyle{Bold: true}}},
		&widget.TextSegment{Text: "→ " + keepTogether(f.Action), Style: widget.RichTextStyleParagraph})
	text.Wrapping = fyne.TextWrapWord
	var right []fyne.CanvasObject
	if q := ruleButton(s.Window, f.Rule, f.Source); q != nil {
		right = append(right, q)
	}
	if id := screenFor(f); id != "" && s.Show != nil {
		right = append(right, widget.NewButtonWithIcon(assets.T("Go and fix"), fynetheme.NavigateNextIcon(), func() { s.open(id) }))
	}
	return container.NewBorder(nil, nil, container.NewVBox(fixedWidth(64, badge), layout.NewSpacer()),
		container.NewVBox(container.NewHBox(right...), layout.NewSpacer()), text)
}

// ruleButton is a small "?" that says which rule a warning comes from (nil when the warning
// names none).
func ruleButton(w fyne.Window, key, source string) *widget.Button {
	r, ok := rules.Lookup(key)
	if !ok && source == "" {
		return nil
	}
	if source == "" {
		source = r.Source
	}
	b := widget.NewButtonWithIcon("", fynetheme.QuestionIcon(), func() {
		var lines []string
		if ok {
			lines = append(lines, assets.T("Rule: %s", assets.T(r.Label)))
		}
		lines = append(lines, assets.T("Source: %s", source))
		if ok && r.Settable {
			lines = append(lines, assets.T("The township may change this figure under \"Rules and settings\"."))
		}
		msg := widget.NewLabel(strings.Join(lines, "\n"))
		msg.Wrapping = fyne.TextWrapWord
		d := dialog.NewCustom(assets.T("Why this warning?"), assets.T("Close"), fixedWidth(480, msg), w)
		d.Show()
	})
	b.Importance = widget.LowImportance
	return b
}
