package roster

import (
	"io"

	"zhibu/assets"
)

// Limits on what a roster may be, so that a damaged or hostile file is refused in seconds
// with a clear message instead of taking minutes and gigabytes: a township's whole roster is
// about 5,000 rows and 30 columns, a county's 30,000 rows.
const (
	MaxRows       = 50_000    // data rows (and rows of a worksheet)
	MaxColumns    = 200       // columns of a worksheet
	MaxFileBytes  = 64 << 20  // the file as stored
	MaxUnzipBytes = 256 << 20 // an .xlsx unpacked (it is a zip archive of XML files)
)

// readAllBounded reads the whole file, refusing one larger than MaxFileBytes.
func readAllBounded(name string, r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, assets.Wrap(err, "Cannot read %s. Check that the file is still there and not open in another program, then try again.", name)
	}
	if len(b) > MaxFileBytes {
		return nil, assets.Errorf("%s is larger than %d MB, far more than a roster. Check that it is the right file; a roster of several thousand members is only a few MB.", name, MaxFileBytes>>20)
	}
	return b, nil
}

func tooManyRows(name string) error {
	return assets.Errorf("%s has more than %d rows, more than a roster can have. Check that it is the right file, or split it into smaller files.", name, MaxRows)
}
