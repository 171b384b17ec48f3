package store

import (
	"context"
	"strconv"

	"github.com/google/uuid"

	"zhibu/assets"
	"zhibu/store/rules"
)

// 民主评议党员: once a year each full member is rated 优秀/合格/基本合格/不合格; 优秀 normally
// at most 1/3 (rules.AppraisalExcellentMax); 预备党员 take part but are not rated.

// Ratings.
const (
	RatingExcellent   = "excellent"
	RatingQualified   = "qualified"
	RatingBasic       = "basic"
	RatingUnqualified = "unqualified"
)

// Rating is an appraisal rating.
var Rating = &enum{name: "rating", values: []enumValue{
	{RatingExcellent, "Excellent"}, {RatingQualified, "Qualified"}, {RatingBasic, "Basically qualified"}, {RatingUnqualified, "Unqualified"}},
	aliases: map[string]string{"基本": RatingBasic}}

// Appraisal is one member's rating in a year.
type Appraisal struct {
	MemberID string `json:"member_id"`
	Name     string `json:"name"`
	Status   string `json:"status"` // the member's status: probationary members are not rated
	Year     int    `json:"year"`
	Rating   string `json:"rating"` // "" not rated
	Note     string `json:"note"`
}

var appraisalSpace = uuid.MustParse("6f7a6869-6275-4170-7072-616973616c00")

func appraisalID(orgID string, year int, memberID string) string {
	return uuid.NewSHA1(appraisalSpace, []byte(orgID+"\x00"+strconv.Itoa(year)+"\x00"+memberID)).String()
}

// Appraisals lists every member on the roll with their rating of the year, in name order.
func (db *DB) Appraisals(ctx context.Context, orgID string, year int) ([]Appraisal, error) {
	ms, err := db.Members(ctx, MemberFilter{OrgID: orgID})
	if err != nil {
		return nil, err
	}
	rows, err := db.sql.QueryContext(ctx, "SELECT member_id, rating, note FROM appraisals WHERE org_id=? AND year=? AND deleted=0",
		orgID, strconv.Itoa(year))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	rated := map[string][2]string{}
	for rows.Next() {
		var id, r, n string
		if err := rows.Scan(&id, &r, &n); err != nil {
			return nil, err
		}
		rated[id] = [2]string{r, n}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Appraisal, 0, len(ms))
	for _, m := range ms {
		if !memberInYear(m, year) {
			continue // joined after the year: not part of its appraisal
		}
		r := rated[m.ID]
		out = append(out, Appraisal{MemberID: m.ID, Name: m.Name, Status: statusInYear(m, year), Year: year, Rating: r[0], Note: r[1]})
	}
	return out, nil
}

// memberInYear: the member had joined by the end of the year.
func memberInYear(m Member, year int) bool {
	return m.JoinedDate == "" || m.JoinedDate <= strconv.Itoa(year)+"-12-31"
}

// statusInYear is the member's status at the end of a year: a member who became a full
// member after it was still probationary then, and is not rated for it.
func statusInYear(m Member, year int) string {
	if m.Status == "full" && m.ConfirmedDate != "" && m.ConfirmedDate > strconv.Itoa(year)+"-12-31" {
		return "probationary"
	}
	return m.Status
}

// SaveAppraisals stores ratings of a year (each Rating a slug or Chinese label; "" clears a
// rating) in one transaction. Rating a probationary member or a member not on the roll is
// refused. If more than the allowed share is rated 优秀 the ratings are saved and the
// returned warning says so.
func (db *DB) SaveAppraisals(ctx context.Context, orgID string, year int, as []Appraisal) (warning error, err error) {
	if year < 1921 || year > 2999 {
		return nil, assets.Wrap(ErrInvalid, "The year %d is not valid.", year)
	}
	err = db.Write(ctx, func(tx *Tx) error {
		roll, err := rollOf(ctx, tx.r, orgID)
		if err != nil {
			return err
		}
		for _, a := range as {
			m := roll[a.MemberID]
			if m == nil {
				return assets.Wrap(ErrInvalid, "The member with ID %s is not on this branch's roll.", a.MemberID)
			}
			r, ok := Rating.Parse(a.Rating)
			if !ok {
				return assets.Wrap(ErrInvalid, "Unknown rating %s for %s. Use one of: %s.", a.Rating, m.Name, joinLabels(Rating))
			}
			if r != "" && statusInYear(*m, year) != "full" {
				return assets.Wrap(ErrInvalid, "%s is a probationary member: probationary members take part in the appraisal but are not rated.", m.Name)
			}
			if err := tx.PutAppraisal(ctx, orgID, year, m.ID, r, a.Note); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if f, err := db.appraisalFindings(ctx, orgID, year); err != nil || len(f) > 0 {
		if err != nil {
			return nil, err
		}
		return assets.Errorf("%s %s", f[0].Title, f[0].Action), nil
	}
	return nil, nil
}

// PutAppraisal stores one member's rating of a year (already checked: a rating slug, the
// member a full member on the roll) within a transaction (demo data).
func (tx *Tx) PutAppraisal(ctx context.Context, orgID string, year int, memberID, rating, note string) error {
	_, err := tx.r.Put(ctx, "appraisals", appraisalID(orgID, year, memberID), map[string]any{"org_id": orgID, "deleted": int64(0),
		"year": strconv.Itoa(year), "member_id": memberID, "rating": rating, "note": note})
	return err
}

// appraisalFindings checks the 优秀 share of a year's ratings against the national guidance
// (优秀 normally ≤ 1/3 of the members taking part, 党员总数 of the appraisal: full and
// probationary members on the roll that year), once every full member has a rating; while
// ratings are still being entered it says nothing.
func (db *DB) appraisalFindings(ctx context.Context, orgID string, year int) ([]Finding, error) {
	roll, err := rollOf(ctx, db.sql, orgID)
	if err != nil {
		return nil, err
	}
	ratings := map[string]string{}
	rows, err := db.sql.QueryContext(ctx, `SELECT member_id, rating FROM appraisals WHERE org_id=? AND year=? AND deleted=0 AND rating<>''`,
		orgID, strconv.Itoa(year))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, r string
		if err := rows.Scan(&id, &r); err != nil {
			return nil, err
		}
		ratings[id] = r
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	end := strconv.Itoa(year) + "-12-31"
	var taking, full, rated, excellent int
	for _, m := range roll {
		if m.JoinedDate > end {
			continue
		}
		taking++
		if statusInYear(*m, year) == "full" {
			full++
		}
		if r, ok := ratings[m.ID]; ok {
			rated++
			if r == RatingExcellent {
				excellent++
			}
		}
	}
	limit, err := db.RuleValue(ctx, rules.AppraisalExcellentMax.Key)
	if err != nil {
		return nil, err
	}
	if rated == 0 || rated < full || AtMost(excellent, taking, limit) {
		return nil, nil
	}
	return []Finding{{Kind: "appraisal_excellent_share", Severity: "warning", OrgID: orgID,
		Title:  assets.T("In the %d appraisal %d of the %d members taking part are rated excellent, more than %s.", year, excellent, taking, limit),
		Action: assets.T("Review the ratings: excellent is normally given to at most %s of the members taking part.", limit),
		Rule:   rules.AppraisalExcellentMax.Key, Source: rules.AppraisalExcellentMax.Source}}, nil
}

func joinLabels(e *enum) string {
	s := ""
	for i, l := range e.Labels() {
		if i > 0 {
			s += "、"
		}
		s += l
	}
	return s
}
