package cnid

import (
	"errors"
	"testing"
	"time"

	"zhibu/assets"
)

var now = time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestValidateAt(t *testing.T) {
	tests := []struct {
		in   string
		want Info
		err  error
	}{
		{"11010519491231002X", Info{date(1949, 12, 31), false, "110105"}, nil},
		{"11010519491231002x", Info{date(1949, 12, 31), false, "110105"}, nil},
		{" 110105 19491231 002Ｘ ", Info{date(1949, 12, 31), false, "110105"}, nil},
		{"４１０９０１１９８５０７０１２６５９", Info{date(1985, 7, 1), true, "410901"}, nil},
		{"320102200001011238", Info{date(2000, 1, 1), true, "320102"}, nil},
		{"510123197003154569", Info{date(1970, 3, 15), false, "510123"}, nil},
		{"130102193609100011", Info{date(1936, 9, 10), true, "130102"}, nil},
		{"'410901198507012659", Info{date(1985, 7, 1), true, "410901"}, nil},
		{"410901198507012655", Info{}, ErrCheckDigit},
		{"410901198507012695", Info{}, ErrCheckDigit}, // last two swapped
		{"440306199002290011", Info{}, ErrBirthDate},  // 1990 is not a leap year
		{"440306189912310011", Info{}, ErrBirthDate},  // before 1900
		{"110101202701010019", Info{}, ErrFuture},
		{"41090119850701265", Info{}, ErrFormat},
		{"4109011985070126591", Info{}, ErrFormat},
		{"", Info{}, ErrFormat},
		{"41090119850701265Y", Info{}, ErrFormat},
		{"4109011985070X2659", Info{}, ErrFormat},
		{"张三0901198507012659", Info{}, ErrFormat},
		{"410901850701265", Info{}, ErrOldFormat},
	}
	for _, tt := range tests {
		got, err := ValidateAt(tt.in, now)
		if !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) {
			t.Errorf("ValidateAt(%q) error = %v, want %v", tt.in, err, tt.err)
			continue
		}
		if err != nil {
			var ue *assets.Error
			if !errors.As(err, &ue) || !assets.Has(ue.Key) {
				t.Errorf("ValidateAt(%q) error %v is not a user error with a catalog key", tt.in, err)
			}
			continue
		}
		if !got.BirthDate.Equal(tt.want.BirthDate) || got.Male != tt.want.Male || got.Region != tt.want.Region {
			t.Errorf("ValidateAt(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestValidateAtToday(t *testing.T) {
	// Born today is fine, whatever the time of day and zone of now.
	late := time.Date(2024, 1, 1, 23, 59, 0, 0, time.FixedZone("CST", 8*3600))
	if _, err := ValidateAt("110101202401010019", late); err != nil {
		t.Errorf("born today: %v", err)
	}
	if _, err := ValidateAt("110101202401010019", late.AddDate(0, 0, -1)); !errors.Is(err, ErrFuture) {
		t.Errorf("born tomorrow: %v, want ErrFuture", err)
	}
}

func TestCheckDigit(t *testing.T) {
	tests := []struct {
		in   string
		want byte
	}{
		{"11010519491231002", 'X'},
		{"41090119850701265", '9'},
		{"44030619900229001", '1'},
		{"32010220000101123", '8'},
		{"51012319700315456", '9'},
		{"1101051949123100", 0},
		{"1101051949123100A", 0},
		{"110105194912310021", 0},
	}
	for _, tt := range tests {
		if got := CheckDigit(tt.in); got != tt.want {
			t.Errorf("CheckDigit(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"11010519491231002x", "11010519491231002X"},
		{"\u3000１１０１０５ １９４９１２３１ ００２ｘ\t", "11010519491231002X"},
		{"'410901198507012659", "410901198507012659"},
		{"410901\u00a0198507012659\n", "410901198507012659"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMask(t *testing.T) {
	tests := []struct{ in, want string }{
		{"410901198507012659", "410901********2659"},
		{"11010519491231002X", "110105********002X"},
		{"410901850701265", "410901*****1265"},
		{"12345678901", "123456*8901"},
		{"1234567890", "**********"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Mask(tt.in); got != tt.want {
			t.Errorf("Mask(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMaskPhone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"13812345678", "138****5678"},
		{"0371-12345678", "037******5678"},
		{"12345678", "123*5678"},
		{"1234567", "*******"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := MaskPhone(tt.in); got != tt.want {
			t.Errorf("MaskPhone(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
