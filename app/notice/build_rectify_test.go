package notice

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/store/storetest"
)

// TestRectifyPlanNotice prints the township's 整顿工作方案 of a weak branch (source 003:
// 「软弱涣散党组织整顿」, 「开展后进党支部整改工作…约谈提醒、列席组织生活会」): the branch, the year,
// the reasons, the 包联 leader, the plan in words, its items with deadlines and state, and the
// visits so far — read back with pdftotext, every character of the long wrapped texts kept
// (TECH-NOTES: fpdf's MultiCell drops one at every wrap).
func TestRectifyPlanNotice(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	f := storetest.Township(t)
	ctx := f.Ctx
	if err := demo.Fill(ctx, f.DB, demo.Options{Seed: 3, Villages: 2}); err != nil {
		t.Fatal(err)
	}
	vs, err := f.DB.Orgs(ctx, store.KindVillage)
	if err != nil || len(vs) < 2 {
		t.Fatalf("villages %v %v", vs, err)
	}
	plan := "一月一调度，包联领导每月到村不少于两次，督促村党支部按期召开专题组织生活会，健全三会一课制度，年底前对照整改清单逐项验收销号。"
	long := "对照软弱涣散党组织认定标准，逐条查摆班子建设、组织生活、党员管理方面存在的突出问题，形成问题清单并逐项整改到位"
	id, items, err := f.DB.AddRectification(ctx, store.NewRectification{VillageCode: vs[1].Code, Year: 2026, Reasons: []string{"disunity", "orglife"},
		ReasonText: "村两委换届后长期不团结", Leader: "张国强", Plan: plan,
		Items: []store.NewTask{{Title: "召开专题组织生活会", Due: "2026-12-20", Evidence: "会议记录"}, {Title: long, Due: "2026-12-25"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.DB.RecordRectifyEvent(ctx, id, store.RectifyTalk, "2026-11-20", "张国强", "约谈支部书记，指出班子不团结问题"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	doc, err := Print(context.Background(), f.DB, Request{Kind: RectifyPlan, Subject: id}, &buf)
	if err != nil {
		t.Fatal(err)
	}
	if keep := os.Getenv("NOTICE_KEEP"); keep != "" {
		os.WriteFile(filepath.Join(keep, "rectify-plan.pdf"), buf.Bytes(), 0o644)
	}
	text := squeeze(pdftotext(t, writeTemp(t, buf.Bytes())))
	for _, w := range []string{vs[1].Name + "2026年整顿工作方案", "列为2026年软弱涣散（后进）党组织整顿对象",
		"整顿原因：班子不团结；组织生活不正常；村两委换届后长期不团结", "包联领导：张国强", "整顿措施：" + plan,
		"整改事项（已验收0项，共2项）", "序号事项完成时限", "1召开专题组织生活会2026.12.20", "2" + long + "2026.12.25", "会议记录",
		"未完成未完成", "2026.11.20约谈提醒张国强", "约谈支部书记，指出班子不团结问题", "中共城关镇委员会", "二〇二六年十一月二十九日"} {
		if !strings.Contains(text, squeeze(w)) {
			t.Errorf("the plan lacks %q:\n%s", w, text)
		}
	}
	if vs[0].Name != "" && strings.Contains(text, vs[0].Name) {
		t.Errorf("the plan of %s names another village %s", vs[1].Name, vs[0].Name)
	}
	if !strings.Contains(doc.Title, vs[1].Name) || len(items) != 2 {
		t.Errorf("title %q", doc.Title)
	}
	if _, err := Print(context.Background(), f.DB, Request{Kind: RectifyPlan}, &buf); err == nil || !strings.Contains(err.Error(), "subject") {
		t.Errorf("no subject: %v", err)
	}
}
