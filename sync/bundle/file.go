package bundle

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Errors of ReadFileSafe besides ErrTooLarge.
var (
	// ErrNotRegular: the path is a FIFO, a device, a folder, or a link leading out of its
	// folder (or to something that is not a regular file); it is not opened.
	ErrNotRegular = errors.New("not a regular file")
	// ErrSlow: reading the file took longer than the deadline (a dead stick, a stalled share).
	ErrSlow = errors.New("reading the file took too long")
)

// ReadDeadline is how long reading one file from a stick, a share or a sync folder may take.
var ReadDeadline = 2 * time.Minute

// ReadFileSafe reads a file from a stick, a shared folder or a sync folder, which anyone may
// have put there: only a regular file, or a link to a regular file in the same folder, at
// most limit bytes, within ReadDeadline. A FIFO, a device or a link out of the folder is never
// opened; a larger file is refused with ErrTooLarge before it is read.
func ReadFileSafe(path string, limit int64) ([]byte, error) {
	f, st, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	if st.Size() > limit {
		f.Close()
		return nil, ErrTooLarge
	}
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, limit+1))
		done <- result{b, err}
	}()
	select {
	case r := <-done:
		if r.err == nil && int64(len(r.b)) > limit {
			return nil, ErrTooLarge // it grew while being read
		}
		return r.b, r.err
	case <-time.After(ReadDeadline):
		return nil, ErrSlow
	}
}

// openRegular opens path if it is a regular file, or a link to one in the same folder, and
// returns it with its size. A FIFO is recognised before it is opened (opening one blocks
// until a writer appears); the open is non-blocking and re-checked against what was seen.
func openRegular(path string) (*os.File, fs.FileInfo, error) {
	lst, err := os.Lstat(path)
	if err != nil {
		return nil, nil, err
	}
	target := path
	if lst.Mode()&fs.ModeSymlink != 0 {
		real, err := filepath.EvalSymlinks(path)
		if err != nil {
			return nil, nil, ErrNotRegular
		}
		dir, err := filepath.EvalSymlinks(filepath.Dir(path))
		if err != nil || !within(real, dir) {
			return nil, nil, ErrNotRegular
		}
		target = real
	}
	want, err := os.Stat(target)
	if err != nil {
		return nil, nil, err
	}
	if !want.Mode().IsRegular() {
		return nil, nil, ErrNotRegular
	}
	f, err := os.OpenFile(target, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || !os.SameFile(st, want) {
		f.Close()
		return nil, nil, ErrNotRegular
	}
	if err := clearNonblock(f); err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}

// within reports whether path lies inside dir (both already free of links).
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
