package store

import (
	"bufio"
	"context"
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"

	"zhibu/assets"
	"zhibu/store/replica"
)

// MinPassword is the shortest password accepted for a new or changed account.
const MinPassword = 8

//go:embed passwords/common.txt
var commonText string

var (
	commonOnce sync.Once
	common     map[string]bool
)

// commonPassword reports whether pw is one of the most common passwords (a small list
// shipped with the program: the top of the leaked-password lists, Chinese ones included).
func commonPassword(pw string) bool {
	commonOnce.Do(func() {
		common = map[string]bool{}
		s := bufio.NewScanner(strings.NewReader(commonText))
		for s.Scan() {
			if w := strings.TrimSpace(s.Text()); w != "" {
				common[w] = true
			}
		}
	})
	p := strings.ToLower(pw)
	if common[p] {
		return true
	}
	// One character repeated ("aaaaaaaa", "11111111").
	first, _ := utf8.DecodeRuneInString(p)
	return strings.Trim(p, string(first)) == ""
}

// PasswordProblem says why a password is too weak for a new or changed account (nil: fine).
func PasswordProblem(pw string) error {
	if utf8.RuneCountInString(pw) < MinPassword {
		return assets.Wrap(ErrInvalid, "The password must have at least 8 characters.")
	}
	if commonPassword(pw) {
		return assets.Wrap(ErrInvalid, "This password is one of the most common ones and is guessed first. Choose another (for example a short sentence with numbers).")
	}
	return nil
}

// MinBackupPassword is the shortest password that may lock a backup.
const MinBackupPassword = 10

// BackupPasswordProblem says why a password may not lock a backup (nil: it may). A backup
// travels on a USB stick, which is lost far more often than a PC: whoever finds it can try
// passwords offline for as long as they like. So the backup has its own password, longer
// than a login's, not a common one, and not the login password of any account here (which
// is typed daily in front of others, and the backup holds the accounts' hashes besides).
func (db *DB) BackupPasswordProblem(ctx context.Context, pw string) error {
	if utf8.RuneCountInString(pw) < MinBackupPassword || commonPassword(pw) {
		return assets.Wrap(ErrInvalid, "The backup password must have at least 10 characters and not be a common one. Write it down and keep it apart from the USB stick: without it the backup cannot be restored.")
	}
	hashes, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (string, error) {
		var h string
		return h, s.Scan(&h)
	}, "SELECT pw_hash FROM users")
	if err != nil {
		return db.diskErr(err)
	}
	for _, h := range hashes {
		if verifyPassword(h, pw) {
			return assets.Wrap(ErrInvalid, "The backup password must not be a login password: a lost USB stick would then open with a password that is typed every day. Choose a separate backup password.")
		}
	}
	return nil
}
