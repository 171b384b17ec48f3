package cli

import (
	"fmt"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	register(&command{name: "user add", summary: "Add a local user account (password from ZHIBU_NEW_PASSWORD)",
		usage: "NAME --role secretary|recorder|readonly|township_admin", flags: []flagSpec{{name: "role", help: "Role"}},
		auth: authAdmin, run: runUserAdd})
	register(&command{name: "user list", summary: "List the local user accounts", auth: authOptional, run: runUserList})
	register(&command{name: "user passwd", summary: "Set a user's password (from ZHIBU_NEW_PASSWORD) and unlock the account",
		usage: "NAME", auth: authAdmin, run: runUserPasswd})
}

func runUserAdd(e *Env) error {
	if len(e.Args) != 1 || e.Flag("role") == "" {
		return usagef("Give the user name and --role.")
	}
	pw := e.Getenv("ZHIBU_NEW_PASSWORD")
	if pw == "" {
		return usagef("Give the new user's password in ZHIBU_NEW_PASSWORD.")
	}
	if _, err := e.DB.AddUser(e.Ctx, e.Args[0], e.Flag("role"), pw); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("Added the user %s.", e.Args[0]))
	return nil
}

func runUserList(e *Env) error {
	us, err := e.DB.Users(e.Ctx)
	if err != nil {
		return err
	}
	if e.JSON {
		if us == nil {
			us = []store.User{}
		}
		return e.printJSON(us)
	}
	for _, u := range us {
		fmt.Fprintf(e.Out, "%s\t%s\n", u.Name, store.RoleLabel(u.Role))
	}
	return nil
}

func runUserPasswd(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give the user name.")
	}
	pw := e.Getenv("ZHIBU_NEW_PASSWORD")
	if pw == "" {
		return usagef("Give the new password in ZHIBU_NEW_PASSWORD.")
	}
	if err := e.DB.SetPassword(e.Ctx, e.Args[0], pw); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("Changed the password of %s.", e.Args[0]))
	return nil
}
