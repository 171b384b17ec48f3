package main

import (
	_ "embed"
	"fmt"

	"fyne.io/fyne/v2"
	"github.com/BurntSushi/toml"

	"zhibu/assets"
)

// fyneAppTOML is the one place the version lives: Fyne's packager reads it for the Windows
// version resource, the Makefile for package names, and this file for "zhibu version" and the
// About screen.
//
//go:embed FyneApp.toml
var fyneAppTOML string

// metadata parses FyneApp.toml into the app's metadata; commit is the source revision shown
// beside the version.
func metadata(commit string) (fyne.AppMetadata, error) {
	var f struct {
		Details struct {
			ID, Name, Version string
			Build             int
		}
	}
	if _, err := toml.Decode(fyneAppTOML, &f); err != nil {
		return fyne.AppMetadata{}, fmt.Errorf("parse FyneApp.toml: %w", err)
	}
	d := f.Details
	if d.Version == "" || d.ID == "" {
		return fyne.AppMetadata{}, fmt.Errorf("FyneApp.toml: Details.Version and Details.ID are required")
	}
	return fyne.AppMetadata{
		ID: d.ID, Name: d.Name, Version: d.Version, Build: d.Build,
		Icon:   fyne.NewStaticResource("zhibu.png", assets.Icon()),
		Custom: map[string]string{"commit": commit},
	}, nil
}
