package store

import (
	"context"
	"database/sql"
	"errors"

	"zhibu/store/rules"
)

// RuleValue returns the figure in force for a rule: the township's setting if one has been
// set (on a village PC, once it has arrived by sync), else the rule's default.
func (db *DB) RuleValue(ctx context.Context, key string) (string, error) {
	r, ok := rules.Lookup(key)
	if !ok {
		return "", errors.New("unknown rule " + key)
	}
	if !r.Settable {
		return r.Default, nil
	}
	var v string
	err := db.sql.QueryRowContext(ctx, `SELECT s.value FROM settings s JOIN orgs o ON o.id=s.org_id
		WHERE s.key=? AND s.deleted=0 AND o.kind=? ORDER BY s.id LIMIT 1`, rules.SettingKey(key), KindTownship).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return r.Default, nil
	}
	return v, err
}
