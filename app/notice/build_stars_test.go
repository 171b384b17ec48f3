package notice

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/store/storetest"
)

// TestStarNotices prints the township's list of the villages' 2025 star ratings (the demo
// assesses last year) and one village's 星级评定结果公示, and reads them back.
func TestStarNotices(t *testing.T) {
	f := storetest.Township(t)
	ctx := f.Ctx
	if err := demo.Fill(ctx, f.DB, demo.Options{Seed: 3, Villages: 6}); err != nil {
		t.Fatal(err)
	}
	rs, err := f.DB.StarResults(ctx, 2025, nil)
	if err != nil || len(rs) != 6 {
		t.Fatalf("results: %d %v", len(rs), err)
	}
	keep := os.Getenv("NOTICE_KEEP")
	print := func(req Request) (Document, string) {
		t.Helper()
		var buf bytes.Buffer
		doc, err := Print(context.Background(), f.DB, req, &buf)
		if err != nil {
			t.Fatal(err)
		}
		if keep != "" {
			os.WriteFile(filepath.Join(keep, req.Kind+".pdf"), buf.Bytes(), 0o644)
		}
		return doc, squeeze(pdftotext(t, writeTemp(t, buf.Bytes())))
	}

	doc, text := print(Request{Kind: StarList, Period: "2025"})
	want := []string{"2025年村党组织星级评定结果公示", "中共城关镇委员会", "二〇二六年十一月二十九日", "2026年11月30日至2026年12月4日（5个工作日）",
		"序号党组织星数星级星级颜色类别挂牌日期", "现将6个村党组织的星级评定结果公示如下"}
	colours := map[string]bool{}
	for _, r := range rs {
		// The row as a reader sees it: name, stars, count, colour, class, plaque day.
		want = append(want, r.OrgName+strconv.Itoa(r.Stars)+strings.Repeat("★", r.Stars)+store.ColourLabel(r.Colour)+store.ClassLabel(r.Class)+
			strings.ReplaceAll(r.PlaqueOn, "-", "."))
		colours[r.Colour] = true
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the list lacks %q:\n%s", w, text)
		}
	}
	// Issue 21: the preface names only the steps that were recorded — 定标报星 and 自评 for
	// every village, for some (how many), or not at all; no 动态评星, which nothing records.
	declared, self := 0, 0
	for _, r := range rs {
		if r.Declared != "" {
			declared++
		}
		if r.SelfAt != "" {
			self++
		}
	}
	for _, c := range []struct {
		n    int
		step string
	}{{declared, "定标报星"}, {self, "自评"}} {
		switch {
		case c.n == 0 && strings.Contains(text, c.step):
			t.Errorf("no village recorded %s, the list claims it:\n%s", c.step, text)
		case c.n == len(rs) && !strings.Contains(text, "各村党组织"+c.step) && !strings.Contains(text, "、"+c.step):
			t.Errorf("every village recorded %s, the list does not say so:\n%s", c.step, text)
		case c.n > 0 && c.n < len(rs) && !strings.Contains(text, strconv.Itoa(c.n)+"个村党组织"+c.step):
			t.Errorf("%d villages recorded %s, the list does not say how many:\n%s", c.n, c.step, text)
		}
	}
	if strings.Contains(text, "动态评星") || !strings.Contains(text, "乡镇党委考评") {
		t.Errorf("the list's steps:\n%s", text)
	}
	t.Logf("declared %d, self-assessed %d of %d", declared, self, len(rs))
	if len(doc.Tables) != 1 || len(doc.Tables[0].Rows) != 6 {
		t.Errorf("the list has %d tables", len(doc.Tables))
	}
	if len(colours) < 2 {
		t.Errorf("every village has the same colour: %v", colours)
	}

	v := rs[0]
	_, text = print(Request{Kind: BranchStars, OrgID: v.OrgID, Period: "2025"})
	want = []string{v.OrgName + "2025年星级评定结果公示", IssuerOf(v.OrgName),
		v.OrgName + "2025年共评定" + strconv.Itoa(v.Stars) + "颗星（" + store.ColourLabel(v.Colour) + "），为" + store.ClassLabel(v.Class) + "党组织",
		"序号星星类评星标准评定结果"}
	var results []string
	for _, l := range v.Lines {
		if l.Target {
			res := "未评定"
			if l.Earned {
				res = "★已评定"
			}
			want = append(want, l.Name+store.StarGroupLabel(l.Group))
			results = append(results, res)
		}
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the branch notice lacks %q:\n%s", w, text)
		}
	}

	earned, missed := 0, 0
	for _, res := range results {
		if res == "未评定" {
			missed++
		} else {
			earned++
		}
	}
	if strings.Count(text, "★已评定") != earned || strings.Count(text, "未评定") != missed || earned != v.Stars {
		t.Errorf("the notice shows %d stars earned and %d not; want %d and %d (%d stars)", strings.Count(text, "★已评定"), strings.Count(text, "未评定"),
			earned, missed, v.Stars)
	}

	// Not assessed yet, or asked of the wrong side: a message, no PDF.
	var buf bytes.Buffer
	if _, err := Print(ctx, f.DB, Request{Kind: BranchStars, OrgID: v.OrgID, Period: "2026"}, &buf); err == nil || buf.Len() > 0 {
		t.Errorf("printed a result the township has not assessed: %v", err)
	}
	if _, err := Print(ctx, f.DB, Request{Kind: BranchStars, Period: "2025"}, &buf); err == nil {
		t.Error("printed a township's own branch notice")
	}
	village := storetest.Village(t)
	if _, err := Print(ctx, village.DB, Request{Kind: StarList, Period: "2025"}, &buf); err == nil || errors.Is(err, store.ErrNotFound) {
		t.Errorf("a village printed the township's list: %v", err)
	}
}
