package store

import "zhibu/store/replica"

// audiences names, for the tables whose rows a township writes about one village or a few,
// which organisations a row concerns (replica.Table.Audience): such a row reaches only
// those villages' PCs, never another village's (the township's and the county's PCs hold
// everything in their scope). Rows about every village (” here) go to all of them.
var audiences = map[string]string{
	"tasks":              "village_id",
	"visits":             "village_id",
	"period_approvals":   "village_id",
	"star_assessments":   "village_id",
	"review_ratings":     "village_id",
	"announcements":      "villages",
	"announcement_files": "(SELECT a.villages FROM announcements a WHERE a.id=announcement_files.announcement_id)",
	"task_events":        "(SELECT t.village_id FROM tasks t WHERE t.id=task_events.task_id)",
	"transfers":          "to_org_id",
}

// withAudiences returns the tables with their audience rules set.
func withAudiences(ts []replica.Table) []replica.Table {
	out := make([]replica.Table, len(ts))
	for i, t := range ts {
		if a, ok := audiences[t.Name]; ok && t.Audience == "" {
			t.Audience = a
		}
		out[i] = t
	}
	return out
}
