package backup

import (
	"os"
	"path/filepath"
	"strings"
	"time"

	"zhibu/store/atomicfile"
)

// staleOnStick is how old a temporary backup file on the stick must be to be removed: a
// backup killed midway (power cut, stick pulled, program killed) cannot remove its own.
const staleOnStick = time.Hour

// cleanStick removes, in the folder a backup is written to, the temporary files of backups
// that were killed: named as atomicfile's temporary files of a backup file (".zbak") and
// older than staleOnStick, or empty and older than a minute.
func cleanStick(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		name := e.Name()
		if e.IsDir() || !strings.HasPrefix(name, atomicfile.TempPrefix) || !strings.Contains(name, ".zbak-") {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		age := time.Since(info.ModTime())
		if age > staleOnStick || (info.Size() == 0 && age > time.Minute) {
			os.Remove(filepath.Join(dir, name))
		}
	}
}
