package rules

import (
	"strings"
	"testing"

	"zhibu/assets"
)

// The figures and articles as the texts give them (research of 2026-12-01: the 2014 细则,
// the 2008 党费规定, 党章 第七条 and 第九条). Each row is what a reader of the text would check.
func TestCitationsFollowTheTexts(t *testing.T) {
	for _, c := range []struct {
		rule            Rule
		value, article  string
		local, verified bool
	}{
		{PipelineMinAge, "18", "第五条", false, true},
		{PipelineActivist, "12", "第十三条", false, true},
		{PipelineAssessment, "6", "第十一条", false, false},
		{PipelineTrainingDays, "3", "第十七条", false, true},
		{PipelineTrainingHours, "24", "第十七条", false, true},
		{PipelineProbation, "12", "第三十二条", false, true},
		{PipelineMinExtension, "6", "第三十二条", false, true},
		{PipelineMaxExtension, "12", "第三十二条", false, true},
		{PipelineAttendance, "1/2", "第二十条", false, true},
		{PipelineVote, "1/2", "第二十一条", false, true},
		{PipelineInterview, "1", "", false, false},
		{PipelineApproval, "3", "", false, false},
		{PipelinePublicity, "5", "", true, false},
		{PipelineApplyBefore, "30", "第三十三条", true, false},
		{DuesSalariedBands, "3000:0.5,5000:1,10000:1.5,*:2", "第二条", false, true},
		{DuesRetiredBands, "5000:0.5,*:1", "第五条", false, true},
		{DuesRetiredBase, "total", "第五条", false, false},
		{DuesFarmer, "0.20", "第六条", false, true},
		{DuesMinimum, "0.20", "第六条", false, true},
		{DuesBackpay, "6", "第十二条", false, true},
		{DuesQuarterly, "3", "第十二条", false, true},
		{DuesWarn, "3", "", true, false},
		{DuesAlarm, "6", "第九条", false, true},
		{DecisionQuorum, "67", "", true, false},
		{DecisionPass, "50", "", true, false},
		{DecisionPublishDays, "7", "", true, false},
	} {
		r, ok := Lookup(c.rule.Key)
		if !ok {
			t.Errorf("%s is not registered", c.rule.Key)
			continue
		}
		if r.Default != c.value {
			t.Errorf("%s: default %q, the text says %q", r.Key, r.Default, c.value)
		}
		if c.article != "" && !strings.Contains(r.Source, c.article) {
			t.Errorf("%s: source %q does not cite %s", r.Key, r.Source, c.article)
		}
		if r.Local != c.local || (r.Verified != "") != c.verified {
			t.Errorf("%s: local %v verified %v, want %v %v", r.Key, r.Local, r.Verified, c.local, c.verified)
		}
		if r.Verified == "" && r.Note == "" && !r.Local {
			t.Errorf("%s is unverified and says nothing about why", r.Key)
		}
	}
	// The articles that were wrong must not come back.
	for key, wrong := range map[string]string{PipelineMinAge.Key: "第六条", PipelineActivist.Key: "第十五条",
		PipelineTrainingDays.Key: "第十九条", PipelineProbation.Key: "第三十一条", PipelineMaxExtension.Key: "第三十四条",
		PipelinePublicity.Key: "第二十一条", DuesSalariedBands.Key: "第一条）x", DuesRetiredBands.Key: "第二条",
		DuesFarmer.Key: "第三条", DuesMinimum.Key: "第三条", PipelineAssessment.Key: "第十三条"} {
		if r, _ := Lookup(key); strings.Contains(r.Source, wrong) {
			t.Errorf("%s still cites %s: %q", key, wrong, r.Source)
		}
	}
}

// Every local rule says where its figure comes from, and every note reads in Chinese.
func TestRuleNotesAreTranslated(t *testing.T) {
	for _, r := range All() {
		if r.Note != "" && !assets.Has(r.Note) {
			t.Errorf("%s: note %q is not in the catalog", r.Key, r.Note)
		}
	}
}
