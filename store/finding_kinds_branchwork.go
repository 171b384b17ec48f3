package store

// The finding kinds of issue 24's branch work, as the township groups them (finding_kinds.go):
// short names, so a village's findings on the overview stay narrow.
func init() {
	for k, f := range map[string]findingKind{
		"plan_progress":          {"Development plan progress", AreaPipeline},
		"plan_over":              {"Over the development plan", AreaPipeline},
		"plan_full":              {"Development plan filled", AreaPipeline},
		"training_short":         {"Members short of class hours", AreaOther},
		"training_short_cadre":   {"Committee short of class hours", AreaOther},
		"training_probation":     {"Probationary member not trained", AreaOther},
		"training_new_secretary": {"New secretary not yet trained", AreaOther},
		"rectification_open":     {"Under rectification as a weak branch", AreaOther},
	} {
		findingKinds[k] = f
	}
}
