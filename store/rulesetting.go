package store

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"zhibu/assets"
	"zhibu/store/rules"
)

// The township's changes to the settable rules (DOMAIN.md "(setting)"): stored as settings
// of the township's own organisation, so that sync carries them down to every village.

// RuleState is a rule with the figure in force on this PC.
type RuleState struct {
	Key        string `json:"id"`
	Label      string `json:"name"` // in Chinese
	Default    string `json:"default"`
	Value      string `json:"value"`      // in force: the township's setting, else Default
	Overridden bool   `json:"overridden"` // the township has set it
	Source     string `json:"source"`
	Local      bool   `json:"local"`
	Settable   bool   `json:"settable"`
	Verified   string `json:"verified,omitempty"` // where the article was checked against the text
	Note       string `json:"note,omitempty"`     // in Chinese: what is not confirmed, where a local figure comes from
}

// ruleChoices are the words a text rule accepts; other text rules take any short text.
var ruleChoices = map[string][]string{
	rules.PointsLayout.Key:    {"stars", "532"},
	rules.DuesRetiredBase.Key: {"total", "basic"},
	rules.ModeReminders.Key:   {"on", "off"},
}

// RuleValues lists every rule, by key, with the figure in force.
func (db *DB) RuleValues(ctx context.Context) ([]RuleState, error) {
	set, err := db.ruleSettings(ctx)
	if err != nil {
		return nil, err
	}
	all := rules.All()
	out := make([]RuleState, 0, len(all))
	for _, r := range all {
		st := RuleState{Key: r.Key, Label: assets.T(r.Label), Default: r.Default, Value: r.Default,
			Source: r.Source, Local: r.Local, Settable: r.Settable, Verified: r.Verified}
		if r.Note != "" {
			st.Note = assets.T(r.Note)
		}
		if v, ok := set[rules.SettingKey(r.Key)]; ok && r.Settable {
			st.Value, st.Overridden = v, true
		}
		out = append(out, st)
	}
	return out, nil
}

// ruleSettings reads the township's rule settings, as RuleValue does for one rule.
func (db *DB) ruleSettings(ctx context.Context) (map[string]string, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT s.key, s.value FROM settings s JOIN orgs o ON o.id=s.org_id
		WHERE s.key LIKE 'rule.%' AND s.deleted=0 AND o.kind=? ORDER BY s.id`, KindTownship)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		if _, seen := out[k]; !seen {
			out[k] = v
		}
	}
	return out, rows.Err()
}

// SetRule sets the figure in force for a settable rule. Only a township PC sets rules; the
// villages receive them with the next sync.
func (db *DB) SetRule(ctx context.Context, key, value string) error {
	if err := db.mayAdmin(ctx); err != nil {
		return err
	}
	r, home, err := db.settableRule(ctx, key)
	if err != nil {
		return err
	}
	v, err := checkRuleValue(r, value)
	if err != nil {
		return err
	}
	return db.SetSetting(ctx, home.ID, rules.SettingKey(key), v)
}

// ResetRule returns a rule to its default.
func (db *DB) ResetRule(ctx context.Context, key string) error {
	if err := db.mayAdmin(ctx); err != nil {
		return err
	}
	_, home, err := db.settableRule(ctx, key)
	if err != nil {
		return err
	}
	return db.Write(ctx, func(tx *Tx) error {
		id := settingID(home.ID, rules.SettingKey(key))
		var n int
		if err := tx.r.QueryRowContext(ctx, "SELECT count(*) FROM settings WHERE id=?", id).Scan(&n); err != nil || n == 0 {
			return err
		}
		return tx.r.Delete(ctx, "settings", id)
	})
}

// settableRule finds a rule the township may change and the township organisation.
func (db *DB) settableRule(ctx context.Context, key string) (rules.Rule, Org, error) {
	r, ok := rules.Lookup(key)
	if !ok {
		return r, Org{}, assets.Wrap(ErrNotFound, "There is no rule %s. Run \"zhibu rules list\" to see the rules.", key)
	}
	role, err := db.Role(ctx)
	if err != nil {
		return r, Org{}, err
	}
	if role != RoleTownship {
		return r, Org{}, assets.Wrap(ErrDenied, "Only the township office sets the rules; they reach the villages with the next sync.")
	}
	home, err := db.Home(ctx)
	if err != nil {
		return r, Org{}, err
	}
	if home.Kind != KindTownship {
		return r, Org{}, assets.Wrap(ErrDenied, "Only the township office sets the rules; they reach the villages with the next sync.")
	}
	if !r.Settable {
		return r, Org{}, assets.Wrap(ErrDenied, "\"%s\" is fixed by %s and cannot be changed.", assets.T(r.Label), r.Source)
	}
	return r, home, nil
}

var (
	decimalRE  = regexp.MustCompile(`^[0-9]{1,5}(\.[0-9]{1,2})?$`)
	fractionRE = regexp.MustCompile(`^([0-9]{1,3})/([0-9]{1,3})$`)
)

// checkRuleValue validates a value by the kind of the rule's default (whole number, amount,
// fraction or text) and returns it tidied.
func checkRuleValue(r rules.Rule, value string) (string, error) {
	v := strings.TrimSpace(value)
	label := assets.T(r.Label)
	switch def := r.Default; {
	case isInt(def):
		lo, hi := intRange(r)
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			return "", assets.Wrap(ErrInvalid, "\"%s\" must be a whole number from %d to %d.", label, lo, hi)
		}
		return strconv.Itoa(n), nil
	case decimalRE.MatchString(def):
		if !decimalRE.MatchString(v) {
			return "", assets.Wrap(ErrInvalid, "\"%s\" must be an amount of 0 or more with at most two decimals, e.g. %s.", label, def)
		}
		return v, nil
	case fractionRE.MatchString(def):
		m := fractionRE.FindStringSubmatch(strings.ReplaceAll(v, " ", ""))
		if m == nil {
			return "", assets.Wrap(ErrInvalid, "\"%s\" must be a fraction such as %s, the top number not larger than the bottom one.", label, def)
		}
		num, _ := strconv.Atoi(m[1])
		den, _ := strconv.Atoi(m[2])
		if num <= 0 || den <= 0 || num > den {
			return "", assets.Wrap(ErrInvalid, "\"%s\" must be a fraction such as %s, the top number not larger than the bottom one.", label, def)
		}
		return m[1] + "/" + m[2], nil
	}
	if choices, ok := ruleChoices[r.Key]; ok {
		for _, c := range choices {
			if strings.EqualFold(v, c) {
				return c, nil
			}
		}
		return "", assets.Wrap(ErrInvalid, "\"%s\" must be one of: %s.", label, strings.Join(choices, ", "))
	}
	if v == "" || utf8.RuneCountInString(v) > 200 || strings.ContainsAny(v, "\r\n") {
		return "", assets.Wrap(ErrInvalid, "Enter a value for \"%s\" on one line, at most %d characters.", label, 200)
	}
	return v, nil
}

func isInt(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// intRange is the sane range of a whole-number rule: percentages up to 100, a day of the
// month up to 31, a deduction (negative default) below zero, other figures from 1 to 1000.
func intRange(r rules.Rule) (lo, hi int) {
	switch {
	case strings.HasSuffix(r.Key, "_percent"):
		return 1, 100
	case strings.HasSuffix(r.Key, "day_of_month"):
		return 1, 31
	case strings.HasPrefix(r.Default, "-"):
		return -1000, -1
	}
	return 1, 1000
}
