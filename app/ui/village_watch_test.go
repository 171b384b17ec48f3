package ui

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store/storetest"
	"zhibu/sync/backup"
)

// Issue 22: nothing a secretary triggers holds the UI thread over 100 ms (the watchdog of
// township_watch_test.go): opening every village screen, making each kind of notice, the
// theme day's 打印活动情况, exporting the roster and checking a backup's password before a
// restore. The work runs off the UI thread behind a busy sign.
func TestVillageNeverBlocksTheUIThread(t *testing.T) {
	f := orglifeVillage(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	settle()
	wd := newUIWatchdog(t)
	for _, sc := range u.shell.screens {
		wd.do("opening "+sc.ID, func() { u.shell.show(sc.ID) })
		settle()
	}
	// Every kind of notice, chosen on the notice board.
	wd.do("opening notices", func() { u.shell.show("notices") })
	settle()
	var nv *noticesView
	asUI(func() {
		nv = newNoticesView(u.shell.sess)
		w.SetContent(nv.content())
	})
	settle()
	for i, k := range nv.kinds {
		wd.do("the notice "+k.Kind, func() { nv.kind.SetSelectedIndex(i) })
		settle()
	}
	// The theme day's 打印活动情况 (the busy sign of last round) and then its notice.
	var tv *themeDayView
	asUI(func() {
		u.shell.show("theme-day")
		tv = newThemeDayView(u.shell.sess)
		w.SetContent(tv.root)
	})
	settle()
	wd.do("打印活动情况", tv.printReport)
	settle()
	// The roster exported to Excel.
	var mv *membersView
	asUI(func() {
		u.shell.show("members")
		mv = newMembersView(u.shell.sess)
		w.SetContent(mv.root)
	})
	settle()
	out := filepath.Join(t.TempDir(), "名册.xlsx")
	wd.do("导出名册", func() { mv.export(out) })
	settle()
	// A backup's password checked before a restore.
	file := filepath.Join(t.TempDir(), "b.zhibu-backup")
	if err := backup.Write(f.Ctx, f.DB, "Zhibu-backup-2026-Qx7", file); err != nil {
		t.Fatal(err)
	}
	var bv *backupView
	asUI(func() {
		u.shell.show("backup")
		bv = newBackupView(u.shell.sess)
		w.SetContent(bv.page())
	})
	settle()
	asUI(func() { bv.confirmRestore(file) })
	settle()
	var pw *widget.Entry
	for _, o := range objects(w) {
		if e, ok := o.(*widget.Entry); ok && e.Password {
			pw = e
		}
	}
	if pw == nil {
		t.Fatal("the restore dialog has no password box")
	}
	asUI(func() { pw.SetText("错误的密码") }) // wrong: refused, nothing restored, but the check is as slow
	wd.do("恢复: the password checked", func() { test.Tap(button(w, assets.T("Replace the data and restore"))) })
	settle()
	if !labelContains(w, "密码不对") && !labelContains(w, "密码") {
		t.Errorf("a wrong backup password is not refused: %q", texts(w))
	}
	wd.check(t)
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		t.Errorf("the roster was not exported: %v", err)
	}
}
