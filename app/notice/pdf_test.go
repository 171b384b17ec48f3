package notice

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden PNG pages in testdata")

var noticeDate = time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)

// sampleDoc is a development notice with rows rows, every seventh with a long note.
func sampleDoc(rows int) Document {
	d := Document{
		Title:   "张庄村党支部关于发展对象的公示",
		Preface: []string{"经党小组推荐、支部委员会研究，拟将以下同志确定为发展对象，现予公示。公示期为2026年11月30日至2026年12月4日（5个工作日）。"},
		Tables: []Table{{Columns: []Column{{Header: "序号", Weight: 0.6}, {Header: "姓名", Weight: 1.2}, {Header: "性别", Weight: 0.6},
			{Header: "备注", Weight: 3, Align: "L"}}}},
		Footer:  []string{"公示期间，如对公示对象有不同意见，可通过来电、来信、来访等方式向村党支部或镇党委反映。"},
		Contact: "监督电话：0371-12345678　联系人：王书记",
		Issuer:  "中共张庄村支部委员会",
		Date:    noticeDate,
	}
	for i := range rows {
		name := fmt.Sprintf("欧阳%s%d", string(rune('一'+i%50)), i+1)
		note := "表现良好"
		if i%7 == 3 {
			note = fmt.Sprintf("第%d号：长期在外务工，通过微信学习群按时参加学习，积极参加村里组织的志愿服务活动，群众评价较好。", i+1)
		}
		d.Tables[0].Rows = append(d.Tables[0].Rows, []string{fmt.Sprint(i + 1), name, "男", note})
		d.Subjects = append(d.Subjects, name)
	}
	return d
}

func renderDoc(t testing.TB, doc Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func pdftotext(t *testing.T, path string, args ...string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", append(append(args, "-enc", "UTF-8"), path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func pages(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "Pages:") {
			fmt.Sscan(strings.TrimPrefix(l, "Pages:"), &n)
		}
	}
	return n
}

func TestRenderText(t *testing.T) {
	path := writeTemp(t, renderDoc(t, sampleDoc(8)))
	text := squeeze(pdftotext(t, path, "-raw"))
	for _, want := range []string{"张庄村党支部关于发展对象的公示", "二〇二六年十一月二十九日", "中共张庄村支部委员会", "监督电话：0371-12345678",
		// wrapped text keeps every character (fpdf's own MultiCell drops one per wrap)
		"第4号：长期在外务工，通过微信学习群按时参加学习，积极参加村里组织的志愿服务活动，群众评价较好。"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdf text lacks %q:\n%s", want, text)
		}
	}
	if n := pages(t, path); n != 1 {
		t.Errorf("8 rows: %d pages", n)
	}
}

func TestOneEmbeddedSubsetFont(t *testing.T) {
	b := renderDoc(t, sampleDoc(8))
	out, err := exec.Command("pdffonts", writeTemp(t, b)).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
	if len(lines) != 1 || !strings.Contains(lines[0], "CID TrueType") || strings.Fields(lines[0])[4] != "yes" {
		t.Fatalf("pdffonts:\n%s", out)
	}
	// The font file is 4.6 MB; only the characters used are embedded.
	if len(b) > 100<<10 {
		t.Errorf("one-page notice is %d bytes: the font is not subset", len(b))
	}
}

func TestDeterministic(t *testing.T) {
	a, b := renderDoc(t, sampleDoc(30)), renderDoc(t, sampleDoc(30))
	if !bytes.Equal(a, b) {
		t.Fatal("the same document gave different PDFs")
	}
}

// A 120-member list runs over pages: the header is repeated on each, no row is split, every
// row appears once, in order.
func TestPaginates120Rows(t *testing.T) {
	a4pages := 0
	for _, paper := range []Paper{A4, A3} {
		doc := sampleDoc(120)
		doc.Paper = paper
		path := writeTemp(t, renderDoc(t, doc))
		n := pages(t, path)
		if paper == A4 && n < 4 || paper == A3 && n >= a4pages {
			t.Errorf("%s: %d pages", paper, n)
		}
		a4pages = n
		next := 0
		for p := 1; p <= n; p++ {
			text := pdftotext(t, path, "-f", fmt.Sprint(p), "-l", fmt.Sprint(p))
			if p < n && !strings.Contains(squeeze(text), "序号姓名性别备注") {
				t.Errorf("%s page %d has no table header", paper, p)
			}
			if !strings.Contains(squeeze(text), fmt.Sprintf("第%d页共%d页", p, n)) {
				t.Errorf("%s page %d lacks its page number", paper, p)
			}
			for _, r := range doc.Tables[0].Rows[next:] {
				if !strings.Contains(text, r[1]) {
					break
				}
				// a wrapped note starts and ends on the page of its row
				note := []rune(r[3])
				head, tail := string(note[:min(5, len(note))]), string(note[max(0, len(note)-6):])
				if !strings.Contains(text, head) || !strings.Contains(text, tail) {
					t.Errorf("%s: row %s split across pages", paper, r[0])
				}
				next++
			}
		}
		if next != 120 {
			t.Errorf("%s: found %d of 120 rows in order", paper, next)
		}
		last := squeeze(pdftotext(t, path, "-f", fmt.Sprint(n), "-l", fmt.Sprint(n)))
		if !strings.Contains(last, "中共张庄村支部委员会") || !strings.Contains(last, "公示期间") {
			t.Errorf("%s: the closing and the signature are not together on the last page", paper)
		}
	}
}

func TestUnprintableNameRefused(t *testing.T) {
	for _, name := range []string{"刘𠙶", "张\u0007三"} {
		doc := sampleDoc(2)
		doc.Tables[0].Rows[1][1] = name
		doc.Subjects[1] = name
		var buf bytes.Buffer
		err := Render(&buf, doc)
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%q: err = %v, want the name in it", name, err)
		}
		if buf.Len() != 0 {
			t.Errorf("%q: %d bytes written", name, buf.Len())
		}
	}
	for _, name := range []string{"刘堃", "王珺", "李昇", "欧阳娜"} {
		if err := CheckName(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestChineseDate(t *testing.T) {
	for in, want := range map[string]string{"2026-11-29": "二〇二六年十一月二十九日", "2027-01-01": "二〇二七年一月一日",
		"2030-10-10": "二〇三〇年十月十日", "2026-12-31": "二〇二六年十二月三十一日", "2026-02-20": "二〇二六年二月二十日"} {
		d, _ := time.Parse(time.DateOnly, in)
		if got := ChineseDate(d); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
}

// Golden pages, reviewed by eye: go test ./app/notice -run Golden -update rewrites them.
func TestGoldenPages(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm not installed")
	}
	f, _, dec := demoVillage(t)
	cases := map[string]Request{
		"development": {Kind: Development}, "decision": {Kind: Decision, Subject: dec},
		"birthdays": {Kind: Birthdays}, "dues": {Kind: Dues}, "theme-day": {Kind: ThemeDay},
	}
	for name, req := range cases {
		var buf bytes.Buffer
		if _, err := Print(f.Ctx, f.DB, req, &buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		dir := t.TempDir()
		pdf := filepath.Join(dir, "n.pdf")
		os.WriteFile(pdf, buf.Bytes(), 0o644)
		if out, err := exec.Command("pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", "-singlefile", pdf, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, out)
		}
		got, _ := os.ReadFile(filepath.Join(dir, "p.png"))
		golden := filepath.Join("testdata", name+".png")
		if *update {
			os.WriteFile(golden, got, 0o644)
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%s: no golden page (run with -update and look at it): %v", name, err)
		}
		if !samePixels(t, got, want) {
			os.MkdirAll(filepath.Join("testdata", "failed"), 0o755)
			os.WriteFile(filepath.Join("testdata", "failed", name+".png"), got, 0o644)
			t.Errorf("%s: page 1 differs from %s (see testdata/failed)", name, golden)
		}
	}
}

func samePixels(t *testing.T, a, b []byte) bool {
	ia, err1 := png.Decode(bytes.NewReader(a))
	ib, err2 := png.Decode(bytes.NewReader(b))
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if ia.Bounds() != ib.Bounds() {
		return false
	}
	r := ia.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if !sameColor(ia, ib, x, y) {
				return false
			}
		}
	}
	return true
}

func sameColor(a, b image.Image, x, y int) bool {
	r1, g1, b1, _ := a.At(x, y).RGBA()
	r2, g2, b2, _ := b.At(x, y).RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2
}

// BenchmarkOnePage: target < 300 ms and < 300 KB for a one-page notice with the font subset.
func BenchmarkOnePage(b *testing.B) {
	doc := sampleDoc(15)
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := Render(&buf, doc); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes/pdf")
}
