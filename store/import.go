package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"zhibu/assets"
	"zhibu/store/atomicfile"
	"zhibu/store/cnid"
	"zhibu/store/roster"
)

// SetMemberField sets one field of m from text as a person or a roster file writes it
// (checked when m is saved). Enum fields accept the slug or the Chinese label; "group"
// names a party group of the member's organisation (or of this installation's when m has
// none yet).
func SetMemberField(ctx context.Context, db *DB, m *Member, field, value string) error {
	f, ok := MemberFieldNamed(field)
	if !ok {
		return fmt.Errorf("unknown member field %s", field)
	}
	value = strings.TrimSpace(value)
	if f.Kind != GroupField || value == "" {
		f.set(m, value)
		return nil
	}
	org := m.OrgID
	if org == "" {
		home, err := db.Home(ctx)
		if err != nil {
			return err
		}
		org = home.ID
	}
	groups, err := db.Groups(ctx, org)
	if err != nil {
		return err
	}
	var names []string
	for _, g := range groups {
		if g.Name == value || g.ID == value {
			f.set(m, g.ID)
			return nil
		}
		names = append(names, g.Name)
	}
	if len(names) == 0 {
		return assets.Wrap(ErrInvalid, "There is no party group named %s; this branch has no party groups yet.", value)
	}
	return assets.Wrap(ErrInvalid, "There is no party group named %s. The groups are: %s.", value, strings.Join(names, "、"))
}

// memberRoster is the roster file format, from the member file's fields.
var memberRoster = roster.NewFormat(append(rosterFields(), importExtraFields...))

// ImportProblem is one reason a roster row cannot be imported.
type ImportProblem struct {
	Row      int    `json:"row"`
	Column   string `json:"column"`
	Reason   string `json:"reason"`    // Chinese
	ReasonEn string `json:"reason_en"` // English
}

// ImportReport says what a roster import did or would do.
type ImportReport struct {
	Rows     int             `json:"rows"`
	Added    int             `json:"added"`
	Ignored  []string        `json:"ignored_columns"`
	Problems []ImportProblem `json:"problems"`
	DryRun   bool            `json:"dry_run"`
}

var errRollback = errors.New("rollback")

// ImportRoster reads a roster (.xlsx or .csv) and adds every row as a member of this
// installation's organisation, all in one transaction: if any row is bad, nothing is written
// and the report lists every problem. With dryRun nothing is written either way. Party groups
// named in the file that do not exist yet are created.
func (db *DB) ImportRoster(ctx context.Context, name string, r io.Reader, dryRun bool) (ImportReport, error) {
	rep := ImportReport{DryRun: dryRun, Problems: []ImportProblem{}}
	file, err := memberRoster.Read(name, r)
	if err != nil {
		return rep, err
	}
	recs := file.Records
	rep.Rows = len(recs)
	rep.Ignored = file.Ignored
	headers := map[string]string{}
	for _, c := range file.Columns {
		headers[c.Field] = c.Header
	}
	bad := map[int]bool{}
	for _, p := range file.Problems {
		rep.Problems = append(rep.Problems, ImportProblem{Row: p.Row, Column: p.Column, Reason: p.Err.Chinese(), ReasonEn: p.Err.Error()})
		bad[p.Row] = true
	}
	home, err := db.Home(ctx)
	if err != nil {
		return rep, err
	}
	err = db.Write(ctx, func(tx *Tx) error {
		groups := map[string]string{}
		gs, err := db.Groups(ctx, home.ID)
		if err != nil {
			return err
		}
		for _, g := range gs {
			groups[g.Name] = g.ID
		}
		seen := map[string]int{}
		for i, rec := range recs {
			progress(ctx, i, len(recs), 500)
			column := func(field string) string {
				if h := headers[field]; h != "" {
					return h
				}
				return FieldLabel(field)
			}
			problem := func(field string, e *assets.Error) {
				rep.Problems = append(rep.Problems, ImportProblem{Row: rec.Row, Column: column(field), Reason: e.Chinese(), ReasonEn: e.Error()})
			}
			m := Member{OrgID: home.ID}
			for field, v := range rec.Fields {
				if field == "group" || importExtras[field] != nil {
					continue
				}
				if err := SetMemberField(ctx, db, &m, field, v); err != nil {
					problem(field, asUserErr(err))
				}
			}
			if g := strings.TrimSpace(rec.Fields["group"]); g != "" {
				id, ok := groups[g]
				if !ok {
					id = NewID()
					if _, err := tx.r.Put(ctx, "orgs", id, map[string]any{"org_id": home.ID, "name": g, "kind": KindGroup, "parent_id": home.ID}); err != nil {
						return err
					}
					groups[g] = id
				}
				m.GroupID = id
			}
			if idn := cnid.Normalize(m.IDNumber); idn != "" {
				if first, dup := seen[idn]; dup {
					problem("id_number", assets.Errorf("The same ID number is also on row %d. A member is entered only once.", first))
					continue
				}
				seen[idn] = rec.Row
			}
			if bad[rec.Row] {
				// Still validate, to report every problem of the row at once.
				mm := m
				fillDefaults(&mm)
				var ve *ValidationError
				if errors.As(ValidateMember(&mm, db.now()), &ve) {
					for _, p := range ve.Problems {
						problem(p.Field, p.Err)
					}
				}
				continue
			}
			id, err := tx.AddMember(ctx, m)
			if err != nil {
				var ve *ValidationError
				if !errors.As(err, &ve) {
					return err
				}
				for _, p := range ve.Problems {
					problem(p.Field, p.Err)
				}
				continue
			}
			if err := importRowExtras(ctx, tx, id, rec.Fields, problem); err != nil {
				return err
			}
			rep.Added++
		}
		progress(ctx, len(recs), len(recs), 500)
		if err := importDone(ctx, tx, home.ID); err != nil {
			return err
		}
		if len(rep.Problems) > 0 || dryRun {
			return errRollback
		}
		return nil
	})
	if errors.Is(err, errRollback) {
		err = nil
		if len(rep.Problems) > 0 {
			rep.Added = 0
			sortProblems(rep.Problems)
			return rep, assets.Wrap(ErrInvalid, "%d problems in the roster; nothing was imported. Correct the rows listed and import the file again.", len(rep.Problems))
		}
	}
	return rep, err
}

func sortProblems(ps []ImportProblem) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].Row < ps[j-1].Row; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// ExportRoster writes the members selected by f to an .xlsx roster at path (atomically) and
// returns how many it wrote. ID numbers and phones are masked unless full is set.
func ExportRoster(ctx context.Context, db *DB, f MemberFilter, full bool, path string) (int, error) {
	ms, err := db.Members(ctx, f)
	if err != nil {
		return 0, err
	}
	groups := map[string]string{}
	if f.OrgID != "" {
		gs, err := db.Groups(ctx, f.OrgID)
		if err != nil {
			return 0, err
		}
		for _, g := range gs {
			groups[g.ID] = g.Name
		}
	}
	header := make([]string, len(memberFields))
	for i, fl := range memberFields {
		header[i] = fl.Title()
	}
	rows := make([][]string, 0, len(ms))
	for _, m := range ms {
		row := make([]string, len(memberFields))
		for i, fl := range memberFields {
			row[i] = fl.Show(&m, groups, full)
		}
		rows = append(rows, row)
	}
	err = atomicfile.Write(path, func(w io.Writer) error { return roster.Write(w, header, rows) })
	if err != nil {
		return 0, assets.Wrap(err, "Cannot write %s. Check that the folder exists, the disk has room, and the file is not open in Excel.", filepath.Base(path))
	}
	return len(ms), nil
}

// ImportRosterFile is ImportRoster on a file.
func (db *DB) ImportRosterFile(ctx context.Context, path string, dryRun bool) (ImportReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return ImportReport{}, assets.Wrap(err, "Cannot open %s. Check the file name.", path)
	}
	defer f.Close()
	return db.ImportRoster(ctx, filepath.Base(path), f, dryRun)
}
