package store

import (
	"strings"

	"zhibu/assets"
	"zhibu/store/roster"
)

// FieldKind says how a member field is typed in, shown and checked.
type FieldKind int

// The kinds of member fields.
const (
	TextField  FieldKind = iota // one line of text
	LongText                    // several lines (notes)
	DateField                   // YYYY-MM-DD
	EnumField                   // one of Enum's values, stored as its slug
	GroupField                  // a party group of the member's organisation, stored as its ID
)

// MemberField describes one field of the member file (党员档案) once: its column, its label,
// how it is typed in and checked, whether it is personal data, the roster headers that name
// it and where the form shows it. The member file's columns, scanning, change log order, the
// roster import and export, the CLI options and the form are all derived from this list, so
// adding a field is a migration, an entry here and its catalog label.
type MemberField struct {
	Name     string    // canonical name: roster field, CLI option (with - for _), problem key
	Column   string    // the members column ("" for Name)
	Label    string    // catalog key of the Chinese label
	Hint     string    // catalog key of a short explanation for the CLI help ("" for none)
	Kind     FieldKind // how it is typed in
	Enum     *enum     // the values of an EnumField
	Optional bool      // an EnumField that may stay empty
	Personal bool      // personal information: masked in lists, on paper and for read-only users
	Headers  []string  // roster column headers; the first is the one exports write
	Flags    []string  // further CLI spellings of the option
	Right    bool      // shown in the form's right-hand column
	// Structured fields hold codes and short labels: roster cells lose every space and
	// full-width forms; other text keeps its punctuation.
	Structured bool
	// field points at the Member's struct field; nil for fields kept in Member.More.
	field func(m *Member) *string
}

// memberFields is the member file, in the order fields are logged, shown and exported.
// Roster headers are the file format secretaries write in Excel, not user-interface text.
var memberFields = []MemberField{
	{Name: "name", Label: "Name", Headers: []string{"姓名", "党员姓名", "名字"}, field: func(m *Member) *string { return &m.Name }},
	{Name: "gender", Label: "Gender", Kind: EnumField, Enum: Gender, Optional: true, Structured: true, Headers: []string{"性别"},
		field: func(m *Member) *string { return &m.Gender }},
	{Name: "ethnicity", Label: "Ethnicity", Structured: true, Headers: []string{"民族"}, field: func(m *Member) *string { return &m.Ethnicity }},
	{Name: "birth_date", Label: "Birth date", Kind: DateField, Flags: []string{"birth"},
		Headers: []string{"出生日期", "出生年月", "出生年月日", "出生时间", "生日"}, field: func(m *Member) *string { return &m.BirthDate }},
	{Name: "id_number", Label: "ID number", Personal: true, Structured: true,
		Headers: []string{"身份证号码", "身份证号", "公民身份号码", "公民身份证号码", "身份证件号码", "证件号码", "身份证"},
		field:   func(m *Member) *string { return &m.IDNumber }},
	{Name: "education", Label: "Education", Structured: true, Headers: []string{"学历", "文化程度", "最高学历"},
		field: func(m *Member) *string { return &m.Education }},
	{Name: "phone", Label: "Phone", Personal: true, Structured: true,
		Headers: []string{"联系电话", "手机", "手机号", "手机号码", "电话", "电话号码", "联系方式"}, field: func(m *Member) *string { return &m.Phone }},
	{Name: "address", Label: "Address", Headers: []string{"家庭住址", "住址", "地址", "家庭地址", "现居住地", "现住址", "居住地"},
		field: func(m *Member) *string { return &m.Address }},
	{Name: "joined_date", Label: "Joining date", Kind: DateField, Flags: []string{"joined"}, Right: true,
		Headers: []string{"入党时间", "入党日期", "入党年月", "加入党组织日期", "加入党组织时间"}, field: func(m *Member) *string { return &m.JoinedDate }},
	{Name: "confirmed_date", Label: "Full membership date", Kind: DateField, Flags: []string{"confirmed"}, Right: true,
		Headers: []string{"转正时间", "转正日期", "转为正式党员日期", "转正年月"}, field: func(m *Member) *string { return &m.ConfirmedDate }},
	{Name: "status", Label: "Member status", Hint: "full or probationary", Kind: EnumField, Enum: Status, Structured: true, Right: true,
		Headers: []string{"党员类型", "党员状态", "正式/预备", "正式或预备", "是否预备党员"}, field: func(m *Member) *string { return &m.Status }},
	{Name: "position", Label: "Position", Kind: EnumField, Enum: Position, Structured: true, Right: true,
		Headers: []string{"党内职务", "职务", "支部职务"}, field: func(m *Member) *string { return &m.Position }},
	{Name: "position_since", Label: "Position since (任职时间)", Hint: "the day the member took the current position, YYYY-MM-DD",
		Kind: DateField, Right: true, Headers: []string{"任职时间", "任职日期", "任现职时间", "任职年月"}},
	{Name: "group", Column: "group_id", Label: "Party group", Kind: GroupField,
		Headers: []string{"党小组", "所在党小组", "所属党小组", "党小组名称"}, field: func(m *Member) *string { return &m.GroupID }},
	{Name: "category", Label: "Member category", Hint: "working, no post, floating or elderly", Kind: EnumField, Enum: Category,
		Optional: true, Structured: true, Right: true, Headers: []string{"党员类别", "类别", "人员类别", "类型", "人员类型"},
		field: func(m *Member) *string { return &m.Category }},
	{Name: "center", Label: "Party member central household (党员中心户)", Hint: "yes, or empty for no", Kind: EnumField, Enum: YesNo,
		Optional: true, Structured: true, Right: true, Headers: []string{"党员中心户", "是否党员中心户"}},
	{Name: "state", Label: "Roll state", Kind: EnumField, Enum: State, Structured: true, Right: true,
		Headers: []string{"在册状态", "党籍状态", "组织关系状态"}, field: func(m *Member) *string { return &m.State }},
	{Name: "state_date", Label: "Roll state date", Kind: DateField, Right: true, Headers: []string{"在册状态日期", "状态日期", "状态变动日期"},
		field: func(m *Member) *string { return &m.StateDate }},
	{Name: "notes", Label: "Notes", Kind: LongText, Right: true, Headers: []string{"备注", "说明"}, field: func(m *Member) *string { return &m.Notes }},
}

// The member file's length limits (characters), checked by validate and described by the
// members table's descriptor.
const (
	maxNameRunes  = 20
	maxNotesRunes = 2000
)

// MemberFields lists the fields of the member file in display order.
func MemberFields() []MemberField { return memberFields }

// MemberFieldNamed returns the field with that canonical name.
func MemberFieldNamed(name string) (MemberField, bool) {
	for _, f := range memberFields {
		if f.Name == name {
			return f, true
		}
	}
	return MemberField{}, false
}

// column returns the field's members column.
func (f MemberField) column() string {
	if f.Column != "" {
		return f.Column
	}
	return f.Name
}

// Get returns the field's stored value in m (an enum's slug, a group's ID).
func (f MemberField) Get(m *Member) string {
	if f.field != nil {
		return *f.field(m)
	}
	return m.More[f.Name]
}

// set stores a value in m.
func (f MemberField) set(m *Member, v string) {
	if f.field != nil {
		*f.field(m) = v
		return
	}
	if m.More == nil {
		m.More = map[string]string{}
	}
	m.More[f.Name] = v
}

// Show returns the field's value in m as a person reads it: an enum's Chinese label, a
// group's name (from groups, ID → name), personal data masked unless full.
func (f MemberField) Show(m *Member, groups map[string]string, full bool) string {
	v := f.Get(m)
	switch {
	case f.Kind == EnumField:
		if v == "" {
			return ""
		}
		return f.Enum.Label(v)
	case f.Kind == GroupField:
		return groups[v]
	case f.Personal && !full:
		return maskValue(f.Name, v).(string)
	}
	return v
}

// Title is the field's Chinese label.
func (f MemberField) Title() string { return assets.T(f.Label) }

// Help is the field's label with its explanation, for the CLI.
func (f MemberField) Help() string {
	if f.Hint == "" {
		return f.Title()
	}
	return f.Title() + "（" + assets.T(f.Hint) + "）"
}

// Options returns the CLI options that set the field: its name with - for _, and the
// further spellings.
func (f MemberField) Options() []string {
	return append([]string{strings.ReplaceAll(f.Name, "_", "-")}, f.Flags...)
}

// memberColumns are the replicated columns of members, in log order.
func memberColumns() []string {
	cols := make([]string, 0, len(memberFields)+1)
	for _, f := range memberFields {
		cols = append(cols, f.column())
	}
	return append(cols, "photo")
}

// rosterFields tells the roster reader which columns it may meet.
func rosterFields() []roster.Field {
	out := make([]roster.Field, len(memberFields))
	for i, f := range memberFields {
		out[i] = roster.Field{Name: f.Name, Headers: f.Headers, Date: f.Kind == DateField, Structured: f.Structured}
	}
	return out
}

// FieldLabel is the Chinese label of a member field by its canonical name or column, or the
// name itself if no member field has it.
func FieldLabel(name string) string {
	for _, f := range memberFields {
		if f.Name == name || f.column() == name {
			return f.Title()
		}
	}
	return name
}
