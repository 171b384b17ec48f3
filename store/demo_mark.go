package store

import (
	"context"

	"zhibu/store/replica"
)

// demoKey is the local (never replicated) mark of a data file that holds made-up demo data.
const demoKey = "demo"

// MarkDemo marks this data file as holding demo data (store/demo does it in the fill's
// transaction), so that the window can say so and keep a real roster out of it.
func (tx *Tx) MarkDemo(ctx context.Context) error {
	return replica.SetMeta(ctx, tx.r, demoKey, "1")
}

// IsDemo reports whether this data file holds made-up demo data.
func (db *DB) IsDemo(ctx context.Context) (bool, error) {
	v, err := replica.GetMeta(ctx, db.sql, demoKey)
	return v == "1", err
}
