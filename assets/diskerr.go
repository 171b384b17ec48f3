package assets

import (
	"errors"
	"strings"
	"syscall"
)

const internalKey = "The operation failed because of an internal error. Please try again; if it happens again, contact the township office."

// diskCause names, as a catalog key, a cause a person can act on behind an error that no
// layer explained: a full disk, or a disk or file that cannot be written. "" if neither.
func diskCause(err error) string {
	var msg string
	for e := err; e != nil; e = errors.Unwrap(e) {
		msg += strings.ToLower(e.Error()) + "\n"
	}
	switch {
	case errors.Is(err, syscall.ENOSPC), strings.Contains(msg, "disk is full"), strings.Contains(msg, "no space left"),
		strings.Contains(msg, "not enough space"):
		return "The disk is full, so this could not be done and nothing was changed. Free some space on the disk (delete or move old files) and try again."
	case errors.Is(err, syscall.EROFS), strings.Contains(msg, "readonly database"), strings.Contains(msg, "read-only file system"),
		strings.Contains(msg, "write-protected"):
		return "The disk or file is read-only, so this could not be done and nothing was changed. Check the file's permissions, or the write-protect switch of the USB stick."
	}
	return ""
}
