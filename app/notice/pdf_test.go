package notice

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var noticeDate = time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)

func sampleDoc(rows int) Document {
	d := Document{
		Title:   "张庄村党支部关于发展对象的公示",
		Preface: []string{"经党小组推荐、支部委员会研究，拟将以下同志确定为发展对象，现予公示。公示期为2026年11月30日至2026年12月4日（5个工作日）。"},
		Columns: []Column{{Header: "序号", Weight: 0.6}, {Header: "姓名", Weight: 1.2}, {Header: "性别", Weight: 0.6}, {Header: "备注", Weight: 3, Align: "L"}},
		Footer:  []string{"公示期间，如对公示对象有不同意见，可通过来电、来信、来访等方式向村党支部或镇党委反映。"},
		Contact: "监督电话：0371-12345678　联系人：王书记",
		Issuer:  "中共张庄村支部委员会",
		Date:    noticeDate,
	}
	for i := range rows {
		note := "表现良好"
		if i%7 == 3 {
			note = "长期在外务工，通过微信学习群按时参加学习，积极参加村里组织的志愿服务活动，群众评价较好。"
		}
		d.Rows = append(d.Rows, []string{fmt.Sprint(i + 1), "欧阳" + string(rune('一'+i%50)), "男", note})
		d.Subjects = append(d.Subjects, "欧阳"+string(rune('一'+i%50)))
	}
	return d
}

// renderFile renders doc into the test's temp folder and returns the path.
func renderFile(t testing.TB, doc Document) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "n.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func pdftotext(t *testing.T, path string, args ...string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", append(append(args, "-enc", "UTF-8"), path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestRenderLooksRight(t *testing.T) {
	path := renderFile(t, sampleDoc(8))
	if dir := os.Getenv("NOTICE_KEEP"); dir != "" {
		b, _ := os.ReadFile(path)
		os.WriteFile(filepath.Join(dir, "sample.pdf"), b, 0o644)
	}
	text := pdftotext(t, path)
	for _, want := range []string{"张庄村党支部关于发展对象的公示", "二〇二六年十一月二十九日", "中共张庄村支部委员会", "监督电话"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdf text lacks %q:\n%s", want, text)
		}
	}
}
