package store

import (
	"context"
	"sort"
	"strings"

	"zhibu/assets"
)

// The village's declaration and self-assessment, the township's assessment and plaque.

// DeclareStars records the village's target stars for the year (定标报星): star codes of the
// year's scheme, with at most the scheme's number of self-chosen stars. Declaring again
// replaces the targets.
func (db *DB) DeclareStars(ctx context.Context, year int, codes []string) error {
	home, s, err := db.villageStarYear(ctx, year)
	if err != nil {
		return err
	}
	if codes, err = targetCodes(s, codes); err != nil {
		return err
	}
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "star_declarations", yearRowID("star_declarations", home.ID, year), map[string]any{"org_id": home.ID, "deleted": int64(0),
			"year": int64(year), "targets": strings.Join(codes, ","), "declared_at": db.now().Format("2006-01-02 15:04")})
		return err
	})
}

// SelfAssess records the village's year-end self-assessment (自评): the judged stars among its
// targets it considers earned, and a note. The measured stars need no claim: the records
// decide them.
func (db *DB) SelfAssess(ctx context.Context, year int, codes []string, note string) error {
	home, s, err := db.villageStarYear(ctx, year)
	if err != nil {
		return err
	}
	r, err := db.starStanding(ctx, s, home.ID)
	if err != nil {
		return err
	}
	if r.Declared == "" {
		return assets.Wrap(ErrInvalid, "Declare the year's target stars first (定标报星), then assess the year.")
	}
	if r.Stage == StarsAssessed {
		return assets.Wrap(ErrInvalid, "The township has already assessed %d; the self-assessment can no longer change.", year)
	}
	if codes, err = judgedTargets(s, r, codes, false); err != nil {
		return err
	}
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "star_declarations", yearRowID("star_declarations", home.ID, year), map[string]any{
			"self_stars": strings.Join(codes, ","), "self_note": strings.TrimSpace(note), "self_at": db.now().Format("2006-01-02 15:04")})
		return err
	})
}

// StarAssessment is what the township decides for a village's year.
type StarAssessment struct {
	Awarded  []string // judged star codes awarded
	Note     string
	PlaqueOn string // YYYY-MM-DD of 挂牌授星; "" not yet
}

// AssessStars records the township's assessment (考评) of a village's year: the judged stars
// it awards among the village's targets, a note and the plaque date. It goes down with the
// next sync; assessing again replaces it.
func (db *DB) AssessStars(ctx context.Context, code string, year int, a StarAssessment) error {
	home, err := db.Home(ctx)
	if err != nil {
		return err
	}
	if home.Kind != KindTownship {
		return assets.Wrap(ErrDenied, "Only the township assesses the branches' stars (考评).")
	}
	if err := db.mayAdmin(ctx); err != nil {
		return err
	}
	v, err := db.villageByCode(ctx, code)
	if err != nil {
		return err
	}
	if year < 2000 || year > db.today().Year() {
		return assets.Wrap(ErrInvalid, "The year %d is not valid; a year is assessed once it has begun, e.g. 2026.", year)
	}
	if a.PlaqueOn = strings.TrimSpace(a.PlaqueOn); a.PlaqueOn != "" {
		d, ok := parseDay(a.PlaqueOn)
		if !ok {
			return assets.Wrap(ErrInvalid, "The date %s is not a date; write it as YYYY-MM-DD, e.g. 2026-12-31.", a.PlaqueOn)
		}
		if d.After(db.today()) {
			return assets.Wrap(ErrInvalid, "The date %s is in the future; give the day the plaque was awarded.", a.PlaqueOn)
		}
		a.PlaqueOn = fmtDay(d)
	}
	s, err := db.StarSchemeFor(ctx, year)
	if err != nil {
		return err
	}
	r, err := db.starStanding(ctx, s, v.ID)
	if err != nil {
		return err
	}
	codes, err := judgedTargets(s, r, a.Awarded, true)
	if err != nil {
		return err
	}
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "star_assessments", yearRowID("star_assessments", v.ID, year), map[string]any{"org_id": home.ID, "deleted": int64(0),
			"village_id": v.ID, "year": int64(year), "awarded": strings.Join(codes, ","), "note": strings.TrimSpace(a.Note),
			"assessed_at": db.now().Format("2006-01-02 15:04"), "assessed_by": tx.User(), "plaque_on": a.PlaqueOn})
		return err
	})
}

// villageStarYear checks a village PC may write its star year and returns its scheme.
func (db *DB) villageStarYear(ctx context.Context, year int) (Org, StarScheme, error) {
	home, err := db.Home(ctx)
	if err != nil {
		return home, StarScheme{}, err
	}
	if home.Kind == KindTownship {
		return home, StarScheme{}, assets.Wrap(ErrDenied, "Target stars and the self-assessment are the village's: they are recorded on the village's PC.")
	}
	if err := db.mayWrite(ctx); err != nil {
		return home, StarScheme{}, err
	}
	if year < 2000 || year > db.today().Year()+1 {
		return home, StarScheme{}, assets.Wrap(ErrInvalid, "The year %d is not valid; write it as YYYY, e.g. 2026.", year)
	}
	s, err := db.StarSchemeFor(ctx, year)
	return home, s, err
}

// starCodes checks codes against the scheme and returns them trimmed, unique, in scheme order.
func starCodes(s StarScheme, codes []string) ([]string, error) {
	pos := map[string]int{}
	for i, x := range s.Stars {
		pos[x.Code] = i
	}
	seen := map[string]bool{}
	var out []string
	for _, c := range codes {
		if c = strings.TrimSpace(c); c == "" || seen[c] {
			continue
		}
		if _, ok := pos[c]; !ok {
			return nil, assets.Wrap(ErrInvalid, "The scheme of %d has no star %s.", s.Year, c)
		}
		seen[c] = true
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return pos[out[i]] < pos[out[j]] })
	return out, nil
}

// targetCodes checks declared target stars (定标报星): at least one, known to the scheme, and
// no more self-chosen stars than it allows; it returns them as starCodes does. Branches and
// members declare alike.
func targetCodes(s StarScheme, codes []string) ([]string, error) {
	codes, err := starCodes(s, codes)
	if err != nil {
		return nil, err
	}
	if len(codes) == 0 {
		return nil, assets.Wrap(ErrInvalid, "Choose at least one target star.")
	}
	chosen := 0
	for _, c := range codes {
		if x, _ := s.Star(c); x.Group == StarChosen {
			chosen++
		}
	}
	if chosen > s.Grades.Chosen {
		return nil, assets.Wrap(ErrInvalid, "You chose %d self-chosen stars; the scheme allows %d. Untick some.", chosen, s.Grades.Chosen)
	}
	return codes, nil
}

// judgedTargets checks that codes are judged stars among the village's targets. The
// township assessing a village that declared no targets in the app (it declared on paper)
// may award up to the scheme's number of self-chosen stars.
func judgedTargets(s StarScheme, r StarResult, codes []string, township bool) ([]string, error) {
	codes, err := starCodes(s, codes)
	if err != nil {
		return nil, err
	}
	lines := map[string]StarLine{}
	for _, l := range r.Lines {
		lines[l.Code] = l
	}
	chosen := 0
	for _, c := range codes {
		l := lines[c]
		if township && r.Declared == "" && l.Group == StarChosen {
			if chosen++; chosen > s.Grades.Chosen {
				return nil, assets.Wrap(ErrInvalid, "You chose %d self-chosen stars; the scheme allows %d. Untick some.", chosen, s.Grades.Chosen)
			}
			continue
		}
		if !l.Target {
			return nil, assets.Wrap(ErrInvalid, "%s is not among the village's target stars.", l.Name)
		}
		if l.Measure != "" {
			return nil, assets.Wrap(ErrInvalid, "%s is earned from the records (%s), not by assessment.", l.Name, MeasureLabel(l.Measure))
		}
	}
	return codes, nil
}
