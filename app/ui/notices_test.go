package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"zhibu/store/storetest"

	"fyne.io/fyne/v2"

	"zhibu/app/notice"
	"zhibu/assets"
)

func TestNoticesScreenPreviewsSavesAndRecordsPosting(t *testing.T) {
	f := orglifeVillage(t)
	w := newTestWindow(t)
	s := orglifeSession(t, f, w)
	v := newNoticesView(s)
	w.SetContent(v.content())
	w.Resize(fyne.NewSize(1366, 768))
	// The first kind is the development notice; choose political birthdays instead.
	v.kind.SetSelected(assets.T("Political birthdays (政治生日名单)"))
	if v.problem.Label.Text != "" {
		t.Fatalf("problem: %s", v.problem.Label.Text)
	}
	if !labelContains(w, "政治生日") || !shows(w, "2026年第四季度党员政治生日名单") {
		t.Fatalf("preview does not show the notice: %q", texts(w))
	}
	capture(t, w, "notices.png")
	path := filepath.Join(t.TempDir(), "生日.pdf")
	if !v.save(path) {
		t.Fatalf("save failed: %s", v.problem.Label.Text)
	}
	if b, err := os.ReadFile(path); err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("no PDF written: %v", err)
	}
	ns, _ := f.DB.Notices(f.Ctx, s.Home.ID)
	if len(ns) != 1 || ns[0].Kind != notice.Birthdays || ns[0].Period != "2026Q4" {
		t.Fatalf("printed notice not recorded: %+v", ns)
	}
	// Record it as posted with a photo; a bad date is refused and changes nothing.
	v.posted.choose(0)
	v.posted.date.SetDate("2026-13-01")
	v.posted.save()
	if n, _ := f.DB.Notice(f.Ctx, ns[0].ID); n.PostedAt != "" || !strings.Contains(v.posted.problem.Label.Text, "不正确") {
		t.Fatalf("bad date: posted=%q problem=%q", n.PostedAt, v.posted.problem.Label.Text)
	}
	v.posted.date.SetDate("2026-11-30")
	v.posted.photo = orglifeJPEG(40, 30)
	v.posted.save()
	n, _ := f.DB.Notice(f.Ctx, ns[0].ID)
	if n.PostedAt != "2026-11-30" || !n.HasPhoto {
		t.Fatalf("posting not recorded: %+v (%s)", n, v.posted.problem.Label.Text)
	}
	if !shows(w, "2026-11-30，有照片") {
		t.Errorf("the list does not show the posting: %q", texts(w))
	}
	w.Content().Refresh()
	capture(t, w, "notices-posted.png")
}

func TestNoticesScreenSaysWhatIsMissing(t *testing.T) {
	// A branch that has recorded no decision and no appraisal yet.
	f := storetest.Village(t)
	f.AddMember(t, "张三", "1970-03-04", "1995-07-01", 11)
	f.AddMember(t, "李四", "1972-05-06", "1998-07-01", 21)
	w := newTestWindow(t)
	s := orglifeSession(t, f, w)
	v := newNoticesView(s)
	w.SetContent(v.content())
	v.kind.SetSelected(assets.T("Village decision (四议两公开)"))
	if !strings.Contains(v.problem.Label.Text, "四议两公开") {
		t.Fatalf("no decision: problem = %q", v.problem.Label.Text)
	}
	v.kind.SetSelected(assets.T("Democratic appraisal results (民主评议结果)"))
	if !strings.Contains(v.problem.Label.Text, "评议等次") {
		t.Fatalf("unrated members: problem = %q", v.problem.Label.Text)
	}
}
