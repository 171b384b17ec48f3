package store

import "context"

// MembersFromTable is Members read from the table, not the roster in memory (to compare
// the two, and as the baseline of BenchmarkMemberSearch30k).
func (db *DB) MembersFromTable(ctx context.Context, f MemberFilter) ([]Member, error) {
	return db.membersFromTable(ctx, f)
}
