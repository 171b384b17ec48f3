package store

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"zhibu/assets"
	"zhibu/store/replica"
)

// Every replicated table is described once, in tableDecls (tables_decl.go): its columns with
// their types, labels and limits, who may write it, whether a month lock covers it, to whom
// its rows go and how a person names one of its records. The engine's registration, the
// column lists of SELECT and writes where they are generic, the labels of conflicts and
// history, the month lock's tables and the sync policy's tables by writer are derived from
// it; TestTablesMatchSchema holds it against the SQL schema. Adding a field to a table is a
// migration, a column here and its catalog label.

// ColumnType is a column's declared SQL type.
type ColumnType string

// The column types replicated tables use.
const (
	ColText ColumnType = "TEXT"
	ColInt  ColumnType = "INTEGER"
	ColBlob ColumnType = "BLOB"
)

// Column describes one replicated column.
type Column struct {
	Name     string
	Type     ColumnType
	Label    string // catalog key of the Chinese label
	Max      int    // at most this many characters (0: no limit of its own)
	Ref      string // the table whose row this column holds the ID of ("" for none)
	Enum     *enum  // a closed list of values, shown by label
	Personal bool   // personal information: masked unless the user may see it
}

// Writer says which organisations may write a table's rows: a branch its own records (a
// village, or the township for its own), the township its records about villages, or both.
type Writer int

// The writers.
const (
	ByVillage  Writer = 1 << iota // the branch that owns the row
	ByTownship                    // only a township (a village's change is refused)
	ByBoth     = ByVillage | ByTownship
)

// AudienceKind says how a row's audience is found.
type AudienceKind int

// The audience rules. Whatever the rule, a row goes to its owner and to the organisations
// above it (the township, the county); the rule says which villages receive it besides.
const (
	AudienceOwner    AudienceKind = iota // no other village
	AudienceVillage                      // the village whose ID is in Column
	AudienceVillages                     // the villages listed in Column (comma-separated; "" for every village)
	AudienceAll                          // every village under the owner
	AudienceParent                       // the audience of the row of Parent whose ID is in Column
)

// Audience is a table's audience rule.
type Audience struct {
	Kind   AudienceKind
	Column string // the village column, the list column or the parent reference
	Parent string // AudienceParent: the parent's table
}

// Naming says how a person names one record: the Main columns' values, then in full-width
// brackets the Detail columns' values or, without Detail, the table's label:
// 「修建村道（四议两公开）」, 「学习党章（2026-03-05 支部党员大会）」. An enum column shows its label,
// a reference column the Main name of the row it points at.
type Naming struct {
	Main   []string
	Detail []string
}

// TableDesc describes one replicated table.
type TableDesc struct {
	Name    string
	Label   string   // catalog key: what one record is called (四议两公开, 会议记录)
	Columns []Column // the replicated columns besides id, org_id and deleted, in log order
	Writer  Writer
	// Lock is the column whose month a township's month lock (period approval) covers: a
	// date or YYYY-MM column, or the reference to the parent whose date it is; "" when no
	// lock covers the table.
	Lock     string
	Audience Audience
	Naming   Naming
	// Area groups the township's tables a village may not write by the sentence its refusal
	// reads (see townshipTables and assessmentTables in syncpolicy.go).
	Area string
	// Local are the table's columns that never travel: this PC derives them (a member's
	// search keys).
	Local []string
	// IDRef names the table whose row shares this row's ID (a member's dues profile has the
	// member's ID), so that Naming may name the record by "id".
	IDRef string
	// derive recomputes a row's local columns (see replica.Table.Derive), after a change of
	// one of deriveOn if that is set.
	derive   func(ctx context.Context, tx *replica.Tx, id string) error
	deriveOn []string
}

// The areas of township-only tables whose refusal a village reads in its own words.
const (
	areaCalendar   = "calendar"
	areaAssessment = "assessment"
	areaBranchwork = "branchwork" // the township's plans and 整顿 records about its villages
)

// tableIndex finds a descriptor by table name.
var tableIndex = func() map[string]*TableDesc {
	m := make(map[string]*TableDesc, len(tableDecls))
	for i := range tableDecls {
		m[tableDecls[i].Name] = &tableDecls[i]
	}
	return m
}()

// Tables lists the descriptors of the replicated tables, sorted by name.
func Tables() []TableDesc {
	out := append([]TableDesc(nil), tableDecls...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// TableNamed returns the descriptor of a replicated table.
func TableNamed(name string) (TableDesc, bool) {
	t, ok := tableIndex[name]
	if !ok {
		return TableDesc{}, false
	}
	return *t, true
}

// mustTable is the descriptor of a table this package declares.
func mustTable(name string) *TableDesc {
	t, ok := tableIndex[name]
	if !ok {
		panic("store: no descriptor for table " + name) // a typo in this package, caught by every test
	}
	return t
}

// Fields lists the replicated columns besides id, org_id and deleted, in log order.
func (t TableDesc) Fields() []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Name
	}
	return out
}

// Column returns the named column.
func (t TableDesc) Column(name string) (Column, bool) {
	for _, c := range t.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}

// Title is what one record of the table is called, in Chinese.
func (t TableDesc) Title() string { return assets.T(t.Label) }

// selectList is the comma-separated column list id, org_id, then the fields, for a SELECT.
func (t TableDesc) selectList() string {
	return "id, org_id, " + strings.Join(t.Fields(), ", ")
}

// replicaTable is the engine's registration of the table.
func (t TableDesc) replicaTable() replica.Table {
	return replica.Table{Name: t.Name, Fields: t.Fields(), Derive: t.derive, DeriveOn: t.deriveOn, Audience: t.audienceSQL(t.Name)}
}

// audienceSQL is the table's audience rule as the engine takes it (replica.Table.Audience):
// an SQL expression over the row, named self, giving the organisations it concerns, or ""
// when the row goes to everyone who receives its owner's rows.
func (t TableDesc) audienceSQL(self string) string {
	switch t.Audience.Kind {
	case AudienceVillage, AudienceVillages:
		return self + "." + t.Audience.Column
	case AudienceParent:
		p, ok := tableIndex[t.Audience.Parent]
		if !ok {
			return ""
		}
		alias := "a_" + p.Name
		inner := p.audienceSQL(alias)
		if inner == "" {
			return ""
		}
		return "(SELECT " + inner + " FROM " + p.Name + " " + alias + " WHERE " + alias + ".id=" + self + "." + t.Audience.Column + ")"
	}
	return ""
}

// replicaTables are the replicated tables as the engine registers them, derived from
// tableDecls when a database is opened.
func replicaTables() []replica.Table {
	out := make([]replica.Table, len(tableDecls))
	for i, t := range tableDecls {
		out[i] = t.replicaTable()
	}
	return out
}

// tablesWhere returns the set of tables whose descriptor satisfies keep.
func tablesWhere(keep func(t *TableDesc) bool) map[string]bool {
	out := map[string]bool{}
	for i := range tableDecls {
		if keep(&tableDecls[i]) {
			out[tableDecls[i].Name] = true
		}
	}
	return out
}

// ColumnLabel is the Chinese label of a table's column, for conflicts and history: "deleted"
// reads 是否删除, a column no descriptor names reads as its name.
func ColumnLabel(tbl, column string) string {
	if column == "deleted" {
		return assets.T("deleted or not")
	}
	if t, ok := tableIndex[tbl]; ok {
		if c, ok := t.Column(column); ok {
			return assets.T(c.Label)
		}
	}
	return FieldLabel(column)
}

// personalColumn reports whether a table's column holds personal information.
func personalColumn(tbl, column string) bool {
	if t, ok := tableIndex[tbl]; ok {
		c, ok := t.Column(column)
		return ok && c.Personal
	}
	return personalField(column)
}

// maxRunes is a column's length limit (0: none).
func maxRunes(tbl, column string) int {
	c, _ := mustTable(tbl).Column(column)
	return c.Max
}

// RecordName names a record to a person, from its table's Naming: 「修建村道（四议两公开）」.
// A record this PC does not hold (deleted since, or never received) reads as 「一条记录（四议两公开）」.
func (db *DB) RecordName(ctx context.Context, tbl, id string) string {
	t, ok := tableIndex[tbl]
	if !ok {
		return assets.T("A record")
	}
	name := db.recordMain(ctx, t, id, 2)
	if name == "" {
		return assets.T("A record") + "（" + t.Title() + "）"
	}
	if len(t.Naming.Detail) == 0 {
		name += "（" + t.Title() + "）"
	}
	return name
}

// recordMain is the record's Main name with its Detail in brackets; depth bounds how far
// references are followed.
func (db *DB) recordMain(ctx context.Context, t *TableDesc, id string, depth int) string {
	cols := append(append([]string(nil), t.Naming.Main...), t.Naming.Detail...)
	if len(cols) == 0 {
		return ""
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := db.sql.QueryRowContext(ctx, "SELECT "+strings.Join(cols, ", ")+" FROM "+t.Name+" WHERE id=?", id).Scan(ptrs...); err != nil {
		return ""
	}
	show := func(i int) string {
		v := showColumn(vals[i])
		c, _ := t.Column(cols[i])
		if cols[i] == "id" {
			c = Column{Name: "id", Ref: t.IDRef}
		}
		switch {
		case v == "":
		case c.Enum != nil:
			v = c.Enum.Label(v)
		case c.Ref != "" && depth > 0:
			if r, ok := tableIndex[c.Ref]; ok {
				v = db.recordShort(ctx, r, v, depth-1)
			}
		case c.Personal && !db.maySeePersonal(ctx):
			v = maskValue(c.Name, v).(string)
		}
		return v
	}
	var main, detail []string
	for i := range cols {
		if v := show(i); v != "" {
			if i < len(t.Naming.Main) {
				main = append(main, v)
			} else {
				detail = append(detail, v)
			}
		}
	}
	s := strings.Join(main, " ")
	if len(detail) > 0 {
		s += "（" + strings.Join(detail, " ") + "）"
	}
	return s
}

// recordShort is a referenced record's Main name only (no brackets within brackets).
func (db *DB) recordShort(ctx context.Context, t *TableDesc, id string, depth int) string {
	short := *t
	short.Naming.Detail = nil
	return db.recordMain(ctx, &short, id, depth)
}

// showColumn is a stored value as text ("" for NULL and blobs).
func showColumn(v any) string {
	switch x := v.(type) {
	case nil, []byte:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	}
	return ""
}

// joinLabel joins a record's name and a field's label with a middle dot; after a full-width
// closing bracket the dot needs no space before it: 「修建村道（四议两公开）· 决策事项」.
func joinLabel(name, label string) string {
	if strings.HasSuffix(name, "）") || strings.HasSuffix(name, "」") || strings.HasSuffix(name, "》") {
		return name + "· " + label
	}
	return name + " · " + label
}

// binding ties a table's columns to the Go values that hold them for one row: pointers to a
// struct's fields by column name, and for the text columns the struct has no field for (a
// field added by a migration and a descriptor, before any code uses it) a map kept in the
// struct. Reads (scan), writes (values) and checks (check) of such a row follow the
// descriptor, so the column list is written nowhere else.
type binding struct {
	t     *TableDesc
	id    *string
	bound map[string]any // column → *string, *int64, *int, *bool or *[]byte
	more  *map[string]string
	extra map[string]*string // unbound text columns being scanned
}

func bind(tbl string, id *string, bound map[string]any, more *map[string]string) *binding {
	return &binding{t: mustTable(tbl), id: id, bound: bound, more: more}
}

// targets are the Scan destinations of the descriptor's selectList.
func (b *binding) targets() []any {
	out := make([]any, 0, len(b.t.Columns)+2)
	org, ok := b.bound["org_id"]
	if !ok {
		org = new(string) // a struct that does not keep its owner
	}
	out = append(out, b.id, org)
	b.extra = map[string]*string{}
	for _, c := range b.t.Columns {
		if p, ok := b.bound[c.Name]; ok {
			out = append(out, p)
			continue
		}
		var holder any = new(any) // a column whose value this version does not keep
		if c.Type == ColText && b.more != nil {
			s := new(string)
			b.extra[c.Name], holder = s, s
		}
		out = append(out, holder)
	}
	return out
}

// scanned moves the unbound text columns just scanned into the struct's map.
func (b *binding) scanned() {
	for name, s := range b.extra {
		if *s == "" {
			continue
		}
		if *b.more == nil {
			*b.more = map[string]string{}
		}
		(*b.more)[name] = *s
	}
}

// scan reads one row selected with the descriptor's selectList.
func (b *binding) scan(s interface{ Scan(...any) error }) error {
	if err := s.Scan(b.targets()...); err != nil {
		return err
	}
	b.scanned()
	return nil
}

// values are the row's fields for the engine's Put: org_id, every bound column, and the
// unbound ones the struct's map holds.
func (b *binding) values() map[string]any {
	out := make(map[string]any, len(b.t.Columns)+1)
	for name, p := range b.bound {
		switch x := p.(type) {
		case *string:
			out[name] = *x
		case *int64:
			out[name] = *x
		case *int:
			out[name] = int64(*x)
		case *bool:
			out[name] = *x
		case *[]byte:
			out[name] = *x
		}
	}
	if b.more != nil {
		for name, v := range *b.more {
			if c, ok := b.t.Column(name); ok && c.Type == ColText {
				if _, bound := b.bound[name]; !bound {
					out[name] = v
				}
			}
		}
	}
	return out
}

// check trims every text column (but the skipped ones) and holds it to its limit, with the
// sentence a person reads.
func (b *binding) check(skip ...string) error {
	for _, c := range b.t.Columns {
		if c.Type != ColText || slices.Contains(skip, c.Name) {
			continue
		}
		var p *string
		if x, ok := b.bound[c.Name].(*string); ok {
			p = x
		} else if b.more != nil && *b.more != nil {
			if v, ok := (*b.more)[c.Name]; ok {
				v = strings.TrimSpace(v)
				(*b.more)[c.Name] = v
				p = &v
			}
		}
		if p == nil {
			continue
		}
		*p = strings.TrimSpace(*p)
		if n := utf8.RuneCountInString(*p); c.Max > 0 && n > c.Max {
			return assets.Wrap(ErrInvalid, "The %s is too long (%d characters; at most %d).", assets.T(c.Label), n, c.Max)
		}
	}
	return nil
}

// selectBound returns the rows of a table that match where (with args), each read through
// the binding bindOf gives a new row: the column list is the descriptor's.
func selectBound[T any](ctx context.Context, q replica.Querier, tbl string, bindOf func(*T) *binding, where string, args ...any) ([]T, error) {
	return replica.Collect(ctx, q, func(s replica.Scanner) (T, error) {
		var x T
		err := bindOf(&x).scan(s)
		return x, err
	}, "SELECT "+mustTable(tbl).selectList()+" FROM "+tbl+" WHERE "+where, args...)
}
