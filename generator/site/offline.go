package site

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"pandu/generator/config"
	"pandu/generator/diag"
)

// swMarker is the string in static/sw.js that the build replaces with the build's data.
const swMarker = `"__PANDU_BUILD__"`

// iconSizes are the app icons a web app manifest lists when static/icons/icon-<size>.png exists.
var iconSizes = []string{"192", "512"}

type manifestIcon struct {
	Src     string `json:"src"`
	Sizes   string `json:"sizes"`
	Type    string `json:"type"`
	Purpose string `json:"purpose"`
}

type webManifest struct {
	Name            string         `json:"name"`
	ShortName       string         `json:"short_name"`
	Description     string         `json:"description"`
	Lang            string         `json:"lang"`
	Dir             string         `json:"dir"`
	StartURL        string         `json:"start_url"`
	Scope           string         `json:"scope"`
	Display         string         `json:"display"`
	BackgroundColor string         `json:"background_color"`
	ThemeColor      string         `json:"theme_color"`
	Icons           []manifestIcon `json:"icons"`
}

// writeOffline writes what offline reading needs, when the site has static/sw.js: each language's
// offline page (layouts/offline.html), its list of pages for "Save for offline" (offline.json)
// and its web app manifest; then it fills the build's data into the service worker. It must run
// after every other step: the build version is a digest of every other file of the output, so a
// new build (and only a new build) makes browsers install a new worker with fresh caches.
func (b *builder) writeOffline() error {
	const swFile = "static/sw.js"
	src, err := b.src.ReadFile(filepath.Join(b.opts.Source, filepath.FromSlash(swFile)), b.cfg.MaxFile())
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return diag.Problem{File: swFile, Message: err.Error()}
	}
	if n := bytes.Count(src, []byte(swMarker)); n != 1 {
		return diag.Problem{File: swFile, Line: lineOf(src, swMarker),
			Message: "the service worker must hold the placeholder " + swMarker + " exactly once; it holds it " + strconv.Itoa(n) + " times",
			Hint:    "write var BUILD = " + swMarker + "; the build replaces it with the build version and the files to keep"}
	}
	offline := map[string]string{}
	var pre []string
	// Kept from the first visit: every stylesheet, and the scripts every page loads (those
	// layouts/baseof.html names with {{asset}}).
	base := map[string]bool{}
	for _, name := range b.layouts.BaseAssets() {
		base[name] = true
	}
	for rel, u := range b.assets {
		if strings.HasSuffix(rel, ".css") || (base[rel] && strings.HasSuffix(rel, ".js")) {
			pre = append(pre, u)
		}
	}
	// scripts are the scripts a layout names beyond the base layout's: a guide's read-aloud
	// script, the search page's script. They go into the language's offline list.
	scripts := func(layout string) []string {
		var out []string
		for _, name := range b.layouts.Assets(layout) {
			if u, ok := b.assets[name]; ok && strings.HasSuffix(name, ".js") && !base[name] {
				out = append(out, u)
			}
		}
		return out
	}
	for _, l := range b.site.Languages {
		home := l.Home.URL
		var list []string
		if b.layouts.Has("offline") {
			u := home + "offline/"
			v := b.specialView(l.Code, "offline")
			v.Title, _ = b.catalog.T(l.Code, "offline_title")
			v.URL, v.AbsURL = u, b.cfg.AbsURL(u)
			v.Canonical = v.AbsURL
			html, err := b.layouts.Execute(l.Code, "offline", v)
			if err != nil {
				return err
			}
			if err := b.write("layouts/offline.html", b.outPath(u), html); err != nil {
				return err
			}
			offline[home] = u
			pre = append(pre, u)
		}
		if len(l.Pages) > 0 {
			list = append(list, scripts("page")...) // guides read aloud offline too
		}
		for _, pg := range l.Pages {
			list = append(list, config.EscapePath(pg.URL))
			for _, r := range pg.Resources {
				if isImage(r.URL) {
					list = append(list, config.EscapePath(r.URL))
				}
			}
		}
		if b.layouts.Has("search") {
			s := b.searchURL(l.Code)
			list = append(list, s, b.searchIndexURL(l.Code))
			list = append(list, scripts("search")...)
		}
		if err := b.writeJSON(home+"offline.json", list); err != nil {
			return err
		}
		if err := b.writeJSON(home+"manifest.webmanifest", b.manifest(l.Code, home)); err != nil {
			return err
		}
	}
	sort.Strings(pre)
	data, err := json.Marshal(map[string]any{"v": b.out.Digest("sw.js"), "pre": pre, "off": offline})
	if err != nil {
		return err
	}
	return b.out.Replace("sw.js", bytes.Replace(src, []byte(swMarker), data, 1))
}

// manifest is the web app manifest of one language: the installed site opens at its home.
func (b *builder) manifest(lang, home string) webManifest {
	l := b.cfg.Language(lang)
	th := b.cfg.Theme // site.toml [theme]
	m := webManifest{Name: l.Title, ShortName: th.ShortName, Description: l.Description, Lang: lang, Dir: l.Direction,
		StartURL: home, Scope: b.cfg.BasePath(), Display: "standalone", BackgroundColor: th.BackgroundColor,
		ThemeColor: th.Color, Icons: []manifestIcon{}}
	if m.Dir == "" {
		m.Dir = "auto"
	}
	for _, size := range iconSizes {
		if u, ok := b.assets["icons/icon-"+size+".png"]; ok {
			m.Icons = append(m.Icons, manifestIcon{Src: u, Sizes: size + "x" + size, Type: "image/png", Purpose: "any"},
				manifestIcon{Src: u, Sizes: size + "x" + size, Type: "image/png", Purpose: "maskable"})
		}
	}
	return m
}

// writeJSON writes v as JSON at a site path.
func (b *builder) writeJSON(url string, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	return b.write("static/sw.js", b.outPath(url), buf.Bytes())
}

func isImage(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg":
		return true
	}
	return false
}

// lineOf returns the 1-based line of the first s in src, or 0.
func lineOf(src []byte, s string) int {
	i := bytes.Index(src, []byte(s))
	if i < 0 {
		return 0
	}
	return bytes.Count(src[:i], []byte("\n")) + 1
}
