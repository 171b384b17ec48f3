package store

import (
	"errors"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"zhibu/assets"
	"zhibu/store/cnid"
)

// FieldProblem is one reason a member file cannot be saved.
type FieldProblem struct {
	Field string // canonical field name (name, id_number, joined_date, …)
	Err   *assets.Error
}

// ValidationError lists every problem found in one record.
type ValidationError struct {
	Problems []FieldProblem
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Field + ": " + p.Err.Error()
	}
	return strings.Join(parts, "; ")
}

// Chinese lists the problems in Chinese, one per line, each with the field's label.
func (e *ValidationError) Chinese() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = FieldLabel(p.Field) + "：" + p.Err.Chinese()
	}
	return strings.Join(parts, "\n")
}

func (e *ValidationError) Unwrap() error { return ErrInvalid }

var (
	mobileRe   = regexp.MustCompile(`^1[3-9][0-9]{9}$`)
	landlineRe = regexp.MustCompile(`^(0[0-9]{2,3}-?)?[0-9]{7,8}(-[0-9]{1,5})?$`)
)

func parseDate(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// ValidateMember checks a member file against the rules of DOMAIN.md, normalising it in
// place (ID number upper-cased, birth date and gender taken from the ID number when empty),
// and returns a *ValidationError listing every problem, or nil.
func ValidateMember(m *Member, now time.Time) error {
	var ps []FieldProblem
	add := func(field string, e *assets.Error) {
		ps = append(ps, FieldProblem{Field: field, Err: e})
	}
	m.Name = strings.Join(strings.Fields(m.Name), "")
	m.Phone = strings.TrimSpace(m.Phone)
	m.IDNumber = cnid.Normalize(m.IDNumber)
	switch {
	case m.Name == "":
		add("name", assets.Errorf("Enter the member's name."))
	case utf8.RuneCountInString(m.Name) > maxNameRunes:
		add("name", assets.Errorf("The name is too long (at most 20 characters)."))
	case strings.ContainsAny(m.Name, "0123456789"):
		add("name", assets.Errorf("The name contains digits. Check that the name and ID number are not swapped."))
	}
	parsed := map[string]time.Time{}
	for _, f := range memberFields {
		v := strings.TrimSpace(f.Get(m))
		f.set(m, v)
		switch f.Kind {
		case EnumField:
			slug, ok := f.Enum.Parse(v)
			if !ok {
				add(f.Name, assets.Errorf("%s is not a valid choice. Use one of: %s.", v, strings.Join(f.Enum.Labels(), "、")))
				continue
			}
			f.set(m, slug)
		case DateField:
			if v == "" {
				continue
			}
			t, ok := parseDate(v)
			if !ok {
				add(f.Name, assets.Errorf("%s is not a valid date. Write it as 2006-01-02.", v))
				continue
			}
			if t.After(now) {
				add(f.Name, assets.Errorf("The date %s is in the future. Check the date (and the computer's clock).", v))
				continue
			}
			parsed[f.Name] = t
		}
	}
	if m.IDNumber == "" {
		add("id_number", assets.Errorf("Enter the ID number (18 characters)."))
	} else if info, err := cnid.ValidateAt(m.IDNumber, now); err != nil {
		ps = append(ps, FieldProblem{Field: "id_number", Err: asUserErr(err)})
	} else {
		idBirth := info.BirthDate.Format(time.DateOnly)
		if b, ok := parsed["birth_date"]; ok && !b.Equal(info.BirthDate) {
			add("birth_date", assets.Errorf("The birth date %s does not match the ID number, which says %s. Check both.", m.BirthDate, idBirth))
		} else if m.BirthDate == "" {
			m.BirthDate = idBirth
			parsed["birth_date"] = info.BirthDate
		}
		idGender := "female"
		if info.Male {
			idGender = "male"
		}
		if m.Gender != "" && m.Gender != idGender {
			add("gender", assets.Errorf("The gender does not match the ID number, which says %s. Check both.", Gender.Label(idGender)))
		} else if m.Gender == "" {
			m.Gender = idGender
		}
	}
	if m.Gender == "" && m.IDNumber == "" {
		add("gender", assets.Errorf("Choose the gender."))
	}
	joined, hasJoined := parsed["joined_date"]
	if m.JoinedDate == "" {
		add("joined_date", assets.Errorf("Enter the joining date (入党时间)."))
	}
	if b, ok := parsed["birth_date"]; ok && hasJoined {
		if eighteen := b.AddDate(18, 0, 0); joined.Before(eighteen) {
			add("joined_date", assets.Errorf("The joining date %s is before the member's 18th birthday (%s). Check the dates.", m.JoinedDate, eighteen.Format(time.DateOnly)))
		}
	}
	if c, ok := parsed["confirmed_date"]; ok {
		switch {
		case m.Status == "probationary":
			add("confirmed_date", assets.Errorf("A probationary member has no full membership date. Clear the date or change the status to full member."))
		case hasJoined && c.Before(joined.AddDate(1, 0, 0)):
			add("confirmed_date", assets.Errorf("Full membership (%s) comes at least one year after joining (%s). Check the dates.", m.ConfirmedDate, m.JoinedDate))
		case hasJoined && c.After(joined.AddDate(2, 0, 0)):
			add("confirmed_date", assets.Errorf("Full membership (%s) comes at most two years after joining (%s), with an extended probation. Check the dates.", m.ConfirmedDate, m.JoinedDate))
		}
	}
	if since, ok := parsed["position_since"]; ok {
		switch {
		case m.Position == "" || m.Position == PositionMember:
			m.More["position_since"] = "" // an ordinary member holds no post: the date of a former one is not kept
		case hasJoined && since.Before(joined):
			add("position_since", assets.Errorf("The 任职时间 %s is before the joining date %s. Check the dates.", m.More["position_since"], m.JoinedDate))
		}
	}
	if m.Phone != "" && !mobileRe.MatchString(m.Phone) && !landlineRe.MatchString(m.Phone) {
		add("phone", assets.Errorf("%s is not a phone number. Enter an 11-digit mobile number or a landline such as 0371-12345678.", m.Phone))
	}
	if utf8.RuneCountInString(m.Notes) > maxNotesRunes {
		add("notes", assets.Errorf("The notes are too long (at most 2000 characters)."))
	}
	if len(ps) == 0 {
		return nil
	}
	return &ValidationError{Problems: ps}
}

// asUserErr returns the user-facing error inside err, or a generic one.
func asUserErr(err error) *assets.Error {
	var e *assets.Error
	if errors.As(err, &e) {
		return e
	}
	return assets.Wrap(err, "The operation failed because of an internal error. Please try again; if it happens again, contact the township office.")
}
