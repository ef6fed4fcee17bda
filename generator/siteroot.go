package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"pandu/generator/diag"
)

// siteFile marks a site's root folder.
const siteFile = "site.toml"

// findSite returns the root of the site that a command started in dir works on: dir or the
// nearest folder above it that holds site.toml. When there is none, each of also is tried the
// same way, and then its sub-folders (exactly one of them must be a site): a double-clicked
// binary starts in the user's home folder on macOS, so the preview also looks where the binary
// itself is, beside or above the site it was unzipped into.
func findSite(dir string, also ...string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if root, ok := siteAbove(abs); ok {
		return root, nil
	}
	for _, d := range also {
		if d == "" {
			continue
		}
		if root, ok := siteAbove(d); ok {
			return root, nil
		}
		if root, ok := siteBelow(d); ok {
			return root, nil
		}
	}
	where := fmt.Sprintf("%s and the folders above it", abs)
	for _, d := range also {
		if d != "" && d != abs {
			where += fmt.Sprintf(", nor %s (where pandu is)", d)
		}
	}
	return "", diag.Problem{File: abs,
		Message: fmt.Sprintf("this is not inside a Pandu site: no %s was found in %s", siteFile, where),
		Hint: "a site is the folder that holds site.toml, content/, layouts/ and static/.\n" +
			"Put the pandu program into that folder and start it there (double-click it), or start it\n" +
			"from a terminal inside that folder, or name the folder: pandu serve --source PATH"}
}

// siteAbove returns dir or the nearest folder above it holding site.toml.
func siteAbove(dir string) (string, bool) {
	for {
		if isFile(filepath.Join(dir, siteFile)) {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// siteBelow returns the one sub-folder of dir that holds site.toml (none when several do).
func siteBelow(dir string) (string, bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", false
	}
	found := ""
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if sub := filepath.Join(dir, e.Name()); isFile(filepath.Join(sub, siteFile)) {
			if found != "" {
				return "", false
			}
			found = sub
		}
	}
	return found, found != ""
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// executableDir returns the folder of the running program ("" when unknown).
func executableDir() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	return filepath.Dir(exe)
}

// siteSource sets *source, when the command line did not give --source, to the site that the
// current folder is in (or a folder above it), so every command works from any sub-folder of a
// site.
func siteSource(fs *flag.FlagSet, source *string, also ...string) error {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "source" })
	if given {
		return nil
	}
	root, err := findSite(".", also...)
	if err != nil {
		return err
	}
	*source = root
	return nil
}
