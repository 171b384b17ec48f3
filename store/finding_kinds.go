package store

import "zhibu/assets"

// Finding kinds as the township groups them: a Chinese name and the area of the records
// where the finding is put right (meetings, dues, pipeline, sync, other).
type findingKind struct{ label, area string }

var findingKinds = map[string]findingKind{
	"meeting_missing":           {"Required meeting not held", AreaMeetings},
	"meeting_due":               {"Required meeting still to hold", AreaMeetings},
	"meeting_late":              {"Meeting entered late", AreaMeetings},
	"theme_day_off_day":         {"Theme day off its fixed day", AreaMeetings},
	"quorum_missing":            {"Meeting without a quorum", AreaMeetings},
	"attendance_low":            {"Low attendance", AreaMeetings},
	"appraisal_excellent_share": {"Too many rated excellent", AreaMeetings},
	"dues_overdue":              {"Dues unpaid", AreaDues},
	"pipeline_due":              {"Candidate step due soon", AreaPipeline},
	"pipeline_overdue":          {"Candidate step overdue", AreaPipeline},
	"pipeline_too_early":        {"Candidate step too early", AreaPipeline},
	"pipeline_late":             {"Candidate step taken late", AreaPipeline},
	"orglife_absent":            {"Not taking part in organisational life", AreaMeetings},
	"probation_ending":          {"Probation ending", AreaPipeline},
	"extension_unapproved":      {"Probation extension awaiting approval", AreaPipeline},
	"publicity_running":         {"Publicity notice running", AreaPipeline},
	"decision_unpublished":      {"Decision not yet published", AreaNotices},
	"task_overdue":              {"Task-list item overdue", AreaOther},
	"sync_conflict":             {"Conflicting edits to review", AreaSync},
	"clock_skew":                {"PC clock wrong", AreaSync},
}

// Areas of the records a finding is put right in.
const (
	AreaMeetings = "meetings"
	AreaDues     = "dues"
	AreaPipeline = "pipeline"
	AreaNotices  = "notices"
	AreaSync     = "sync"
	AreaOther    = "other"
)

// FindingKindLabel names a kind of finding in Chinese ("" for a kind without a name).
func FindingKindLabel(kind string) string {
	if k, ok := findingKinds[kind]; ok {
		return assets.T(k.label)
	}
	return ""
}

// FindingArea is the area of the records where a kind of finding is put right.
func FindingArea(kind string) string {
	if k, ok := findingKinds[kind]; ok {
		return k.area
	}
	return AreaOther
}
