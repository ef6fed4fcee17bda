package templates

import (
	"fmt"
	"html/template"
	"sort"
	"strings"
)

// icons are the small pictures of sections and lists: 24×24 line drawings in the page's text
// colour, written into the page as inline SVG (no request, no icon font; they print like text).
// A page or section picks one with icon = "NAME" under [params] in its front matter; layouts
// write it with {{icon "NAME"}}. They are decorative: the text beside them says the same.
var icons = map[string]string{
	"scale":     `<path d="M12 3v18M7 21h10M4 7h16M7 7l-3 7a3 3 0 0 0 6 0zM17 7l-3 7a3 3 0 0 0 6 0z"/>`,
	"checklist": `<rect x="5" y="4" width="14" height="18" rx="2"/><path d="M9 2h6v4H9zM9 13l2 2 4-4"/>`,
	"briefcase": `<rect x="3" y="7" width="18" height="13" rx="2"/><path d="M8 7V5a2 2 0 0 1 2-2h4a2 2 0 0 1 2 2v2M3 13h18"/>`,
	"lifebuoy":  `<circle cx="12" cy="12" r="10"/><circle cx="12" cy="12" r="4"/><path d="m5 5 4 4m6 6 4 4m0-14-4 4m-6 6-4 4"/>`,
	"book":      `<path d="M4 20V4a2 2 0 0 1 2-2h14v16H6a2 2 0 0 0-2 2 2 2 0 0 0 2 2h14v-4"/>`,
}

const iconOpen = `<svg class="icon" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">`

// icon returns the inline SVG of a named icon; an unknown name is an error that lists the names.
func icon(name any) (template.HTML, error) {
	s, _ := name.(string)
	d, ok := icons[s]
	if !ok {
		names := make([]string, 0, len(icons))
		for n := range icons {
			names = append(names, n)
		}
		sort.Strings(names)
		return "", fmt.Errorf("unknown icon %q (icon under [params] in the front matter): use one of %s", name, strings.Join(names, ", "))
	}
	return template.HTML(iconOpen + d + `</svg>`), nil
}
