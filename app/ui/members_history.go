package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/cnid"
)

// historyLine is one row of a member's audit trail as shown.
type historyLine struct {
	when, user, field, old, new string
}

// memberHistory lists who changed which field of the member, when, from what to what.
func memberHistory(s *Session, m store.Member, groups []store.Org) ([]historyLine, error) {
	cs, err := s.DB.RowHistory(s.Ctx, "members", m.ID)
	if err != nil {
		return nil, err
	}
	groupName := map[string]string{}
	for _, g := range groups {
		groupName[g.ID] = g.Name
	}
	show := func(field string, v any) string {
		str := ""
		switch x := v.(type) {
		case nil:
		case string:
			str = x
		case []byte:
			if len(x) > 0 {
				str = assets.T("(picture)")
			}
		default:
			str = fmt.Sprint(x)
		}
		switch field {
		case "id_number":
			if !s.User.CanSeePersonal() {
				str = cnid.Mask(str)
			}
		case "phone":
			if !s.User.CanSeePersonal() {
				str = cnid.MaskPhone(str)
			}
		case "gender":
			str = store.Gender.Label(str)
		case "status":
			str = store.Status.Label(str)
		case "position":
			str = store.Position.Label(str)
		case "category":
			str = store.Category.Label(str)
		case "state":
			str = store.State.Label(str)
		case "group_id":
			if n, ok := groupName[str]; ok {
				str = n
			}
		case "deleted":
			if str == "1" {
				str = assets.T("deleted")
			}
		}
		return str
	}
	var out []historyLine
	for i := len(cs) - 1; i >= 0; i-- { // newest first
		c := cs[i]
		if c.Field == "org_id" {
			continue
		}
		label := store.FieldLabel(c.Field)
		if c.Field == "deleted" {
			label = assets.T("Deleted")
		}
		who := c.User
		if c.Origin == "remote" {
			who = assets.T("%s (from another PC)", c.User)
		}
		out = append(out, historyLine{when: time.UnixMilli(c.At).In(s.DB.Now().Location()).Format("2006-01-02 15:04"),
			user: who, field: label, old: show(c.Field, c.Old), new: show(c.Field, c.Value)})
	}
	return out, nil
}

// newMemberHistory is the "change history" tab of a member's detail page.
func newMemberHistory(s *Session, m store.Member, groups []store.Org) fyne.CanvasObject {
	lines, err := memberHistory(s, m, groups)
	if err != nil {
		p := newProblemLabel()
		p.Set(assets.Chinese(err))
		return p.Label
	}
	headers := []string{assets.T("Time"), assets.T("By"), assets.T("Field"), assets.T("Before"), assets.T("After")}
	t := newTextTable(headers, []float32{160, 160, 130, 260, 260}, func() int { return len(lines) }, func(r, c int) string {
		l := lines[r]
		return [...]string{l.when, l.user, l.field, l.old, l.new}[c]
	}, nil)
	top := hint(assets.T("Every change to this member file, newest first: the audit trail. It cannot be edited."))
	return container.NewBorder(top, nil, nil, nil, t)
}
