// Package atomicfile writes files the way every file Zhibu writes must be written: to a
// temporary file in the same folder, synced to disk, then renamed over the target, so a power
// cut or a pulled USB stick leaves either the old file or the whole new one, never half.
package atomicfile

import (
	"io"
	"os"
	"path/filepath"
)

// TempPrefix starts the names of temporary files; readers skip files with this prefix.
const TempPrefix = ".zhibu-tmp-"

// Write calls fill with a temporary file next to path and, if fill succeeds, syncs it and
// renames it to path. On any error the temporary file is removed and path is untouched.
func Write(path string, fill func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, TempPrefix+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = fill(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	return syncDir(dir)
}

// WriteFile writes data to path atomically.
func WriteFile(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// syncDir makes the rename durable where the OS supports syncing a folder.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer d.Close()
	_ = d.Sync() // not supported on every OS or file system (e.g. FAT on a USB stick)
	return nil
}
