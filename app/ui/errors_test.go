package ui

import (
	"testing"

	"fyne.io/fyne/v2"

	"zhibu/assets"
	"zhibu/store/storetest"
)

// A screen whose records cannot be read says so in Chinese instead of showing an empty
// page: here the database went away after the login.
func TestScreensSayWhenTheirRecordsCannotBeRead(t *testing.T) {
	want := assets.T("The operation failed because of an internal error. Please try again; if it happens again, contact the township office.")
	for _, c := range []struct {
		name string
		make func(*Session) fyne.CanvasObject
	}{{"pipeline", makePipeline}, {"points", makePoints}, {"member part", makeMemberPart}, {"dues", makeDues}, {"transfers", makeTransfers}} {
		t.Run(c.name, func(t *testing.T) {
			f := storetest.Village(t)
			w := newTestWindow(t)
			s := orglifeSession(t, f, w)
			f.DB.Close()
			w.SetContent(c.make(s))
			if !labelContains(w, want) {
				t.Errorf("%s does not say its records could not be read: %q", c.name, texts(w))
			}
		})
	}
}
