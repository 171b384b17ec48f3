package store

import (
	"context"

	"zhibu/store/replica"
)

// RowHistory returns the audit trail of one record, oldest first: who changed which field
// from what to what, and when. ID numbers and phones (the columns their table's descriptor
// marks personal) come back masked unless the user may see them; ColumnLabel names each
// field and RecordName the record.
func (db *DB) RowHistory(ctx context.Context, tbl, id string) ([]replica.Change, error) {
	cs, err := db.r.RowHistory(ctx, tbl, id)
	if err != nil || db.maySeePersonal(ctx) {
		return cs, err
	}
	for i, c := range cs {
		if personalColumn(tbl, c.Field) {
			cs[i].Old, cs[i].Value = maskValue(c.Field, c.Old), maskValue(c.Field, c.Value)
		}
	}
	return cs, nil
}

// Digest hashes the replicated content (see replica.DB.Digest); with orgCode, only the rows
// of that organisation.
func (db *DB) Digest(ctx context.Context, orgCode string) (string, error) {
	orgID := ""
	if orgCode != "" {
		o, err := db.OrgByCode(ctx, orgCode)
		if err != nil {
			return "", err
		}
		orgID = o.ID
	}
	return db.r.Digest(ctx, orgID)
}
