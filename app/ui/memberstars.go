package ui

import (
	"bytes"
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/app/notice"
	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/atomicfile"
)

// Member stars (农牧民党员 星级管理) and 党员中心户 on the village's PC: each member's targets
// (定标报星), the stars the records earn (动态评星), the branch's 评定, the 公示 and the
// 中心户 plates. Members are listed in roll order: the posted result, never a ranking.

// memberStarsView is the village's tab.
type memberStarsView struct {
	s       *Session
	root    fyne.CanvasObject
	year    *yearSelect
	rs      []store.MemberStarResult
	table   *textTable
	detail  *fyne.Container
	actions *fyne.Container
	count   *widget.Label
	problem problemLabel
	done    doneLabel

	cur     int
	targets map[string]*widget.Check
	judged  map[string]*widget.Check
	note    *keyEntry

	// The ticks and note not yet saved (leaveguard.go).
	targetForm, assessForm *guardedForm
}

func newMemberStarsView(s *Session) *memberStarsView {
	v := &memberStarsView{s: s, detail: container.NewVBox(), actions: container.NewVBox(), count: widget.NewLabel(""), problem: newProblemLabel(), done: newDoneLabel(), cur: -1}
	v.count.Wrapping = fyne.TextWrapWord
	headers := []string{assets.T("Name"), assets.T("Member category"), assets.T("Number of stars"), assets.T("Stage")}
	// Another member: the ticks made for this one ask first (leaveguard.go).
	v.table = newTextTable(headers, []float32{80, 100, 50, 200}, func() int { return len(v.rs) }, v.cell, func(row int) { s.ask(func() { v.pick(row) }, nil, true) })
	// Written off the UI thread: 保存 in the leave question starts the write and stays to show it.
	v.targetForm = s.guardForm(func() bool { v.saveTargets(); return false }, func() string { return strings.Join(checked(v.targets, v.curLines()), ",") })
	v.assessForm = s.guardForm(func() bool { v.saveAssessment(); return false }, func() string { return strings.Join(checked(v.judged, v.curLines()), ",") }, v.actions)
	v.year = newYearSelect(s, func() { v.cur = -1; v.load() })
	print := widget.NewButtonWithIcon(assets.T("Save the member stars notice as PDF…"), fynetheme.DocumentPrintIcon(), func() {
		y := v.year.year()
		saveNoticePDF(s, v.problem, notice.Request{Kind: notice.MemberStars, Period: strconv.Itoa(y)}, assets.T("Member stars %d.pdf", y))
	})
	top := container.NewVBox(toolbarRow([]fyne.CanvasObject{widget.NewLabel(assets.T("Year")), fixedWidth(140, v.year.Select)}, print),
		hint(assets.T("Choose a member. Tick the stars the branch sets as the member's targets and save them (定标报星). Stars with a figure are earned from the records; at the year's end tick the other stars earned and save the assessment (评定). The township reviews it after the next sync.")),
		v.problem.Label, v.done.Label)
	split := container.NewHSplit(container.NewBorder(v.count, nil, nil, nil, v.table),
		container.NewBorder(nil, v.actions, nil, nil, container.NewVScroll(v.detail)))
	split.Offset = 0.4
	v.root = container.NewBorder(top, nil, nil, nil, split)
	v.year.SetSelectedIndex(0)
	return v
}

func (v *memberStarsView) cell(row, col int) string {
	r := v.rs[row]
	switch col {
	case 0:
		return r.Name
	case 1:
		return r.CategoryLabel
	case 2:
		return strconv.Itoa(r.Stars)
	}
	return store.MemberStageLabel(r.Stage)
}

// load works the members' stars out off the UI thread.
func (v *memberStarsView) load() {
	y := v.year.year()
	v.count.SetText(assets.T("Working out the stars from the records…"))
	var rs []store.MemberStarResult
	var err error
	v.s.Go(func(ctx context.Context) { rs, err = v.s.DB.MemberStarResults(ctx, v.s.Home.ID, y) }, func() {
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		v.rs = rs
		n := map[string]int{}
		for _, r := range rs {
			n[r.Stage]++
			if r.Center {
				n["center"]++
			}
		}
		v.count.SetText(assets.T("%d members, %d party member central households: %d assessed by the branch, %d approved by the township.", len(rs),
			n["center"], n[store.MemberStarsAssessed], n[store.MemberStarsApproved]))
		v.table.Refresh()
		if v.cur >= 0 && v.cur < len(rs) {
			v.pick(v.cur)
		} else {
			v.actions.Objects = nil
			v.actions.Refresh()
			v.detail.Objects = []fyne.CanvasObject{hint(assets.T("Choose a member to see their stars and enter the targets or the assessment."))}
			v.detail.Refresh()
		}
	})
}

// memberRate is the member's figure a measured star reads (no data shows 「—」).
func memberRate(r store.MemberStarResult, measure string) store.Rate {
	switch measure {
	case store.MeasureMemberAttendance:
		return r.AttendanceRate
	case store.MeasureMemberDues:
		return r.DuesRate
	case store.MeasureMemberService:
		return r.ServiceRate
	}
	return r.CommitmentRate
}

// memberFiguresLine sums the records' figures up for the detail.
func memberFiguresLine(r store.MemberStarResult) string {
	return assets.T("Attendance %s · dues on time %s · months with service %s · commitments fulfilled %s · points of the year %d",
		store.Percent(r.AttendanceRate), store.Percent(r.DuesRate), store.Percent(r.ServiceRate), store.Percent(r.CommitmentRate), r.RecordPoints)
}

func memberResultLine(r store.MemberStarResult) string {
	return assets.T("%d stars (%d points) · %s · %s", r.Stars, r.Points, store.ColourLabel(r.Colour), store.MemberStageLabel(r.Stage))
}

func (v *memberStarsView) pick(row int) {
	v.cur = row
	r := v.rs[row]
	v.targets, v.judged = map[string]*widget.Check{}, map[string]*widget.Check{}
	v.note = newEntry()
	v.note.SetPlaceHolder(assets.T("Note on the branch's assessment"))
	v.note.SetText(r.Note)
	who := r.Name + "  " + r.CategoryLabel
	if r.Center {
		who += "  " + assets.T("leads %d households", r.Households)
	}
	box := container.NewVBox(subheading(who), widget.NewLabel(memberResultLine(r)))
	fig := widget.NewLabel(memberFiguresLine(r))
	fig.Wrapping = fyne.TextWrapWord
	box.Add(fig)
	if r.Review.State == store.ReviewReturned && r.Review.Note != "" {
		box.Add(hint(assets.T("Returned by the township: %s", r.Review.Note)))
	}
	if r.Review.PlaqueOn != "" {
		box.Add(hint(assets.T("Plaque awarded on %s (挂牌授星).", r.Review.PlaqueOn)))
	}
	locked := r.Stage == store.MemberStarsApproved || !v.s.User.CanWrite()
	group := ""
	for _, l := range r.Lines {
		if l.Group != group {
			group = l.Group
			box.Add(widget.NewLabelWithStyle(store.StarGroupLabel(group), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		}
		mark := "☆"
		if l.Earned {
			mark = "★"
		}
		target := widget.NewCheck(mark+" "+l.Name, nil)
		target.SetChecked(l.Target && r.DeclaredAt != "")
		v.targets[l.Code] = target
		var right fyne.CanvasObject
		if l.Measure != "" {
			right = widget.NewLabel(store.MemberMeasureLabel(l.Measure) + " " + store.Percent(memberRate(r, l.Measure)) + " / " + store.Percent(l.Threshold))
		} else {
			c := widget.NewCheck(assets.T("Earned (评定)"), nil)
			c.SetChecked(l.Self)
			v.judged[l.Code] = c
			right = c
			if locked {
				c.Disable()
			}
		}
		if locked {
			target.Disable()
		}
		std := widget.NewLabel(l.Standard)
		std.Truncation = fyne.TextTruncateEllipsis
		box.Add(container.NewBorder(nil, nil, target, right, std))
	}
	save := primaryButton(assets.T("Save the targets (定标报星)"), fynetheme.ConfirmIcon(), v.saveTargets)
	assess := widget.NewButtonWithIcon(assets.T("Save the assessment (评定)"), fynetheme.DocumentSaveIcon(), v.saveAssessment)
	if locked {
		save.Disable()
		assess.Disable()
	}
	buttons := container.NewHBox(save, assess)
	if r.Center {
		buttons.Add(widget.NewButtonWithIcon(assets.T("Plate (标识牌)…"), fynetheme.DocumentPrintIcon(), func() {
			saveNoticePDF(v.s, v.problem, notice.Request{Kind: notice.CenterPlate, Subject: r.MemberID}, assets.T("Plate of %s.pdf", r.Name))
		}))
	}
	v.actions.Objects = []fyne.CanvasObject{widget.NewForm(widget.NewFormItem(assets.T("Note"), v.note)), buttons}
	v.actions.Refresh()
	v.detail.Objects = []fyne.CanvasObject{box}
	v.detail.Refresh()
	v.targetForm.mark()
	v.assessForm.mark()
	relayoutWindows()
}

func (v *memberStarsView) saveTargets() {
	if v.cur < 0 {
		return
	}
	r, y := v.rs[v.cur], v.year.year()
	codes := checked(v.targets, r.Lines)
	v.write(func(ctx context.Context) error { return v.s.DB.DeclareMemberStars(ctx, r.MemberID, y, codes) },
		assets.T("Saved %s's target stars of %d; they go to the township with the next sync.", r.Name, y))
}

func (v *memberStarsView) saveAssessment() {
	if v.cur < 0 {
		return
	}
	r, y := v.rs[v.cur], v.year.year()
	var codes []string
	for _, c := range checked(v.judged, r.Lines) {
		if t := v.targets[c]; t != nil && t.Checked {
			codes = append(codes, c)
		}
	}
	note := v.note.Text
	v.write(func(ctx context.Context) error { return v.s.DB.AssessMemberStars(ctx, r.MemberID, y, codes, note) },
		assets.T("Saved the branch's assessment of %s for %d; it goes to the township with the next sync.", r.Name, y))
}

// write runs a change off the UI thread, then says what happened and reloads.
func (v *memberStarsView) write(fn func(ctx context.Context) error, ok string) {
	var err error
	v.s.Go(func(ctx context.Context) { err = fn(ctx) }, func() {
		if err != nil {
			v.done.SetText("")
			v.problem.Set(assets.Chinese(err))
			return
		}
		v.problem.Set("")
		v.done.SetText(ok)
		v.load()
	})
}

// saveNoticePDF asks where to save a notice, then builds and writes it off the UI thread.
func saveNoticePDF(s *Session, problem problemLabel, req notice.Request, name string) {
	chooseFile(s.Window, filePick{Mode: pickSave, Title: assets.T("Save the notice as PDF"), Purpose: "notice", Exts: []string{".pdf"}, Name: name}, func(path string) {
		var err error
		s.Go(func(ctx context.Context) {
			var buf bytes.Buffer
			if _, err = notice.Print(ctx, s.DB, req, &buf); err == nil {
				if werr := atomicfile.WriteFile(path, buf.Bytes()); werr != nil {
					err = assets.Wrap(werr, "Cannot write the file %s. Check the folder exists and is writable.", path)
				}
			}
		}, func() {
			if err != nil {
				problem.Set(assets.Chinese(err))
				return
			}
			problem.Set("")
			showSaved(s.Window, assets.T("Notice saved"), path)
		})
	})
}

// doneLabel says what was just saved, in green; empty, it takes no room (an empty label kept a
// blank line under the toolbar of the star screens).
type doneLabel struct{ *widget.Label }

func newDoneLabel() doneLabel {
	l := widget.NewLabel("")
	l.Importance = widget.SuccessImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return doneLabel{l}
}

// SetText shows the text, or hides the label when it is empty.
func (d doneLabel) SetText(s string) {
	d.Label.SetText(s)
	if s == "" {
		d.Hide()
	} else {
		d.Show()
	}
}

// curLines is the chosen member's star lines (none before one is chosen).
func (v *memberStarsView) curLines() []store.StarLine {
	if v.cur < 0 || v.cur >= len(v.rs) {
		return nil
	}
	return v.rs[v.cur].Lines
}
