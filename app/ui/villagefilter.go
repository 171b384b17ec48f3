package ui

import (
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

// villageFilter is the township's choice of one village or all of them over a list (the
// 整改台账, the 督导 visits), and the names of the villages for the list's column. On a
// village PC there are no villages to choose and the names hold only its own.
type villageFilter struct {
	villages []store.Org
	names    map[string]string // organisation ID → name, this PC's own included
	sel      *widget.Select    // 全部村 first, then the villages
}

func newVillageFilter(s *Session, township bool, problem problemLabel, changed func()) *villageFilter {
	f := &villageFilter{names: map[string]string{s.Home.ID: s.Home.Name}}
	if township {
		vs, err := s.DB.Orgs(s.Ctx, store.KindVillage)
		if err != nil {
			problem.Set(assets.Chinese(err))
		}
		f.villages = vs
	}
	opts := []string{assets.T("All villages")}
	for _, o := range f.villages {
		f.names[o.ID] = o.Name
		opts = append(opts, o.Name)
	}
	f.sel = newSelect(opts, func(string) { changed() })
	return f
}

// selected is the chosen village's ID ("" for all villages).
func (f *villageFilter) selected() string {
	if i := f.sel.SelectedIndex(); i > 0 && i <= len(f.villages) {
		return f.villages[i-1].ID
	}
	return ""
}

// withoutVillageColumn drops the second column (the village) of a list's headers and
// widths, for a village PC that only ever lists its own.
func withoutVillageColumn(headers []string, widths []float32) ([]string, []float32) {
	return append(headers[:1], headers[2:]...), append(widths[:1], widths[2:]...)
}
