package store

import (
	"context"
	"fmt"
	"strconv"

	"zhibu/assets"
	"zhibu/store/cnid"
	"zhibu/store/replica"
)

func init() {
	RegisterChecker(checkConflicts)
}

// Conflict is a concurrent edit as a person reviews it: the engine's record, the record and
// field it is about in words, and both values as they should be shown (ID numbers and phones
// masked unless the user may see them).
type Conflict struct {
	replica.Conflict
	Record    string `json:"record"`     // the record as a person names it (RecordName)
	FieldName string `json:"field_name"` // the field's Chinese label
	Subject   string `json:"subject"`    // both: 「修建村道（四议两公开）· 决策事项」
	Now       string `json:"now"`        // the value in the record, for display
	Other     string `json:"other"`      // the losing value, for display
	NowBy     string `json:"now_by"`     // who, on which PC, when
	OtherBy   string `json:"other_by"`
}

// Conflicts lists open conflicts (all: resolved ones too), newest first; orgID "" for every
// organisation.
func (db *DB) Conflicts(ctx context.Context, orgID string, all bool) ([]Conflict, error) {
	cs, err := db.r.Conflicts(ctx, orgID, all)
	if err != nil {
		return nil, err
	}
	personal := db.maySeePersonal(ctx)
	out := make([]Conflict, len(cs))
	for i, c := range cs {
		if !personal && personalColumn(c.Table, c.Field) {
			c.LoserValue, c.WinnerValue = maskValue(c.Field, c.LoserValue), maskValue(c.Field, c.WinnerValue)
		}
		rec, field := db.RecordName(ctx, c.Table, c.RowID), ColumnLabel(c.Table, c.Field)
		out[i] = Conflict{Conflict: c, Record: rec, FieldName: field, Subject: joinLabel(rec, field),
			Now: db.showValue(ctx, c.Table, c.Field, c.WinnerValue), Other: db.showValue(ctx, c.Table, c.Field, c.LoserValue),
			NowBy: db.who(ctx, c.WinnerUser, c.WinnerDevice, c.WinnerAt), OtherBy: db.who(ctx, c.LoserUser, c.LoserDevice, c.LoserAt)}
	}
	return out, nil
}

// ResolveConflict closes a conflict: keepLoser writes the losing value back into the record
// (a new edit that syncs like any other); otherwise the winning value stays.
func (db *DB) ResolveConflict(ctx context.Context, id string, keepLoser bool) error {
	return db.Write(ctx, func(tx *Tx) error {
		c, err := tx.r.Conflict(ctx, id)
		if err != nil {
			return err
		}
		return tx.r.ResolveConflict(ctx, c, keepLoser)
	})
}

func maskValue(field string, v any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	if field == "phone" {
		return cnid.MaskPhone(s)
	}
	return cnid.Mask(s)
}

// who says who made a version, on which PC and when (by that PC's clock).
func (db *DB) who(ctx context.Context, user, device string, at replica.HLC) string {
	pc := assets.T("this PC")
	if device != db.Device() {
		pc = device
		if len(pc) > 7 {
			pc = pc[:7]
		}
		if p, err := db.r.Peer(ctx, device); err == nil {
			pc = p.OrgName
		}
		pc = assets.T("%s's PC", pc)
	}
	if user == "" {
		user = assets.T("unknown user")
	}
	return assets.T("%s, on %s, %s", user, pc, at.Wall().Local().Format("2006-01-02 15:04"))
}

// showValue is a value of a table's column as a person reads it: an enum's label, the name
// of the record a reference points at, words for empty, deleted and files.
func (db *DB) showValue(ctx context.Context, tbl, field string, v any) string {
	if s, ok := v.(string); ok && s != "" {
		if t, ok := tableIndex[tbl]; ok {
			if c, ok := t.Column(field); ok && c.Enum != nil {
				return c.Enum.Label(s)
			} else if ok && c.Ref != "" {
				if r, ok := tableIndex[c.Ref]; ok {
					if name := db.recordShort(ctx, r, s, 1); name != "" {
						return name
					}
				}
			}
		}
	}
	switch x := v.(type) {
	case nil:
		return assets.T("(empty)")
	case []byte:
		return assets.T("(a photo or file)")
	case int64:
		if field == "deleted" {
			if x != 0 {
				return assets.T("deleted")
			}
			return assets.T("not deleted")
		}
	case string:
		if x == "" {
			return assets.T("(empty)")
		}
	}
	return fmt.Sprint(v)
}

func checkConflicts(ctx context.Context, db *DB, orgID, _ string) ([]Finding, error) {
	cs, err := db.r.Conflicts(ctx, orgID, false)
	if err != nil {
		return nil, err
	}
	var out []Finding
	if len(cs) > 0 {
		out = append(out, Finding{Kind: "sync_conflict", Severity: "warning", OrgID: orgID,
			Title:  assets.T("%d records were changed on two PCs at the same time.", len(cs)),
			Action: assets.T("Open \"Sync\" → \"Conflicts\" and choose which value is right for each one."),
			Rule:   "sync.conflict"})
	}
	peers, err := db.r.Peers(ctx)
	if err != nil {
		return nil, err
	}
	home, err := db.Home(ctx)
	if err != nil {
		return nil, err
	}
	limit := replica.MaxClockSkew.Milliseconds()
	for _, p := range peers {
		if p.OrgID != orgID && home.ID != orgID {
			continue // the warning belongs to the peer's own organisation, or to this PC's
		}
		if skew := max(p.ClockSkewMs, -p.ClockSkewMs); skew > limit {
			days := strconv.FormatFloat(float64(skew)/float64(limit), 'f', 0, 64)
			out = append(out, Finding{Kind: "clock_skew", Severity: "info", OrgID: orgID, Subject: p.DeviceID,
				Title:  assets.T("The clock of %s's PC differs from this PC's by about %s days.", p.Label(), days),
				Action: assets.T("Ask them to set the date and time on their PC. Sync still works, but dates they enter may be wrong.")})
		}
	}
	return out, nil
}
