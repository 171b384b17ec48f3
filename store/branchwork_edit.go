package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"zhibu/assets"
)

// Correcting the branch work (issue 24): a training, a development plan, a 整顿 and its
// visits recorded by mistake are changed or deleted by whoever wrote them — a training by its
// village (never the township: the village's records are its own), a plan and a 整顿 by the
// township (the county: a township's plan) — and nobody else. Deletes are tombstones that sync
// like any other change. A training dated in a month the township approved and locked is
// covered by the lock like a meeting (trainings' Lock, tables_decl.go).

// trainingOwner reads the organisation a training belongs to.
func (db *DB) trainingOwner(ctx context.Context, id string) (string, error) {
	var org string
	err := db.sql.QueryRowContext(ctx, "SELECT org_id FROM trainings WHERE id=? AND deleted=0", id).Scan(&org)
	if errors.Is(err, sql.ErrNoRows) {
		return "", assets.Wrap(ErrNotFound, "There is no training with ID %s.", id)
	}
	return org, err
}

// mayChangeTraining refuses a change of a training to anyone but its own branch.
func (db *DB) mayChangeTraining(ctx context.Context, id string) (Org, error) {
	home, err := db.Home(ctx)
	if err != nil {
		return home, err
	}
	org, err := db.trainingOwner(ctx, id)
	if err != nil {
		return home, err
	}
	if org != home.ID {
		return home, assets.Wrap(ErrDenied, "A training is changed only by the branch that recorded it (its records are its own); ask the village to correct it.")
	}
	return home, db.mayWrite(ctx)
}

// UpdateTraining replaces a training's fields and attendees with n (validated as when it was
// recorded). Attendees left out are deleted.
func (db *DB) UpdateTraining(ctx context.Context, id string, n NewTraining) error {
	home, err := db.mayChangeTraining(ctx, id)
	if err != nil {
		return err
	}
	day, attendees, err := db.checkTraining(ctx, home, &n)
	if err != nil {
		return err
	}
	return db.Write(ctx, func(tx *Tx) error { return tx.putTraining(ctx, id, home.ID, n, day, attendees) })
}

// DeleteTraining deletes a training recorded by mistake, with its attendance.
func (db *DB) DeleteTraining(ctx context.Context, id string) error {
	if _, err := db.mayChangeTraining(ctx, id); err != nil {
		return err
	}
	return db.Write(ctx, func(tx *Tx) error {
		if err := tx.dropRows(ctx, "training_attendance", "training_id", id, nil); err != nil {
			return err
		}
		return tx.r.Delete(ctx, "trainings", id)
	})
}

// DeletePlan deletes the plan of the organisation with the code for a year (set by mistake:
// the organisation then has no plan). Only the office that set it may.
func (db *DB) DeletePlan(ctx context.Context, code string, year int) error {
	home, err := db.Home(ctx)
	if err != nil {
		return err
	}
	if home.Kind != KindTownship && home.Kind != KindCounty {
		return assets.Wrap(ErrDenied, "The development plan is set by the township office (for its villages) or the county (for its townships).")
	}
	if err := db.mayAdmin(ctx); err != nil {
		return assets.Wrap(ErrDenied, "Only an administrator sets the development plan.")
	}
	o, err := db.OrgByCode(ctx, strings.TrimSpace(code))
	if err != nil {
		return err
	}
	var owner string
	err = db.sql.QueryRowContext(ctx, "SELECT org_id FROM dev_plans WHERE id=? AND deleted=0", planID(o.ID, year)).Scan(&owner)
	if errors.Is(err, sql.ErrNoRows) {
		return assets.Wrap(ErrNotFound, "%s has no development plan for %d.", o.Name, year)
	}
	if err != nil {
		return err
	}
	if owner != home.ID {
		return assets.Wrap(ErrDenied, "The development plan of %s for %d was set by the office above; only it can delete it.", o.Name, year)
	}
	return db.Write(ctx, func(tx *Tx) error { return tx.r.Delete(ctx, "dev_plans", planID(o.ID, year)) })
}

// RectifyEdit is what correcting a 整顿 takes: its reasons, their words, the 包联 leader and
// the plan in words (the items are 整改台账 items, followed there).
type RectifyEdit struct {
	Reasons            []string
	ReasonText, Leader string
	Plan               string
}

// UpdateRectification corrects the reasons, leader and plan of an open 整顿.
func (db *DB) UpdateRectification(ctx context.Context, id string, e RectifyEdit) error {
	if _, err := db.mayRectify(ctx); err != nil {
		return err
	}
	r, err := db.rectification(ctx, id)
	if err != nil {
		return err
	}
	if !r.Open() {
		return assets.Wrap(ErrInvalid, "This rectification was closed on %s.", r.ClosedOn)
	}
	reasons, err := checkRectifyWords(&e.Reasons, &e.ReasonText, &e.Leader, &e.Plan)
	if err != nil {
		return err
	}
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "rectifications", id, map[string]any{"reasons": strings.Join(reasons, ","), "reason_text": e.ReasonText,
			"leader": e.Leader, "plan": e.Plan})
		return err
	})
}

// DeleteRectification deletes a 整顿 recorded by mistake (the wrong village or year) with its
// visits and those of its items the village has not reported on yet; an item the village has
// already worked on stays in its 整改台账. It returns how many items were kept.
func (db *DB) DeleteRectification(ctx context.Context, id string) (int, error) {
	if _, err := db.mayRectify(ctx); err != nil {
		return 0, err
	}
	r, err := db.rectification(ctx, id)
	if err != nil {
		return 0, err
	}
	kept := 0
	err = db.Write(ctx, func(tx *Tx) error {
		for _, t := range r.Items {
			if len(t.Events) > 0 || t.State != TaskOpen {
				kept++
				continue
			}
			if err := tx.r.Delete(ctx, "tasks", t.ID); err != nil {
				return err
			}
		}
		if err := tx.dropRows(ctx, "rectification_events", "rectification_id", id, nil); err != nil {
			return err
		}
		return tx.r.Delete(ctx, "rectifications", id)
	})
	return kept, err
}

// rectifyEventParent reads the 整顿 an event belongs to.
func (db *DB) rectifyEventParent(ctx context.Context, eventID string) (string, error) {
	var parent string
	err := db.sql.QueryRowContext(ctx, "SELECT rectification_id FROM rectification_events WHERE id=? AND deleted=0", eventID).Scan(&parent)
	if errors.Is(err, sql.ErrNoRows) {
		return "", assets.Wrap(ErrNotFound, "There is no visit or progress note with ID %s.", eventID)
	}
	return parent, err
}

// UpdateRectifyEvent corrects a 约谈, 列席 or progress note of an open 整顿.
func (db *DB) UpdateRectifyEvent(ctx context.Context, eventID, kind, day, by, note string) error {
	if _, err := db.mayRectify(ctx); err != nil {
		return err
	}
	parent, err := db.rectifyEventParent(ctx, eventID)
	if err != nil {
		return err
	}
	row, err := db.checkRectifyEvent(ctx, parent, kind, day, by, note)
	if err != nil {
		return err
	}
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "rectification_events", eventID, row)
		return err
	})
}

// DeleteRectifyEvent deletes a visit or progress note of an open 整顿 recorded by mistake.
func (db *DB) DeleteRectifyEvent(ctx context.Context, eventID string) error {
	if _, err := db.mayRectify(ctx); err != nil {
		return err
	}
	parent, err := db.rectifyEventParent(ctx, eventID)
	if err != nil {
		return err
	}
	r, err := db.rectification(ctx, parent)
	if err != nil {
		return err
	}
	if !r.Open() {
		return assets.Wrap(ErrInvalid, "This rectification was closed on %s.", r.ClosedOn)
	}
	return db.Write(ctx, func(tx *Tx) error { return tx.r.Delete(ctx, "rectification_events", eventID) })
}

// Training is one training with its attendees.
func (db *DB) Training(ctx context.Context, id string) (Training, error) {
	var org, date string
	err := db.sql.QueryRowContext(ctx, "SELECT org_id, date FROM trainings WHERE id=? AND deleted=0", id).Scan(&org, &date)
	if errors.Is(err, sql.ErrNoRows) || len(date) < 4 {
		return Training{}, assets.Wrap(ErrNotFound, "There is no training with ID %s.", id)
	}
	if err != nil {
		return Training{}, err
	}
	y, _ := strconv.Atoi(date[:4])
	ts, err := db.Trainings(ctx, org, y)
	if err != nil {
		return Training{}, err
	}
	for _, t := range ts {
		if t.ID == id {
			return t, nil
		}
	}
	return Training{}, assets.Wrap(ErrNotFound, "There is no training with ID %s.", id)
}
