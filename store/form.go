package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"

	"zhibu/assets"
	"zhibu/store/replica"
)

// Form templates (一张表): an upper level's .xlsx form that the township fills from the
// records every period (app/report/form reads and fills it). The row holds the workbook as
// loaded and the mapping made in the mapper; it is the township's, so the sync carries it to
// its villages and to the county, and no village can change it (syncpolicy.go).

// Limits of a form template.
const (
	MaxFormBytes     = 5 << 20 // the workbook as stored
	MaxFormNameRunes = 60
)

// FormTemplate is a stored form, without its workbook (FormData reads that).
type FormTemplate struct {
	ID        string `json:"id"`
	OrgID     string `json:"org_id"`
	Name      string `json:"name"`
	FileName  string `json:"file_name"`
	Size      int    `json:"size"`
	CreatedAt string `json:"created_at"`
	CreatedBy string `json:"created_by"`
	// Mapping puts placeholders into cells without changing the workbook: "Sheet!B7" →
	// "{{按时召开率}}" (an empty text empties the cell: a placeholder the form came with).
	Mapping map[string]string `json:"mapping"`
}

// AddFormTemplate stores a form under a name, or replaces the workbook of the template of
// that name (its mapping is kept). Only a township (or county) administrator stores forms;
// the caller has checked the workbook (app/report/form.Check).
func (db *DB) AddFormTemplate(ctx context.Context, name, fileName string, data []byte) (string, error) {
	home, err := db.formOwner(ctx)
	if err != nil {
		return "", err
	}
	name = strings.TrimSpace(name)
	if err := checkFormName(name); err != nil {
		return "", err
	}
	if len(data) > MaxFormBytes {
		return "", assets.Wrap(ErrInvalid, "The form is too large (%.1f MB; at most %d MB). Remove pictures or unused sheets and save it again.", float64(len(data))/(1<<20), MaxFormBytes>>20)
	}
	old, err := db.FormTemplateByName(ctx, name)
	id := old.ID
	switch {
	case errors.Is(err, ErrNotFound):
		id = NewID()
	case err != nil:
		return "", err
	}
	err = db.Write(ctx, func(tx *Tx) error {
		vals := map[string]any{"org_id": home.ID, "name": name, "file_name": fileName, "data": data,
			"created_at": db.now().Format("2006-01-02 15:04"), "created_by": tx.User()}
		if old.ID == "" {
			vals["mapping"] = "{}"
		}
		_, err := tx.r.Put(ctx, "form_templates", id, vals)
		return err
	})
	return id, err
}

// SetFormMapping saves the mapper's placeholders of a template.
func (db *DB) SetFormMapping(ctx context.Context, id string, mapping map[string]string) error {
	if _, err := db.formOwner(ctx); err != nil {
		return err
	}
	clean := map[string]string{}
	for cell, text := range mapping {
		clean[cell] = strings.TrimSpace(text) // "" empties a cell that held a placeholder of its own
	}
	b, err := json.Marshal(clean)
	if err != nil {
		return err
	}
	if _, err := db.FormTemplate(ctx, id); err != nil {
		return err
	}
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "form_templates", id, map[string]any{"mapping": string(b)})
		return err
	})
}

// DeleteFormTemplate removes a template.
func (db *DB) DeleteFormTemplate(ctx context.Context, id string) error {
	if _, err := db.formOwner(ctx); err != nil {
		return err
	}
	if _, err := db.FormTemplate(ctx, id); err != nil {
		return err
	}
	return db.Write(ctx, func(tx *Tx) error { return tx.r.Delete(ctx, "form_templates", id) })
}

const formCols = "id, org_id, name, file_name, coalesce(length(data),0), created_at, created_by, mapping"

func scanForm(s replica.Scanner) (FormTemplate, error) {
	var f FormTemplate
	var m string
	if err := s.Scan(&f.ID, &f.OrgID, &f.Name, &f.FileName, &f.Size, &f.CreatedAt, &f.CreatedBy, &m); err != nil {
		return f, err
	}
	f.Mapping = map[string]string{}
	if m != "" {
		if err := json.Unmarshal([]byte(m), &f.Mapping); err != nil {
			f.Mapping = map[string]string{} // a damaged mapping is an unmarked form, not a failure
		}
	}
	return f, nil
}

// FormTemplates lists the stored forms by name.
func (db *DB) FormTemplates(ctx context.Context) ([]FormTemplate, error) {
	return replica.Collect(ctx, db.sql, scanForm, "SELECT "+formCols+" FROM form_templates WHERE deleted=0 ORDER BY name, id")
}

// FormTemplate returns one template by ID.
func (db *DB) FormTemplate(ctx context.Context, id string) (FormTemplate, error) {
	f, err := scanForm(db.sql.QueryRowContext(ctx, "SELECT "+formCols+" FROM form_templates WHERE deleted=0 AND id=?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return f, assets.Wrap(ErrNotFound, "There is no such form template; it may have been deleted.")
	}
	return f, err
}

// FormTemplateByName returns the template of a name.
func (db *DB) FormTemplateByName(ctx context.Context, name string) (FormTemplate, error) {
	f, err := scanForm(db.sql.QueryRowContext(ctx, "SELECT "+formCols+" FROM form_templates WHERE deleted=0 AND name=? ORDER BY id LIMIT 1", strings.TrimSpace(name)))
	if errors.Is(err, sql.ErrNoRows) {
		return FormTemplate{}, assets.Wrap(ErrNotFound, "There is no form template named \"%s\". See the names with: zhibu report form list", name)
	}
	return f, err
}

// FormData returns the workbook of a template.
func (db *DB) FormData(ctx context.Context, id string) ([]byte, error) {
	var b []byte
	err := db.sql.QueryRowContext(ctx, "SELECT data FROM form_templates WHERE deleted=0 AND id=?", id).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, assets.Wrap(ErrNotFound, "There is no such form template; it may have been deleted.")
	}
	return b, err
}

// formOwner returns the township (or county) that keeps templates, or refuses.
func (db *DB) formOwner(ctx context.Context) (Org, error) {
	home, err := db.Home(ctx)
	if err != nil {
		return home, err
	}
	role, err := db.Role(ctx)
	if err != nil {
		return home, err
	}
	if role != RoleTownship && role != RoleCounty {
		return home, assets.Wrap(ErrDenied, "Form templates are kept by the township office; a village PC receives them with the sync.")
	}
	if err := db.mayAdmin(ctx); err != nil {
		return home, assets.Wrap(ErrDenied, "Only a township administrator may store or change form templates.")
	}
	return home, nil
}

func checkFormName(name string) error {
	if name == "" {
		return assets.Wrap(ErrInvalid, "Give the form a name, e.g. 季度党建统计表.")
	}
	if n := utf8.RuneCountInString(name); n > MaxFormNameRunes {
		return assets.Wrap(ErrInvalid, "The form's name is too long (%d characters; at most %d).", n, MaxFormNameRunes)
	}
	return nil
}
