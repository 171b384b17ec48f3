package cli

import (
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"zhibu/app/report/form"
	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/atomicfile"
)

// 一张表: the township stores an upper level's forms and fills them from the records.

func init() {
	register(&command{name: "report form add", summary: "Store an upper level's .xlsx form marked with {{指标}} placeholders (一张表)",
		usage: "F.xlsx --name N", flags: []flagSpec{{name: "name", help: "The form's name (a new form, or the one to replace)"}},
		auth: authAdmin, run: runFormAdd})
	register(&command{name: "report form list", summary: "List the stored forms (一张表)", usage: "[--json]",
		auth: authOptional, run: runFormList})
	register(&command{name: "report form indicators", summary: "List the indicators a form may ask for, with their definitions", usage: "[--json]",
		auth: authNone, noDB: true, run: runFormIndicators})
	register(&command{name: "report form fill", summary: "Fill a stored form for a period from the records",
		usage: "NAME --period P --out F.xlsx", flags: []flagSpec{{name: "period", help: "Month (2026-11), quarter (2026Q4) or year (2026)"}, {name: "out", help: "Output file (.xlsx)"}},
		auth: authOptional, run: runFormFill})
}

func runFormAdd(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give one .xlsx file: zhibu report form add F.xlsx --name N")
	}
	path := e.Args[0]
	if strings.TrimSpace(e.Flag("name")) == "" {
		return usagef("Give the form a name with --name.")
	}
	data, err := form.ReadFile(path)
	if err != nil {
		return err
	}
	id, err := e.DB.AddFormTemplate(e.Ctx, e.Flag("name"), filepath.Base(path), data)
	if err != nil {
		return err
	}
	return e.printID(id)
}

func runFormList(e *Env) error {
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	ts, err := e.DB.FormTemplates(e.Ctx)
	if err != nil {
		return err
	}
	if e.JSON {
		if ts == nil {
			ts = []store.FormTemplate{}
		}
		return e.printJSON(ts)
	}
	if len(ts) == 0 {
		fmt.Fprintln(e.Out, assets.T("No forms stored yet. Add one with: zhibu report form add F.xlsx --name N"))
		return nil
	}
	tw := tabwriter.NewWriter(e.Out, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, assets.T("Form name")+"\t"+assets.T("File")+"\t"+assets.T("Marked cells")+"\t"+assets.T("Added"))
	for _, t := range ts {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", t.Name, t.FileName, len(t.Mapping), t.CreatedAt)
	}
	return tw.Flush()
}

func runFormIndicators(e *Env) error {
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	list := form.Indicators()
	if e.JSON {
		return e.printJSON(list)
	}
	tw := tabwriter.NewWriter(e.Out, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, assets.T("Placeholder")+"\t"+assets.T("Unit")+"\t"+assets.T("Where")+"\t"+assets.T("Definition"))
	for _, in := range list {
		fmt.Fprintf(tw, "{{%s}}\t%s\t%s\t%s（%s）\n", in.Label, in.Unit, form.LevelLabel(in.Level), in.Definition, in.Period)
	}
	fmt.Fprintln(tw, "{{#各村}} … {{/各村}}\t\t\t"+assets.T("Rows from the one holding {{#各村}} to the one holding {{/各村}} are repeated once per village."))
	return tw.Flush()
}

func runFormFill(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give the form's name: zhibu report form fill NAME --period P --out F.xlsx")
	}
	p, err := store.ParsePeriod(e.Flag("period"))
	if err != nil {
		return usagef("Give the period as --period 2026-11, 2026Q4 or 2026.")
	}
	out := e.Flag("out")
	if out == "" || strings.ToLower(filepath.Ext(out)) != ".xlsx" {
		return usagef("Give --out F.xlsx.")
	}
	t, err := e.DB.FormTemplateByName(e.Ctx, e.Args[0])
	if err != nil {
		return err
	}
	data, err := e.DB.FormData(e.Ctx, t.ID)
	if err != nil {
		return err
	}
	b, res, err := form.Fill(e.Ctx, e.DB, data, t.Mapping, p)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteFile(out, b); err != nil {
		return assets.Wrap(err, "Cannot write the file %s. Check the folder exists and is writable.", out)
	}
	if e.JSON {
		return e.printJSON(map[string]any{"out": out, "villages": res.Villages, "cells": res.Cells, "ms": res.Took.Milliseconds()})
	}
	fmt.Fprintln(e.Out, assets.T("Wrote %s: %d placeholders filled for %d villages in %d ms.", out, res.Cells, res.Villages, res.Took.Milliseconds()))
	return nil
}
