package backup

import (
	"archive/tar"
	"fmt"
	"os"

	"filippo.io/age"

	"zhibu/assets"
)

// Check reports whether file opens with password as a Zhibu backup (the first entry of the
// archive is read), without touching any database: the GUI asks it before it closes the
// open database to restore, so a wrong password changes nothing.
func Check(file, password string) error {
	f, err := os.Open(file)
	if err != nil {
		return assets.Wrap(err, "Cannot read %s. Check the file name and that the USB stick is plugged in.", file)
	}
	defer f.Close()
	id, err := age.NewScryptIdentity(password)
	if err != nil {
		return err
	}
	ar, err := age.Decrypt(f, id)
	if err != nil {
		return assets.Wrap(fmt.Errorf("%w: %v", ErrPassword, err), "The backup %s cannot be opened: the password is wrong or the file is not a Zhibu backup.", file)
	}
	if _, err := tar.NewReader(ar).Next(); err != nil {
		return assets.Wrap(err, "The backup %s is damaged. Use another backup.", file)
	}
	return nil
}
