// Package qr owns turning a URL into an inline SVG QR code. It asks a QR encoder for the module
// matrix only, then writes its own compact SVG: one <path> of horizontal runs of dark modules on
// a white square that keeps the four-module quiet zone scanners need, drawn with crispEdges so
// that printers and screens keep the modules sharp. The same URL always gives the same bytes.
package qr

import (
	"fmt"
	"html"
	"image/color"
	"strconv"
	"strings"

	"github.com/boombuler/barcode/qr"
)

// QuietZone is the width, in modules, of the white margin around the code.
const QuietZone = 4

// Matrix returns the modules of the QR code of text at error correction level M, without the
// quiet zone: m[y][x] is true for a dark module.
func Matrix(text string) ([][]bool, error) {
	code, err := qr.Encode(text, qr.M, qr.Auto)
	if err != nil {
		return nil, fmt.Errorf("QR code of %q: %w", text, err)
	}
	b := code.Bounds()
	m := make([][]bool, b.Dy())
	for y := range m {
		m[y] = make([]bool, b.Dx())
		for x := range m[y] {
			m[y][x] = dark(code.At(b.Min.X+x, b.Min.Y+y))
		}
	}
	return m, nil
}

func dark(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r+g+b < 3*0x8000
}

// SVG returns an inline <svg> element holding the QR code of text. label is its accessible name
// (role="img"); the size on the page is left to CSS (the element has a viewBox, no width).
func SVG(text, label string) (string, error) {
	m, err := Matrix(text)
	if err != nil {
		return "", err
	}
	n := len(m) + 2*QuietZone
	var sb strings.Builder
	sb.Grow(64 + len(m)*len(m)/2)
	fmt.Fprintf(&sb, `<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 %d %d" shape-rendering="crispEdges" role="img" aria-label="%s">`,
		n, n, html.EscapeString(label))
	fmt.Fprintf(&sb, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	for y, row := range m {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			run := strconv.Itoa(x - start)
			sb.WriteString("M" + strconv.Itoa(start+QuietZone) + " " + strconv.Itoa(y+QuietZone) + "h" + run + "v1h-" + run + "z")
		}
	}
	sb.WriteString(`"/></svg>`)
	return sb.String(), nil
}
