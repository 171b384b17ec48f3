package usb

import (
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"sort"
)

// Drives lists the folders where removable drives are mounted: on Windows every drive
// letter but the system's; on Linux the desktop's automount folders (/media/USER/*,
// /run/media/USER/*) and /mnt/*.
func Drives() []string {
	var out []string
	if runtime.GOOS == "windows" {
		system := os.Getenv("SystemDrive")
		for c := 'D'; c <= 'Z'; c++ {
			root := string(c) + ":\\"
			if string(c)+":" == system {
				continue
			}
			if _, err := os.Stat(root); err == nil {
				out = append(out, root)
			}
		}
		return out
	}
	var bases []string
	if u, err := user.Current(); err == nil {
		bases = append(bases, filepath.Join("/media", u.Username), filepath.Join("/run/media", u.Username))
	}
	bases = append(bases, "/media", "/mnt")
	seen := map[string]bool{}
	for _, b := range bases {
		entries, err := os.ReadDir(b)
		if err != nil {
			continue
		}
		for _, e := range entries {
			p := filepath.Join(b, e.Name())
			if st, err := os.Stat(p); err != nil || !st.IsDir() || seen[p] || isUserDir(bases, p) {
				continue
			}
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// isUserDir reports whether p is itself one of the per-user automount folders.
func isUserDir(bases []string, p string) bool {
	for _, b := range bases {
		if b == p {
			return true
		}
	}
	return false
}
