package assets

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"
)

// An error no layer explained still names a full or read-only disk, in Chinese.
func TestDiskCauseNamed(t *testing.T) {
	cases := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("write /media/u/zhibu.db-wal: %w", syscall.ENOSPC), "磁盘已满"},
		{errors.New("database or disk is full (13)"), "磁盘已满"},
		{Wrap(errors.New("sqlite: attempt to write a readonly database (8)"), internalKey), "只读"},
		{fmt.Errorf("open x: %w", syscall.EROFS), "只读"},
		{errors.New("index out of range"), "程序内部出错"},
	}
	for _, c := range cases {
		if got := Chinese(c.err); !strings.Contains(got, c.want) {
			t.Errorf("%v: %q, want %q", c.err, got, c.want)
		}
	}
}
