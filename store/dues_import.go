package store

import (
	"context"

	"zhibu/assets"
	"zhibu/store/roster"
)

// What a roster import records besides the member files: each member's dues "paid up to"
// month (the roster column 党费交至, store/roster/headers.go) and, on the first import, the
// month from which the branch keeps dues in this app.

// importExtraFields are the roster columns of importExtras. The headers are part of the
// roster file format (what secretaries write in Excel), not user-interface text.
var importExtraFields = []roster.Field{
	{Name: "dues_paid_to", Headers: []string{"党费交至", "党费缴至", "党费已交至", "党费交至月份", "党费缴纳至", "党费交纳至", "已交党费至"}, Date: true},
}

// importExtras are roster fields that are not member-file fields: each is written, after the
// member file is made, by its function.
var importExtras = map[string]func(ctx context.Context, tx *Tx, memberID, value string) error{
	"dues_paid_to": func(ctx context.Context, tx *Tx, memberID, value string) error {
		return tx.SetDuesPaidTo(ctx, memberID, value)
	},
}

// importRowExtras writes the extra fields of one imported row; a bad value is a problem of
// the row (the import is then rolled back), any other error fails the import.
func importRowExtras(ctx context.Context, tx *Tx, memberID string, fields map[string]string, problem func(string, *assets.Error)) error {
	for field, v := range fields {
		f := importExtras[field]
		if f == nil || v == "" {
			continue
		}
		if err := f(ctx, tx, memberID, v); err != nil {
			problem(field, asUserErr(err))
		}
	}
	return nil
}

// importDone runs at the end of an import: a branch that has never said from which month it
// keeps dues in this app starts with its earliest recorded payment or, with none, the month
// of this import, so the members imported owe nothing for the months before it.
func importDone(ctx context.Context, tx *Tx, orgID string) error {
	start, set, err := tx.DB().DuesStartMonth(ctx, orgID)
	if err != nil || set {
		return err
	}
	if start == "" {
		start = tx.DB().today().Format("2006-01")
	}
	return tx.SetDuesStartMonth(ctx, orgID, start)
}
