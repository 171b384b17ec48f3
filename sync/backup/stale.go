package backup

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Backups and restores unpack the database in a temporary folder beside it (where the data
// already is, 0700, its files 0600), named after the process that made it. A process killed
// midway cannot remove its folder; the next backup or restore does, once that process is
// gone.
const (
	backupTemp  = ".zhibu-backup-"
	restoreTemp = ".zhibu-restore-"
	staleAfter  = 24 * time.Hour // a folder this old is stale even if its process ID was reused
)

// tempDir makes this process's temporary folder in dir.
func tempDir(dir, prefix string) (string, error) {
	return os.MkdirTemp(dir, prefix+strconv.Itoa(os.Getpid())+"-")
}

// cleanStale removes the temporary folders in dir left by backups and restores that were
// killed.
func cleanStale(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		name := e.Name()
		var rest string
		switch {
		case strings.HasPrefix(name, backupTemp):
			rest = name[len(backupTemp):]
		case strings.HasPrefix(name, restoreTemp):
			rest = name[len(restoreTemp):]
		default:
			continue
		}
		pid, _ := strconv.Atoi(strings.SplitN(rest, "-", 2)[0])
		info, err := e.Info()
		if err != nil {
			continue
		}
		if pid == os.Getpid() || (alive(pid) && time.Since(info.ModTime()) < staleAfter) {
			continue
		}
		os.RemoveAll(filepath.Join(dir, name))
	}
}

// alive reports whether a process with the ID runs (false for 0: a folder of an older build).
func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false // Windows: no such process
	}
	if runtime.GOOS == "windows" {
		p.Release()
		return true
	}
	return p.Signal(syscall.Signal(0)) == nil
}
