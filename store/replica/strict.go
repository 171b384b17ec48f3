package replica

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Every table is STRICT: a column stores exactly the type it declares (TEXT stays text, so a
// landline 08517654321 is never turned into the number 8517654321), and a column that may
// hold any type (conflict values, the change log's values) is declared ANY, which in a STRICT
// table keeps each value as it was written. The numbered migrations create some tables
// without STRICT (they predate it, and a new one may forget); migrate rebuilds those after
// the migrations, in the same transaction, so every database reaches the same typed schema
// whichever version created it.

// looseTables lists the tables of the main schema that are not STRICT.
func looseTables(ctx context.Context, q Querier) ([]string, error) {
	return Collect(ctx, q, func(s Scanner) (string, error) {
		var n string
		return n, s.Scan(&n)
	}, "SELECT name FROM pragma_table_list WHERE schema='main' AND type='table' AND strict=0 AND name NOT LIKE 'sqlite_%' ORDER BY name")
}

// makeStrict rebuilds a table as STRICT with the same columns, data, and indexes. Values a
// STRICT column would refuse (text in an INTEGER column, written by an older version) are
// cast to the column's type.
func makeStrict(ctx context.Context, tx *sql.Tx, name string) error {
	var create string
	if err := tx.QueryRowContext(ctx, "SELECT sql FROM sqlite_master WHERE type='table' AND name=?", name).Scan(&create); err != nil {
		return fmt.Errorf("strict %s: %w", name, err)
	}
	end := strings.LastIndex(create, ")")
	if end < 0 {
		return fmt.Errorf("strict %s: cannot read its definition", name)
	}
	opts := strings.TrimSpace(create[end+1:])
	if opts != "" {
		opts = ", " + opts
	}
	tmp := name + "__strict"
	head := create[:end+1]
	open := strings.Index(head, "(")
	if open < 0 {
		return fmt.Errorf("strict %s: cannot read its definition", name)
	}
	if _, err := tx.ExecContext(ctx, "CREATE TABLE "+tmp+" "+head[open:]+" STRICT"+opts); err != nil {
		return fmt.Errorf("strict %s: %w", name, err)
	}
	type column struct{ name, typ string }
	cols, err := Collect(ctx, tx, func(s Scanner) (column, error) {
		var c column
		return c, s.Scan(&c.name, &c.typ)
	}, "SELECT name, upper(type) FROM pragma_table_info(?) ORDER BY cid", name)
	if err != nil {
		return fmt.Errorf("strict %s: %w", name, err)
	}
	names := make([]string, len(cols))
	sel := make([]string, len(cols))
	for i, c := range cols {
		names[i] = `"` + c.name + `"`
		sel[i] = names[i]
		switch c.typ {
		case "INTEGER", "INT", "REAL", "TEXT":
			sel[i] = fmt.Sprintf("CASE WHEN %s IS NULL THEN NULL ELSE CAST(%s AS %s) END", names[i], names[i], c.typ)
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO "+tmp+"("+strings.Join(names, ",")+") SELECT "+strings.Join(sel, ",")+" FROM "+name); err != nil {
		return fmt.Errorf("strict %s: copy: %w", name, err)
	}
	indexes, err := Collect(ctx, tx, func(s Scanner) (string, error) {
		var q string
		return q, s.Scan(&q)
	}, "SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name=? AND sql IS NOT NULL", name)
	if err != nil {
		return fmt.Errorf("strict %s: %w", name, err)
	}
	for _, q := range append([]string{"DROP TABLE " + name, "ALTER TABLE " + tmp + " RENAME TO " + name}, indexes...) {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("strict %s: %w", name, err)
		}
	}
	return nil
}
