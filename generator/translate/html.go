package translate

import (
	"bytes"
	"html/template"
	"io"
	"strings"
)

// WriteHTML writes the report as one self-contained HTML page (no scripts, no external files),
// for editors previewing the site: the preview server serves it at /_status/.
func WriteHTML(w io.Writer, r *Report) error {
	var buf bytes.Buffer
	if err := statusPage.Execute(&buf, r); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

type diffLine struct {
	Class string
	Text  string
}

var statusPage = template.Must(template.New("status").Funcs(template.FuncMap{
	"diffLines": func(d string) []diffLine {
		var out []diffLine
		for _, l := range strings.Split(strings.TrimSuffix(d, "\n"), "\n") {
			c := ""
			switch {
			case strings.HasPrefix(l, "+++"), strings.HasPrefix(l, "---"):
				c = "h"
			case strings.HasPrefix(l, "@@"):
				c = "at"
			case strings.HasPrefix(l, "+"):
				c = "add"
			case strings.HasPrefix(l, "-"):
				c = "del"
			}
			out = append(out, diffLine{c, l})
		}
		return out
	},
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Translation status</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a}
h1{font-size:1.5rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #ddd}h3{font-size:1rem}
.ok{color:#11632b}.bad{color:#9b1c1c}.summary{font-weight:600}
ul{padding-left:1.25rem}code{font-size:.9em}
pre{overflow-x:auto;background:#f6f6f6;padding:.5rem;font-size:.85rem;line-height:1.35}
.add{background:#dcfce7}.del{background:#fee2e2}.at{color:#555}.h{color:#555;font-weight:600}
details{margin:.25rem 0 .75rem}
</style>
</head>
<body>
<h1>Translation status</h1>
<p>Source language: {{.Source.Name}} ({{.Source.Code}}), {{.SourcePages}} pages. Reviews are due after {{.ReviewMonths}} months (as of {{.Today}}).</p>
{{- with .Errors}}
<h2 class="bad">The site has {{len .}} errors</h2>
<p>The files with errors are left out of this report.</p>
<ul>
{{- range .}}
<li><pre>{{.}}</pre></li>
{{- end}}
</ul>
{{- end}}
{{- if .Failed}}
<p class="summary bad">Some translations need work.</p>
{{- else}}
<p class="summary ok">All translations are up to date.</p>
{{- end}}
{{- range .Languages}}
<section>
<h2>{{.Name}} ({{.Code}}){{if .IsSource}}, the source language{{end}}</h2>
{{- if not .IsSource}}
<p>{{len .UpToDate}} up to date, {{len .Drifted}} changed in the source, {{len .Missing}} not translated, {{len .MissingStrings}} UI strings missing.</p>
{{- end}}
{{- with .Drifted}}
<h3 class="bad">Source changed since the translation</h3>
<p>Readers see a notice on these pages. After updating one, run <code>pandu status --mark-synced FILE</code>.</p>
<ul>
{{- range .}}
<li><a href="{{.URL}}">{{.Title}}</a> <code>{{.File}}</code>, source <a href="{{.SourceURL}}"><code>{{.SourceFile}}</code></a>
{{- if .NeverSynced}}<br>Never marked as synced: compare it with the source.
{{- else if not .Diff}}<br>Translated from version {{.Recorded}}, now {{.Current}}; that version is not kept, so compare the whole page.
{{- else}}
<details open><summary>Changes in the source since it was translated</summary>
<pre>{{range diffLines .Diff}}<span{{with .Class}} class="{{.}}"{{end}}>{{.Text}}</span>
{{end}}</pre>
</details>
{{- end}}</li>
{{- end}}
</ul>
{{- end}}
{{- with .Missing}}
<h3 class="bad">Not translated yet</h3>
<p>Readers see the source text with a notice.</p>
<ul>
{{- range .}}
<li><code>{{.File}}</code>: <a href="{{.SourceURL}}">{{.Title}}</a> (<code>{{.SourceFile}}</code>)</li>
{{- end}}
</ul>
{{- end}}
{{- with .NoSource}}
<h3>Pages with no source page</h3>
<ul>
{{- range .}}
<li><a href="{{.URL}}">{{.Title}}</a> <code>{{.File}}</code></li>
{{- end}}
</ul>
{{- end}}
{{- if .MissingStrings}}
<h3 class="bad">UI strings missing in <code>{{.StringsFile}}</code></h3>
<p>{{range $i, $k := .MissingStrings}}{{if $i}}, {{end}}<code>{{$k}}</code>{{end}}</p>
{{- end}}
{{- with .Overdue}}
<h3>Guides due for a review</h3>
<ul>
{{- range .}}
<li><code>{{.File}}</code>: {{.Title}} (reviewed {{.Reviewed}})</li>
{{- end}}
</ul>
{{- end}}
{{- if and (not .IsSource) (not .Drifted) (not .Missing) (not .MissingStrings)}}
<p class="ok">Everything is translated and up to date.</p>
{{- end}}
</section>
{{- end}}
</body>
</html>
`))
