package store

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"sync"

	"zhibu/store/replica"
)

// Search-as-you-type over the roster. The database keeps every member file (without its
// photo) in memory in roster order, with its search keys, so a keystroke filters a slice
// instead of scanning the table: 30,000 members in a few milliseconds where the table scan
// took over 100 (BenchmarkMemberSearch30k). The copy is reloaded when the change log has
// grown since it was read: every write of a member, typed here or merged from a bundle, is
// logged there in the same transaction. Results are those of the SQL listing (a
// transaction's view still uses it), which TestMemberSearchInMemoryMatchesSQL checks.

// memberQuery is a search box entry, classified once: digits (and a final X) match the tail
// of the ID number; Latin letters match the start of any pinyin key (initials or full
// pinyin, surname and common readings); anything else matches part of the name.
type memberQuery struct {
	kind   int // one of the queryX constants
	s      string
	needle string // what match looks for: " "+s for pinyin (a key's start), else s
}

const (
	queryNone = iota
	queryIDTail
	queryPinyin
	queryName
)

func parseMemberQuery(query string) memberQuery {
	s := strings.ToLower(strings.Join(strings.Fields(query), ""))
	if s == "" {
		return memberQuery{}
	}
	digits := strings.TrimRight(s, "x")
	if digits != "" && strings.Trim(digits, "0123456789") == "" {
		return memberQuery{queryIDTail, strings.ToUpper(s), strings.ToUpper(s)}
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return memberQuery{queryName, s, s}
		}
	}
	return memberQuery{queryPinyin, s, " " + s}
}

// sql is the query as a WHERE condition on the members table.
func (q memberQuery) sql() (string, []any) {
	escaped := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(q.s)
	switch q.kind {
	case queryIDTail:
		return `upper(id_number) LIKE ? ESCAPE '\'`, []any{"%" + escaped}
	case queryPinyin:
		return `search_keys LIKE ? ESCAPE '\'`, []any{"% " + escaped + "%"}
	case queryName:
		return `name LIKE ? ESCAPE '\'`, []any{"%" + escaped + "%"}
	}
	return "", nil
}

// match is sql's condition on a member in memory. SQLite's LIKE ignores the case of ASCII
// letters only, so the compared texts are folded the same way.
func (q memberQuery) match(c *cachedMember) bool {
	switch q.kind {
	case queryIDTail:
		return strings.HasSuffix(c.idNumber, q.needle)
	case queryPinyin:
		return c.starts&(1<<(q.s[0]-'a')) != 0 && strings.Contains(c.keys, q.needle)
	case queryName:
		return strings.Contains(c.name, q.needle)
	}
	return true
}

// asciiLower lower-cases ASCII letters only, as LIKE compares.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, s)
}

// cachedMember is one member file in memory, with the texts search compares.
type cachedMember struct {
	m        Member
	org      int32 // m.OrgID's number in the cache (comparing numbers, not IDs, per keystroke)
	sortKey  string
	onRoll   bool   // state '' or active
	keys     string // search_keys, ASCII-folded
	starts   uint32 // bit i: some key starts with the letter 'a'+i (a pinyin query's first test)
	name     string // the name, ASCII-folded
	idNumber string // the ID number upper-cased
}

// before is the roster order: ORDER BY sort_key, id (SQLite's BINARY collation compares
// bytes, as Go compares strings).
func (a *cachedMember) before(b *cachedMember) bool {
	if a.sortKey != b.sortKey {
		return a.sortKey < b.sortKey
	}
	return a.m.ID < b.m.ID
}

// memberCache is the roster in memory. Its mutex also serialises reloads; a reload makes a
// new slice, so a list being read is never changed under its reader.
type memberCache struct {
	mu   sync.Mutex
	seq  int64 // the change log's newest seq when loaded; -1: not loaded
	rows []*cachedMember
	orgs map[string]int32 // organisation ID → its number in cachedMember.org (only grows)
}

// numberOrgs gives the rows their organisation's number. Called with mu held.
func (c *memberCache) numberOrgs(rows []*cachedMember) {
	if c.orgs == nil {
		c.orgs = map[string]int32{}
	}
	for _, r := range rows {
		n, ok := c.orgs[r.m.OrgID]
		if !ok {
			n = int32(len(c.orgs))
			c.orgs[r.m.OrgID] = n
		}
		r.org = n
	}
}

// orgNumber is the organisation's number in the cache, or -1 if no member has it.
func (c *memberCache) orgNumber(id string) int32 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n, ok := c.orgs[id]; ok {
		return n
	}
	return -1
}

// reloadAll is how many changed members (or ten times as many new changes) make reading
// the whole roster again cheaper than reading the changed members.
const reloadAll = 2000

const cachedMemberCols = "deleted, sort_key, state, search_keys, "

func scanCachedMember(s replica.Scanner) (*cachedMember, error) {
	var cm cachedMember
	var deleted int64
	var state string
	m, err := scanMember(scanPrefix{s, []any{&deleted, &cm.sortKey, &state, &cm.keys}})
	if err != nil {
		return nil, err
	}
	if deleted != 0 {
		return nil, nil
	}
	cm.m, cm.onRoll, cm.keys = m, state == "" || state == "active", asciiLower(cm.keys)
	cm.name, cm.idNumber = asciiLower(m.Name), strings.ToUpper(m.IDNumber)
	for i := 0; i+1 < len(cm.keys); i++ {
		if l := cm.keys[i+1]; cm.keys[i] == ' ' && l >= 'a' && l <= 'z' {
			cm.starts |= 1 << (l - 'a')
		}
	}
	return &cm, nil
}

// current returns the roster, first reading again the members written since it was read
// (all of them the first time, or after many writes such as a roster import).
func (c *memberCache) current(ctx context.Context, db *DB) ([]*cachedMember, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var seq int64
	if err := db.sql.QueryRowContext(ctx, "SELECT coalesce(max(seq), 0) FROM crr_rows").Scan(&seq); err != nil {
		return nil, err
	}
	if seq == c.seq {
		return c.rows, nil
	}
	// Rows are read after the seq: a write committed in between is in them already, and
	// the next call, seeing a newer seq, reads its members again (harmless).
	var changed []string
	if c.seq >= 0 && seq-c.seq <= reloadAll*10 {
		// The rows changed since, by the engine's sequence index.
		ids, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (string, error) {
			var id string
			return id, s.Scan(&id)
		}, `SELECT r.row_id FROM crr_rows r WHERE r.seq > ? AND r.seq <= ?
			AND +r.tbl=(SELECT id FROM crr_names WHERE name='members')`, c.seq, seq)
		if err != nil {
			return nil, err
		}
		slices.Sort(ids)
		changed = slices.Compact(ids)
	}
	var rows []*cachedMember
	var err error
	if c.seq < 0 || seq-c.seq > reloadAll*10 || len(changed) > reloadAll {
		rows, err = c.readAll(ctx, db)
	} else {
		rows, err = c.readSome(ctx, db, changed)
	}
	if err != nil {
		return nil, err
	}
	c.rows, c.seq = rows, seq
	return rows, nil
}

// readAll reads the whole roster (sorted here: cheaper than ORDER BY on the table).
func (c *memberCache) readAll(ctx context.Context, db *DB) ([]*cachedMember, error) {
	all, err := replica.Collect(ctx, db.sql, scanCachedMember, "SELECT "+cachedMemberCols+memberColsNoPhoto+" FROM members WHERE deleted=0")
	if err != nil {
		return nil, err
	}
	c.numberOrgs(all)
	slices.SortFunc(all, func(a, b *cachedMember) int {
		if a.before(b) {
			return -1
		}
		if b.before(a) {
			return 1
		}
		return 0
	})
	return all, nil
}

// readSome reads the changed members again and merges them into a copy of the roster.
func (c *memberCache) readSome(ctx context.Context, db *DB, ids []string) ([]*cachedMember, error) {
	if len(ids) == 0 {
		return c.rows, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	fresh, err := replica.Collect(ctx, db.sql, scanCachedMember, "SELECT "+cachedMemberCols+memberColsNoPhoto+
		" FROM members WHERE id IN (SELECT value FROM json_each(?))", string(list))
	if err != nil {
		return nil, err
	}
	fresh = slices.DeleteFunc(fresh, func(m *cachedMember) bool { return m == nil }) // deleted
	c.numberOrgs(fresh)
	slices.SortFunc(fresh, func(a, b *cachedMember) int {
		if a.before(b) {
			return -1
		}
		return 1
	})
	gone := make(map[string]bool, len(ids))
	for _, id := range ids {
		gone[id] = true
	}
	out := make([]*cachedMember, 0, len(c.rows)+len(fresh))
	for _, r := range c.rows {
		if gone[r.m.ID] {
			continue
		}
		for len(fresh) > 0 && fresh[0].before(r) {
			out, fresh = append(out, fresh[0]), fresh[1:]
		}
		out = append(out, r)
	}
	return append(out, fresh...), nil
}

// scanPrefix scans extra leading columns into pre, the rest as the wrapped scan expects.
type scanPrefix struct {
	s   replica.Scanner
	pre []any
}

func (p scanPrefix) Scan(dest ...any) error { return p.s.Scan(append(p.pre, dest...)...) }

// list is Members on the roster in memory.
func (c *memberCache) list(ctx context.Context, db *DB, f MemberFilter) ([]Member, error) {
	rows, err := c.current(ctx, db)
	if err != nil {
		return nil, err
	}
	q := parseMemberQuery(f.Query)
	org := int32(-1)
	if f.OrgID != "" {
		if org = c.orgNumber(f.OrgID); org < 0 {
			return []Member{}, nil // nobody in that organisation
		}
	}
	// The matches first, then their copies in one allocation.
	var hits []*cachedMember
	for _, r := range rows {
		if (org >= 0 && r.org != org) || (!f.All && !r.onRoll) || (f.Category != "" && r.m.Category != f.Category) || !q.match(r) {
			continue
		}
		hits = append(hits, r)
		if f.Limit > 0 && len(hits) == f.Limit {
			break
		}
	}
	out := make([]Member, len(hits))
	for i, r := range hits {
		out[i] = r.m
		out[i].More = maps.Clone(r.m.More) // the caller's to change (masking does)
	}
	db.maskMembers(ctx, out)
	return out, nil
}
