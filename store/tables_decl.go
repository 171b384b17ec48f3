package store

// tableDecls describes every replicated table (see tables.go), in the order the engine
// registers them. Labels are catalog keys; a column's limit is the one its validation checks.
var tableDecls = []TableDesc{
	{Name: "orgs", Label: "Organisation", Writer: ByBoth, Audience: Audience{Kind: AudienceAll},
		Naming: Naming{Main: []string{"name"}},
		Columns: []Column{text("code", "Organisation code"), text("name", "Organisation name"), text("kind", "Organisation kind"),
			text("parent_id", "Parent organisation").ref("orgs")}},
	{Name: "members", Label: "Member file", Writer: ByVillage, Audience: Audience{Kind: AudienceOwner},
		Naming: Naming{Main: []string{"name"}}, Columns: memberTableColumns(), Local: []string{"search_keys", "sort_key"},
		derive: deriveMember, deriveOn: []string{"name"}}, // the search keys and sort key come from the name only
	{Name: "settings", Label: "Setting", Writer: ByBoth, Audience: Audience{Kind: AudienceAll},
		Naming:  Naming{Main: []string{"key"}},
		Columns: []Column{text("key", "Setting name"), text("value", "Setting value")}},

	// 组织生活: meetings with their attendance, items and photos; the month's theme day.
	{Name: "meetings", Label: "Meeting record", Writer: ByVillage, Lock: "date", Audience: Audience{Kind: AudienceOwner},
		Naming: Naming{Main: []string{"topic"}, Detail: []string{"date", "kind"}},
		Columns: []Column{text("kind", "Kind of meeting").enum(MeetingKind), text("date", "Meeting date"), text("time", "Meeting time"),
			text("place", "meeting place").max(100), text("topic", "meeting topic").max(200),
			text("host_id", "meeting host").ref("members"), text("recorder_id", "meeting recorder").ref("members"),
			text("group_id", "Party group").ref("orgs"), text("theme_id", "Month's theme").ref("theme_days"),
			text("guests", "guests (non-members attending)").max(500), text("minutes", "meeting minutes").max(20000),
			text("resolutions", "meeting resolutions").max(5000)}},
	{Name: "meeting_attendance", Label: "Meeting attendance", Writer: ByVillage, Lock: "meeting_id",
		Audience: Audience{Kind: AudienceParent, Column: "meeting_id", Parent: "meetings"},
		Naming:   Naming{Main: []string{"member_id"}, Detail: []string{"meeting_id"}},
		Columns: []Column{text("meeting_id", "Meeting record").ref("meetings"), text("member_id", "Member").ref("members"),
			text("status", "Attendance").enum(Attendance), integer("voting", "Has a vote"), text("note", "How an absent member was reached")}},
	{Name: "meeting_items", Label: "Meeting item", Writer: ByVillage, Lock: "meeting_id",
		Audience: Audience{Kind: AudienceParent, Column: "meeting_id", Parent: "meetings"},
		Naming:   Naming{Main: []string{"title"}, Detail: []string{"meeting_id"}},
		Columns: []Column{text("meeting_id", "Meeting record").ref("meetings"), integer("ord", "Order"), text("kind", "Kind of item"),
			text("title", "Item"), text("done", "What was done")}},
	{Name: "meeting_photos", Label: "Meeting photo", Writer: ByVillage, Lock: "meeting_id",
		Audience: Audience{Kind: AudienceParent, Column: "meeting_id", Parent: "meetings"},
		Naming:   Naming{Main: []string{"name"}, Detail: []string{"meeting_id"}},
		Columns: []Column{text("meeting_id", "Meeting record").ref("meetings"), text("name", "File name"), blob("image", "Photo"),
			blob("thumb", "Thumbnail")}},
	{Name: "theme_days", Label: "Theme day programme", Writer: ByBoth, Audience: Audience{Kind: AudienceAll},
		Naming: Naming{Main: []string{"title"}, Detail: []string{"month"}},
		Columns: []Column{text("month", "Month"), text("title", "Theme"), text("set_items", "Set items (规定动作)"),
			text("note", "Note")}},
	{Name: "appraisals", Label: "Democratic appraisal", Writer: ByVillage, Audience: Audience{Kind: AudienceOwner},
		Naming: Naming{Main: []string{"member_id"}, Detail: []string{"year"}},
		Columns: []Column{text("year", "Year"), text("member_id", "Member").ref("members"), text("rating", "Rating").enum(Rating),
			text("note", "Note")}},
	{Name: "notices", Label: "Wall notice", Writer: ByVillage, Audience: Audience{Kind: AudienceOwner},
		Naming: Naming{Main: []string{"kind"}, Detail: []string{"period"}},
		Columns: []Column{text("kind", "Kind of notice"), text("period", "Period"), text("subject", "What the notice is about"),
			text("printed_at", "Printed at"), text("posted_at", "Posted on"), blob("photo", "Photo of the posted notice")}},
	{Name: "decisions", Label: "Village decisions (四议两公开)", Writer: ByVillage, Audience: Audience{Kind: AudienceOwner},
		Naming: Naming{Main: []string{"title"}},
		Columns: []Column{text("title", "The matter to be decided"), text("content", "Matter and plan"),
			text("proposed_on", "Proposed by the Party branch on"), text("discussed_on", "Discussed by the two committees on"),
			text("reviewed_on", "Reviewed by the Party members' meeting on"), text("resolved_on", "Resolved by the villagers on"),
			text("resolution_body", "Resolving meeting"), integer("votes_due", "Due to attend"), integer("votes_present", "Present"),
			integer("votes_for", "Votes for"), text("published_on", "Resolution published on"), text("result", "Result"),
			text("result_published_on", "Result published on"), integer("merged", "First two steps held together"),
			integer("review_due", "Members due at the Party members' review"), integer("review_present", "Members present at the review"),
			integer("review_for", "Members in favour at the review"), text("township_reviewed_on", "Reviewed by the township on"),
			text("resolution_basis", "Quorum counted over")}},

	// 党费
	{Name: "dues_profiles", Label: "Dues basis", Writer: ByVillage, Audience: Audience{Kind: AudienceOwner},
		IDRef: "members", Naming: Naming{Main: []string{"id"}},
		Columns: []Column{text("kind", "Dues kind").enum(DuesKind), integer("income", "Monthly income (fen)"),
			integer("basic_pension", "Basic pension (fen)"), integer("fixed", "Amount set by the branch (fen)"), text("note", "Note"),
			text("paid_to", "Paid up to"), text("exempt_decided_on", "Reduction or exemption decided by the branch on"),
			text("exempt_approved_by", "Reduction or exemption approved by"), text("exempt_approved_on", "Reduction or exemption approved on")}},
	{Name: "dues_payments", Label: "Dues payment", Writer: ByVillage, Lock: "month", Audience: Audience{Kind: AudienceOwner},
		Naming: Naming{Main: []string{"member_id"}, Detail: []string{"month"}},
		Columns: []Column{text("member_id", "Member").ref("members"), text("month", "Month"), integer("amount", "Amount (fen)"),
			text("paid_date", "Paid on"), text("note", "Note"), text("paid_elsewhere", "Paid at the Party organisation of")}},
	{Name: "dues_uses", Label: "Use of dues", Writer: ByVillage, Audience: Audience{Kind: AudienceOwner},
		Naming:  Naming{Main: []string{"purpose"}, Detail: []string{"date"}},
		Columns: []Column{text("date", "Date"), integer("amount", "Amount (fen)"), text("purpose", "Purpose"), text("note", "Note")}},

	// 发展党员
	{Name: "candidates", Label: "Candidate for membership", Writer: ByVillage, Audience: Audience{Kind: AudienceOwner},
		Naming: Naming{Main: []string{"name"}},
		Columns: []Column{text("name", "Name"), text("gender", "Gender").enum(Gender), text("birth_date", "Birth date"),
			text("id_number", "ID number").personal(), text("phone", "Phone").personal(), text("state", "Candidate state"),
			integer("extension", "Probation extended (months)"), text("member_id", "Member file").ref("members"), text("notes", "Notes"),
			text("extension_decided_on", "Extension decided by the branch meeting on"), text("extension_approved_on", "Extension approved by the higher committee on")}},
	{Name: "candidate_steps", Label: "Step of the membership procedure", Writer: ByVillage,
		Audience: Audience{Kind: AudienceParent, Column: "candidate_id", Parent: "candidates"},
		Naming:   Naming{Main: []string{"candidate_id"}, Detail: []string{"step", "date"}},
		Columns: []Column{text("candidate_id", "Candidate for membership").ref("candidates"), integer("step", "Step"), text("date", "Date"),
			text("note", "Note"), text("by_person", "Done by"), text("people", "Contacts or introducers"), integer("hours", "Class hours"),
			integer("days", "Training days"), integer("votes_for", "Votes for"), integer("voters", "Full members entitled to vote"),
			integer("present", "Present")}},

	{Name: "calendar_days", Label: "Working-day calendar", Writer: ByTownship, Area: areaCalendar, Audience: Audience{Kind: AudienceAll},
		Naming:  Naming{Main: []string{"date"}, Detail: []string{"name"}},
		Columns: []Column{text("date", "Date"), text("kind", "Kind of day"), text("name", "Holiday name")}},
	{Name: "points_entries", Label: "Points entry", Writer: ByVillage, Audience: Audience{Kind: AudienceOwner},
		Naming: Naming{Main: []string{"member_id"}, Detail: []string{"date", "kind"}},
		Columns: []Column{text("member_id", "Member").ref("members"), text("date", "Date"), text("kind", "Kind of points").enum(PointsKind),
			integer("points", "Points"), text("reason", "Reason")}},
	// A transfer's out and in records stay with their branch; the township's forward record
	// goes to the receiving village.
	{Name: "transfers", Label: "Transfer of membership", Writer: ByBoth, Audience: Audience{Kind: AudienceVillage, Column: "to_org_id"},
		Naming: Naming{Main: []string{"name"}, Detail: []string{"date"}},
		Columns: []Column{text("kind", "Kind of transfer record"), text("ref_id", "Transfer record").ref("transfers"),
			text("member_id", "Member").ref("members"), text("new_member_id", "New member file").ref("members"),
			text("from_org_id", "From branch").ref("orgs"), text("to_org_id", "To branch").ref("orgs"), text("place", "Other side"),
			text("date", "Date"), text("name", "Name"), text("id_number", "ID number").personal(), text("snapshot", "Member file sent"),
			text("note", "Note")}},

	// 党员的角色: commitments, posts, households, contacts, service.
	{Name: "member_commitments", Label: "Commitment", Writer: ByVillage, Audience: Audience{Kind: AudienceOwner},
		Naming: Naming{Main: []string{"member_id"}, Detail: []string{"year"}},
		Columns: []Column{text("member_id", "Member").ref("members"), integer("year", "Year"), text("content", "Commitment"),
			text("made_date", "Made on"), text("done_date", "Fulfilled on"), text("evidence", "Evidence")}},
	{Name: "member_duties", Label: "Post of a member", Writer: ByVillage, Audience: Audience{Kind: AudienceOwner},
		Naming: Naming{Main: []string{"member_id"}, Detail: []string{"name"}},
		Columns: []Column{text("member_id", "Member").ref("members"), text("kind", "Kind of post").enum(DutyKind), text("name", "Post"),
			text("duties", "Duties"), text("from_date", "From"), text("to_date", "To")}},
	{Name: "member_households", Label: "Household in contact", Writer: ByVillage, Audience: Audience{Kind: AudienceOwner},
		Naming: Naming{Main: []string{"name"}, Detail: []string{"member_id"}},
		Columns: []Column{text("member_id", "Member").ref("members"), text("name", "Head of household"), text("address", "Address"),
			text("needs", "Needs and wishes"), integer("paired", "Paired for help"), text("from_date", "From")}},
	{Name: "member_contacts", Label: "Contact record", Writer: ByVillage, Audience: Audience{Kind: AudienceOwner},
		Naming: Naming{Main: []string{"member_id"}, Detail: []string{"date", "kind"}},
		Columns: []Column{text("member_id", "Member").ref("members"), text("kind", "Kind of contact").enum(ContactKind),
			text("household_id", "Household in contact").ref("member_households"), text("date", "Date"),
			text("how", "Contact method").enum(ContactHow), text("done", "What was done"), text("by_person", "Done by")}},
	{Name: "member_services", Label: "Volunteer service", Writer: ByVillage, Audience: Audience{Kind: AudienceOwner},
		Naming: Naming{Main: []string{"member_id"}, Detail: []string{"date", "activity"}},
		Columns: []Column{text("member_id", "Member").ref("members"), text("date", "Date"), text("activity", "Activity"),
			integer("tenths", "Hours × 10")}},

	// The township's records about its villages.
	{Name: "period_approvals", Label: "Month approval", Writer: ByTownship, Audience: Audience{Kind: AudienceVillage, Column: "village_id"},
		Naming: Naming{Main: []string{"village_id"}, Detail: []string{"month"}},
		Columns: []Column{text("village_id", "Village").ref("orgs"), text("month", "Month"), text("state", "Approval state"),
			text("approved_at", "Approved at"), text("approved_by", "Approved by"), text("unlocked_at", "Unlocked at"),
			text("unlocked_by", "Unlocked by"), text("reason", "Reason for unlocking")}},
	{Name: "announcements", Label: "Announcement", Writer: ByTownship, Audience: Audience{Kind: AudienceVillages, Column: "villages"},
		Naming: Naming{Main: []string{"title"}},
		Columns: []Column{text("title", "Title").max(100), text("body", "Text"), text("villages", "Addressed to"),
			text("sent_at", "Sent at")}},
	{Name: "announcement_files", Label: "Announcement attachment", Writer: ByTownship,
		Audience: Audience{Kind: AudienceParent, Column: "announcement_id", Parent: "announcements"},
		Naming:   Naming{Main: []string{"name"}, Detail: []string{"announcement_id"}},
		Columns:  []Column{text("announcement_id", "Announcement").ref("announcements"), text("name", "File name"), blob("data", "File")}},
	// A village adds items of its own to its task list and reports progress on the township's.
	{Name: "tasks", Label: "Task list item", Writer: ByBoth, Audience: Audience{Kind: AudienceVillage, Column: "village_id"},
		Naming: Naming{Main: []string{"title"}, Detail: []string{"village_id"}},
		Columns: []Column{text("village_id", "Village").ref("orgs"), text("kind", "Kind of item"), text("title", "Title").max(100),
			text("detail", "Details"), text("owner", "Responsible person"), text("source", "Source"), text("due", "Due"),
			text("created_at", "Created at"), text("review", "Review"), text("review_of", "Report reviewed").ref("task_events"),
			text("reviewed_at", "Reviewed at"), text("reviewed_by", "Reviewed by"), text("reason", "Reason for returning"),
			text("evidence", "Evidence required").max(MaxEvidenceRunes), text("visit_id", "Supervision visit").ref("visits")}},
	{Name: "task_events", Label: "Task progress", Writer: ByBoth, Audience: Audience{Kind: AudienceParent, Column: "task_id", Parent: "tasks"},
		Naming: Naming{Main: []string{"task_id"}, Detail: []string{"day"}},
		Columns: []Column{text("task_id", "Task list item").ref("tasks"), text("kind", "Kind of report"), text("day", "Date"),
			text("note", "Note"), text("at", "Recorded at"), text("by_user", "Recorded by"), text("photo_name", "File name"),
			blob("photo", "Photo")}},

	// 星级评定 and 述职评议.
	{Name: "star_schemes", Label: "Star rating scheme", Writer: ByTownship, Area: areaAssessment, Audience: Audience{Kind: AudienceAll},
		Naming: Naming{Main: []string{"year"}},
		Columns: []Column{integer("year", "Year"), text("variant", "Scheme variant"), text("stars", "Stars"), text("grades", "Grades"),
			text("set_at", "Set at")}},
	{Name: "star_declarations", Label: "Star declaration", Writer: ByVillage, Audience: Audience{Kind: AudienceOwner},
		Naming: Naming{Main: []string{"year"}},
		Columns: []Column{integer("year", "Year"), text("targets", "Stars aimed for"), text("declared_at", "Declared at"),
			text("self_stars", "Stars judged earned"), text("self_note", "Self-assessment"), text("self_at", "Self-assessed at")}},
	{Name: "star_assessments", Label: "Star assessment", Writer: ByTownship, Area: areaAssessment,
		Audience: Audience{Kind: AudienceVillage, Column: "village_id"},
		Naming:   Naming{Main: []string{"village_id"}, Detail: []string{"year"}},
		Columns: []Column{text("village_id", "Village").ref("orgs"), integer("year", "Year"), text("awarded", "Stars awarded"),
			text("note", "Note"), text("assessed_at", "Assessed at"), text("assessed_by", "Assessed by"), text("plaque_on", "Plaque awarded on")}},
	{Name: "review_reports", Label: "Secretary's report", Writer: ByVillage, Audience: Audience{Kind: AudienceOwner},
		Naming: Naming{Main: []string{"secretary"}, Detail: []string{"year"}},
		Columns: []Column{integer("year", "Year"), text("secretary", "Secretary"), text("report", "Report").max(MaxReportRunes),
			text("submitted_at", "Submitted at")}},
	{Name: "review_ratings", Label: "Rating of the secretary's report", Writer: ByTownship, Area: areaAssessment,
		Audience: Audience{Kind: AudienceVillage, Column: "village_id"},
		Naming:   Naming{Main: []string{"village_id"}, Detail: []string{"year"}},
		Columns: []Column{text("village_id", "Village").ref("orgs"), integer("year", "Year"), text("rating", "Rating"),
			text("comments", "Comments"), text("tasks", "Tasks set"), text("rated_at", "Rated at"), text("rated_by", "Rated by")}},
	// 一张表: an upper level's form the township fills from the records (form.go).
	{Name: "form_templates", Label: "Form template", Writer: ByTownship, Audience: Audience{Kind: AudienceAll},
		Naming: Naming{Main: []string{"name"}},
		Columns: []Column{text("name", "Form name").max(MaxFormNameRunes), text("file_name", "File name"), blob("data", "Workbook"),
			text("mapping", "Placement of the figures"), text("created_at", "Created at"), text("created_by", "Created by")}},
	{Name: "visits", Label: "Supervision visit", Writer: ByTownship, Audience: Audience{Kind: AudienceVillage, Column: "village_id"},
		Naming: Naming{Main: []string{"village_id"}, Detail: []string{"day"}},
		Columns: []Column{text("village_id", "Village").ref("orgs"), text("day", "Date"), text("visitors", "Visitors").max(MaxVisitorsRunes),
			text("checked", "What was checked").max(MaxVisitRunes), text("summary", "Summary").max(MaxVisitRunes),
			text("created_at", "Created at"), text("created_by", "Created by")}},
	// 通知 read by a village (announcement_read.go): the village's own row, so it reaches the township.
	{Name: "announcement_reads", Label: "Announcement read", Writer: ByVillage, Audience: Audience{Kind: AudienceOwner},
		Naming:  Naming{Main: []string{"announcement_id"}, Detail: []string{"read_at"}},
		Columns: []Column{text("announcement_id", "Announcement").ref("announcements"), text("read_at", "Read at"), text("read_by", "Read by")}},
	// Member stars (农牧民党员 星级管理) and 党员中心户 (memberstars.go).
	{Name: "member_star_schemes", Label: "Member star scheme", Writer: ByTownship, Area: areaAssessment, Audience: Audience{Kind: AudienceAll},
		Naming: Naming{Main: []string{"category"}, Detail: []string{"year"}},
		Columns: []Column{integer("year", "Year"), text("category", "Member category").enum(StarCategory), text("variant", "Scheme variant"),
			text("stars", "Stars"), text("grades", "Grades"), text("set_at", "Set at")}},
	{Name: "member_stars", Label: "Member's stars of the year", Writer: ByVillage, Audience: Audience{Kind: AudienceOwner},
		Naming: Naming{Main: []string{"member_id"}, Detail: []string{"year"}},
		Columns: []Column{text("member_id", "Member").ref("members"), integer("year", "Year"), text("category", "Member category").enum(StarCategory),
			text("targets", "Stars aimed for"), text("declared_at", "Declared at"), text("judged", "Stars judged earned"),
			text("note", "Note").max(MaxMemberStarNoteRunes), text("assessed_at", "Assessed at"), text("assessed_by", "Assessed by")}},
	{Name: "member_star_reviews", Label: "Township review of member stars", Writer: ByTownship, Area: areaAssessment,
		Audience: Audience{Kind: AudienceVillage, Column: "village_id"},
		Naming:   Naming{Main: []string{"village_id"}, Detail: []string{"year"}},
		Columns: []Column{text("village_id", "Village").ref("orgs"), integer("year", "Year"), text("state", "Review state"),
			text("note", "Note").max(MaxMemberStarNoteRunes), text("reviewed_at", "Reviewed at"), text("reviewed_by", "Reviewed by"),
			text("plaque_on", "Plaque awarded on")}},
	// Branch work (issue 24 items 2-4): the development plan, trainings, 整顿 (devplan.go …).
	{Name: "dev_plans", Label: "Development plan", Writer: ByTownship, Area: areaBranchwork,
		Audience: Audience{Kind: AudienceVillage, Column: "target_id"},
		Naming:   Naming{Main: []string{"target_id"}, Detail: []string{"year"}},
		Columns: []Column{text("target_id", "Organisation the plan is for").ref("orgs"), integer("year", "Year"),
			integer("quota", "Members to admit"), text("note", "Note").max(200), text("set_at", "Set at"), text("set_by", "Set by")}},
	{Name: "trainings", Label: "Training", Writer: ByVillage, Lock: "date", Audience: Audience{Kind: AudienceOwner},
		Naming: Naming{Main: []string{"title"}, Detail: []string{"date"}},
		Columns: []Column{text("title", "Title").max(100), text("date", "Date"), integer("tenths", "Class hours × 10"),
			text("kind", "Kind of training"), text("organiser", "Organiser"), text("meeting_id", "Meeting record").ref("meetings"),
			text("note", "Note")}},
	{Name: "training_attendance", Label: "Training attendance", Writer: ByVillage, Lock: "training_id",
		Audience: Audience{Kind: AudienceParent, Column: "training_id", Parent: "trainings"},
		Naming:   Naming{Main: []string{"member_id"}, Detail: []string{"training_id"}},
		Columns:  []Column{text("training_id", "Training").ref("trainings"), text("member_id", "Member").ref("members")}},
	{Name: "rectifications", Label: "Rectification of a weak branch", Writer: ByTownship, Area: areaBranchwork,
		Audience: Audience{Kind: AudienceVillage, Column: "village_id"},
		Naming:   Naming{Main: []string{"village_id"}, Detail: []string{"year"}},
		Columns: []Column{text("village_id", "Village").ref("orgs"), integer("year", "Year"), text("reasons", "Reasons"),
			text("reason_text", "Reasons in words").max(500), text("leader", "Leader in charge (包联)").max(50),
			text("plan", "Rectification plan").max(2000), text("tasks", "Items of the plan"), text("closed_on", "Closed on"),
			text("review", "Review at closing").max(2000), text("created_at", "Created at"), text("created_by", "Created by")}},
	{Name: "rectification_events", Label: "Rectification visit or progress", Writer: ByTownship, Area: areaBranchwork,
		Audience: Audience{Kind: AudienceParent, Column: "rectification_id", Parent: "rectifications"},
		Naming:   Naming{Main: []string{"kind"}, Detail: []string{"day"}},
		Columns: []Column{text("rectification_id", "Rectification of a weak branch").ref("rectifications"), text("kind", "Kind of visit"),
			text("day", "Date"), text("by_person", "Done by"), text("note", "Note").max(2000)}},
}

// memberTableColumns are the members columns, from the member file's fields (memberfields.go)
// and the photo.
func memberTableColumns() []Column {
	out := make([]Column, 0, len(memberFields)+1)
	for _, f := range memberFields {
		c := Column{Name: f.column(), Type: ColText, Label: f.Label, Enum: f.Enum, Personal: f.Personal}
		switch f.Name {
		case "name":
			c.Max = maxNameRunes
		case "notes":
			c.Max = maxNotesRunes
		}
		if f.Kind == GroupField {
			c.Ref = "orgs"
		}
		out = append(out, c)
	}
	return append(out, blob("photo", "Photo"))
}

func text(name, label string) Column    { return Column{Name: name, Type: ColText, Label: label} }
func integer(name, label string) Column { return Column{Name: name, Type: ColInt, Label: label} }
func blob(name, label string) Column    { return Column{Name: name, Type: ColBlob, Label: label} }

func (c Column) max(n int) Column        { c.Max = n; return c }
func (c Column) ref(table string) Column { c.Ref = table; return c }
func (c Column) enum(e *enum) Column     { c.Enum = e; return c }
func (c Column) personal() Column        { c.Personal = true; return c }
