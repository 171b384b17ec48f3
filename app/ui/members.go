package ui

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/cnid"
)

func init() {
	registerScreen(Screen{ID: "members", Title: "Members", Icon: navIcon(fynetheme.IconNameAccount), Order: 10, Make: makeMembers})
}

// membersView is the member roll: a search box, (on a township) a village picker, the list,
// and the detail form that replaces the list while a member is open.
type membersView struct {
	s    *Session
	root *fyne.Container // holds either the list page or a detail page

	search   *keyEntry
	village  *widget.Select // nil on a village PC
	villages []store.Org
	setupErr string // why the villages could not be listed ("": they were)
	table    *textTable
	count    *widget.Label
	note     *widget.Label // what was just done (saved, deleted, imported)
	problem  problemLabel
	listPage fyne.CanvasObject
	addBtn   *widget.Button // nil for read-only users

	rows    []store.Member
	groups  map[string]string // party group ID → name
	orgName map[string]string // organisation ID → name
}

func makeMembers(s *Session) fyne.CanvasObject {
	v := newMembersView(s)
	lastMembersView = v
	return v.root
}

// lastMembersView is the roster screen made last (for tests to open a member's page).
var lastMembersView *membersView

func newMembersView(s *Session) *membersView {
	v := &membersView{s: s, problem: newProblemLabel(), groups: map[string]string{}, orgName: map[string]string{}}
	v.search = newEntry()
	v.search.SetPlaceHolder(assets.T("Search: name, pinyin initials (zs), pinyin, or the last digits of the ID number"))
	v.search.OnChanged = func(string) { v.reload() }
	v.count = widget.NewLabel("")
	v.note = widget.NewLabel("")
	v.note.Importance = widget.SuccessImportance

	headers := []string{assets.T("Name"), assets.T("Gender"), assets.T("Age"), assets.T("Party group"),
		assets.T("Member status"), assets.T("Member category"), assets.T("ID number"), assets.T("Phone")}
	widths := []float32{110, 60, 60, 130, 110, 150, 210, 140}
	if s.Role == store.RoleTownship {
		headers = append([]string{assets.T("Village")}, headers...)
		widths = append([]float32{170}, widths...)
	}
	v.table = newTextTable(headers, widths, func() int { return len(v.rows) }, v.cell, func(r int) { v.open(v.rows[r]) })

	searchWidth := float32(520)
	if s.Role == store.RoleTownship {
		searchWidth = 400 // room for the village filter beside it at 150 % text (1366×700 window)
	}
	filters := []fyne.CanvasObject{fixedWidth(searchWidth, v.search)}
	if s.Role == store.RoleTownship {
		var err error
		if v.villages, err = s.DB.Orgs(s.Ctx, store.KindVillage); err != nil {
			v.setupErr = assets.Chinese(err) // shown after each search (which clears the label)
		}
		names := []string{assets.T("All villages")}
		for _, o := range v.villages {
			names = append(names, o.Name)
		}
		v.village = newSelect(names, func(string) { v.reload() })
		v.village.SetSelectedIndex(0)
		filters = append(filters, fixedWidth(200, v.village))
	}
	var actions []fyne.CanvasObject
	if s.User.CanWrite() {
		v.addBtn = primaryButton(assets.T("Add member"), fynetheme.ContentAddIcon(), v.add)
		actions = append(actions, v.addBtn,
			widget.NewButtonWithIcon(assets.T("Import roster"), fynetheme.UploadIcon(), v.chooseImport))
	}
	actions = append(actions, widget.NewButtonWithIcon(assets.T("Export roster"), fynetheme.DownloadIcon(), v.chooseExport))
	bar := toolbarRow(filters, actions...)
	if s.Role == store.RoleVillage {
		// The search box takes the room the buttons leave: 520 units of it and the buttons
		// were wider than a 1366×768 screen drawn at 150 % (FYNE_SCALE=1.5), which then
		// scrolled the whole roster sideways.
		bar = container.NewBorder(nil, nil, nil, container.NewHBox(actions...), v.search)
	} else {
		// The same on the township, with the village filter before the search (924 units of
		// 753 at system scaling 1.5).
		bar = container.NewBorder(nil, nil, fixedWidth(200, v.village), container.NewHBox(actions...), v.search)
	}
	top := container.NewVBox(heading(assets.T("Members")), bar, container.NewHBox(v.count, v.note, v.problem.Label))
	v.listPage = container.NewBorder(container.NewPadded(top), nil, nil, nil, v.table)
	v.root = container.NewStack(v.listPage)
	v.loadNames()
	v.reload()
	v.listKeys()
	return v
}

// loadNames fills the organisation and party-group names shown in the list.
func (v *membersView) loadNames() {
	orgs, err := v.s.DB.Orgs(v.s.Ctx, "")
	if err != nil {
		return
	}
	for _, o := range orgs {
		if o.Kind == store.KindGroup {
			v.groups[o.ID] = o.Name
		} else {
			v.orgName[o.ID] = o.Name
		}
	}
}

// listKeys makes Ctrl+F go to the search box and Esc clear it.
func (v *membersView) listKeys() {
	if v.s.Keys == nil {
		return
	}
	*v.s.Keys = keyMap{
		Find: func() { v.s.Window.Canvas().Focus(v.search) },
		Esc:  func() { v.search.SetText("") },
	}
}

// filter is the current search.
func (v *membersView) filter() store.MemberFilter {
	f := store.MemberFilter{Query: v.search.Text}
	switch {
	case v.s.Role == store.RoleVillage:
		f.OrgID = v.s.Home.ID
	case v.village != nil && v.village.SelectedIndex() > 0:
		f.OrgID = v.villages[v.village.SelectedIndex()-1].ID
	}
	return f
}

// reload runs the search again and refreshes the list.
func (v *membersView) reload() {
	ms, err := v.s.DB.Members(v.s.Ctx, v.filter())
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return
	}
	v.problem.Set(v.setupErr)
	v.rows = ms
	if v.search.Text == "" {
		v.count.SetText(assets.T("%d members on the roll", len(ms)))
	} else {
		v.count.SetText(assets.T("%d members found", len(ms)))
	}
	v.table.ScrollToTop()
	v.table.Refresh()
}

// cell is the list's text: never full ID numbers or phones.
func (v *membersView) cell(row, col int) string {
	if row >= len(v.rows) {
		return ""
	}
	m := v.rows[row]
	if v.s.Role == store.RoleTownship {
		if col == 0 {
			return v.orgName[m.OrgID]
		}
		col--
	}
	switch col {
	case 0:
		return m.Name
	case 1:
		return store.Gender.Label(m.Gender)
	case 2:
		return age(m.BirthDate, v.s.DB.Now())
	case 3:
		return v.groups[m.GroupID]
	case 4:
		return store.Status.Label(m.Status)
	case 5:
		return store.Category.Label(m.Category)
	case 6:
		return cnid.Mask(m.IDNumber)
	case 7:
		return cnid.MaskPhone(m.Phone)
	}
	return ""
}

// age is the full years from a YYYY-MM-DD birth date to now ("" if unknown).
func age(birth string, now time.Time) string {
	b, err := time.Parse(time.DateOnly, birth)
	if err != nil {
		return ""
	}
	y := now.Year() - b.Year()
	if now.Month() < b.Month() || (now.Month() == b.Month() && now.Day() < b.Day()) {
		y--
	}
	return strconv.Itoa(y)
}

// open shows a member's detail page (an empty member: the add form).
func (v *membersView) open(m store.Member) {
	d := newMemberDetail(v, m)
	lastDetail = d
	if v.s.Keys != nil {
		v.s.Keys.Esc = func() { v.s.leaving(v.back) }
		v.s.Keys.Save = nil
		if d.save != nil {
			v.s.Keys.Save = d.submit
		}
	}
	v.root.Objects = []fyne.CanvasObject{d.page}
	v.root.Refresh()
}

// lastDetail is the member page opened last (for tests to reach its widgets).
var lastDetail *memberDetail

// back returns from a detail page to the list, refreshed.
func (v *membersView) back() {
	if g := v.s.guard; g != nil {
		if _, ok := g.owner.(*memberDetail); ok {
			v.s.guard = nil // the member page is gone
		}
	}
	v.listKeys()
	v.root.Objects = []fyne.CanvasObject{v.listPage}
	v.root.Refresh()
	v.note.SetText("")
	v.reload()
}

// notice tells what was just done, above the list.
func (v *membersView) notice(text string) { v.note.SetText(text) }

// add opens an empty form; on a township a village must be chosen first.
func (v *membersView) add() {
	if v.s.Role == store.RoleTownship && v.filter().OrgID == "" {
		v.problem.Set(assets.T("Choose the village first (the list next to the search box), then add the member."))
		return
	}
	v.open(store.Member{})
}
