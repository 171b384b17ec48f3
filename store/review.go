package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"zhibu/assets"
	"zhibu/store/replica"
)

// 抓党建述职评议: each year the village secretary reports on the branch's party work (述职),
// the township rates the report (好/较好/一般/差 by default, a township setting), comments,
// and raises items that go onto the village's task list in the same step (source 述职评议).
// The report is the village's row (it syncs up); the rating is the township's (it syncs down).

// ReviewSource is the source of the items a review raises.
const ReviewSource = "述职评议"

// reviewRatingsKey is the township setting listing the ratings, best first, comma-separated.
const reviewRatingsKey = "review.ratings"

// DefaultReviewRatings are the ratings most townships use.
var DefaultReviewRatings = []string{"好", "较好", "一般", "差"}

// MaxReportRunes bounds a report's text (a written report of a few pages).
const MaxReportRunes = 20000

// Review is a village's 述职评议 of a year.
type Review struct {
	OrgID       string `json:"org_id"`
	OrgCode     string `json:"org_code"`
	OrgName     string `json:"org_name"`
	Year        int    `json:"year"`
	Secretary   string `json:"secretary"`
	Report      string `json:"report"`
	SubmittedAt string `json:"submitted_at"` // "" no report in the app yet
	Rating      string `json:"rating"`       // "" not rated yet
	Comments    string `json:"comments"`
	RatedAt     string `json:"rated_at"`
	RatedBy     string `json:"rated_by"`
	Tasks       []Task `json:"tasks"` // the items the review raised
}

// ReviewRatings lists the ratings in force: the township's setting, else the defaults.
func (db *DB) ReviewRatings(ctx context.Context) ([]string, error) {
	var v string
	err := db.sql.QueryRowContext(ctx, `SELECT s.value FROM settings s JOIN orgs o ON o.id=s.org_id
		WHERE s.key=? AND s.deleted=0 AND o.kind=? ORDER BY s.id LIMIT 1`, reviewRatingsKey, KindTownship).Scan(&v)
	if err != nil || strings.TrimSpace(v) == "" {
		return append([]string(nil), DefaultReviewRatings...), nil
	}
	return splitWords(v), nil
}

// SetReviewRatings sets the township's ratings (2 to 6 words, best first).
func (db *DB) SetReviewRatings(ctx context.Context, ratings []string) error {
	home, err := db.Home(ctx)
	if err != nil {
		return err
	}
	if home.Kind != KindTownship {
		return assets.Wrap(ErrDenied, "Only the township sets the ratings of the secretaries' reports.")
	}
	if err := db.mayAdmin(ctx); err != nil {
		return err
	}
	rs := splitWords(strings.Join(ratings, ","))
	if len(rs) < 2 || len(rs) > 6 {
		return assets.Wrap(ErrInvalid, "Give 2 to 6 ratings, best first, e.g. 好,较好,一般,差.")
	}
	return db.SetSetting(ctx, home.ID, reviewRatingsKey, strings.Join(rs, ","))
}

func splitWords(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
		if w = strings.TrimSpace(w); w != "" && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// SubmitReport records the secretary's report of the year (the village's PC); submitting
// again replaces it.
func (db *DB) SubmitReport(ctx context.Context, year int, secretary, report string) error {
	home, err := db.Home(ctx)
	if err != nil {
		return err
	}
	if home.Kind == KindTownship {
		return assets.Wrap(ErrDenied, "The secretary's report is written on the village's PC; the township rates it.")
	}
	if err := db.mayWrite(ctx); err != nil {
		return err
	}
	if year < 2000 || year > db.today().Year() {
		return assets.Wrap(ErrInvalid, "The year %d is not valid; write it as YYYY, e.g. 2026.", year)
	}
	secretary, report = strings.TrimSpace(secretary), strings.TrimSpace(report)
	if secretary == "" || report == "" {
		return assets.Wrap(ErrInvalid, "Enter the secretary's name and the report's text.")
	}
	if n := len([]rune(report)); n > MaxReportRunes {
		return assets.Wrap(ErrInvalid, "The report is too long (%d characters; at most %d).", n, MaxReportRunes)
	}
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "review_reports", yearRowID("review_reports", home.ID, year), map[string]any{"org_id": home.ID, "deleted": int64(0),
			"year": int64(year), "secretary": secretary, "report": report, "submitted_at": db.now().Format("2006-01-02 15:04")})
		return err
	})
}

// ReviewRating is what the township decides on a report.
type ReviewRating struct {
	Rating   string
	Comments string
	Items    []NewTask // items raised: they become tasks for the village (source 述职评议)
}

// RateReview records the township's rating of a village's report and raises its items as
// tasks, all in one transaction: a bad item leaves the rating unrecorded too. Rating again
// replaces the rating and comments and adds the new items.
func (db *DB) RateReview(ctx context.Context, code string, year int, r ReviewRating) ([]string, error) {
	home, err := db.Home(ctx)
	if err != nil {
		return nil, err
	}
	if home.Kind != KindTownship {
		return nil, assets.Wrap(ErrDenied, "Only the township rates the secretaries' reports.")
	}
	if err := db.mayAdmin(ctx); err != nil {
		return nil, err
	}
	v, err := db.villageByCode(ctx, code)
	if err != nil {
		return nil, err
	}
	if year < 2000 || year > db.today().Year() {
		return nil, assets.Wrap(ErrInvalid, "The year %d is not valid; write it as YYYY, e.g. 2026.", year)
	}
	ratings, err := db.ReviewRatings(ctx)
	if err != nil {
		return nil, err
	}
	r.Rating = strings.TrimSpace(r.Rating)
	ok := false
	for _, x := range ratings {
		ok = ok || x == r.Rating
	}
	if !ok {
		return nil, assets.Wrap(ErrInvalid, "Choose the rating from: %s.", strings.Join(ratings, "、"))
	}
	var ids []string
	err = db.Write(ctx, func(tx *Tx) error {
		id := yearRowID("review_ratings", v.ID, year)
		var old string
		if err := tx.r.QueryRowContext(ctx, "SELECT tasks FROM review_ratings WHERE id=? AND deleted=0", id).Scan(&old); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		for _, it := range r.Items {
			it.Source = ReviewSource
			if it.Kind == "" {
				it.Kind = TaskRectify
			}
			got, err := tx.DB().AddTask(ctx, []string{v.Code}, it)
			if err != nil {
				return err
			}
			ids = append(ids, got...)
		}
		all := append(splitWords(old), ids...)
		_, err := tx.r.Put(ctx, "review_ratings", id, map[string]any{"org_id": home.ID, "deleted": int64(0), "village_id": v.ID,
			"year": int64(year), "rating": r.Rating, "comments": strings.TrimSpace(r.Comments), "tasks": strings.Join(all, ","),
			"rated_at": db.now().Format("2006-01-02 15:04"), "rated_by": tx.User()})
		return err
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// Reviews lists the year's reviews: on a township every village's (in code order, those
// with neither report nor rating too), on a village its own.
func (db *DB) Reviews(ctx context.Context, year int) ([]Review, error) {
	orgs, err := db.kpiOrgs(ctx, nil)
	if err != nil {
		return nil, err
	}
	type rep struct{ org, secretary, report, at string }
	reps, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (rep, error) {
		var r rep
		return r, s.Scan(&r.org, &r.secretary, &r.report, &r.at)
	}, "SELECT org_id, secretary, report, submitted_at FROM review_reports WHERE deleted=0 AND year=?", year)
	if err != nil {
		return nil, err
	}
	type rat struct{ village, rating, comments, tasks, at, by string }
	rats, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (rat, error) {
		var r rat
		return r, s.Scan(&r.village, &r.rating, &r.comments, &r.tasks, &r.at, &r.by)
	}, `SELECT r.village_id, r.rating, r.comments, r.tasks, r.rated_at, r.rated_by FROM review_ratings r JOIN orgs o ON o.id=r.org_id
		WHERE r.deleted=0 AND r.year=? AND o.kind=?`, year, KindTownship)
	if err != nil {
		return nil, err
	}
	ts, err := db.Tasks(ctx, TaskFilter{})
	if err != nil {
		return nil, err
	}
	task := map[string]Task{}
	for _, t := range ts {
		task[t.ID] = t
	}
	byOrg := map[string]*Review{}
	out := make([]Review, len(orgs))
	for i, o := range orgs {
		out[i] = Review{OrgID: o.ID, OrgCode: o.Code, OrgName: o.Name, Year: year, Tasks: []Task{}}
		byOrg[o.ID] = &out[i]
	}
	for _, r := range reps {
		if x := byOrg[r.org]; x != nil {
			x.Secretary, x.Report, x.SubmittedAt = r.secretary, r.report, r.at
		}
	}
	for _, r := range rats {
		x := byOrg[r.village]
		if x == nil {
			continue
		}
		x.Rating, x.Comments, x.RatedAt, x.RatedBy = r.rating, r.comments, r.at, r.by
		for _, id := range splitWords(r.tasks) {
			if t, ok := task[id]; ok {
				x.Tasks = append(x.Tasks, t)
			}
		}
	}
	return out, nil
}
