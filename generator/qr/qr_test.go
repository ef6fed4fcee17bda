package qr

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// paint reads back the runs of an SVG made by SVG into a module grid (quiet zone included).
func paint(t *testing.T, svg string) [][]bool {
	t.Helper()
	vb := regexp.MustCompile(`viewBox="0 0 (\d+) (\d+)"`).FindStringSubmatch(svg)
	if vb == nil || vb[1] != vb[2] {
		t.Fatalf("no square viewBox in %.120s", svg)
	}
	n, _ := strconv.Atoi(vb[1])
	grid := make([][]bool, n)
	for i := range grid {
		grid[i] = make([]bool, n)
	}
	d := regexp.MustCompile(`<path fill="#000" d="([^"]*)"`).FindStringSubmatch(svg)
	if d == nil {
		t.Fatalf("no path in %.120s", svg)
	}
	runs := regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`).FindAllStringSubmatch(d[1], -1)
	if got := regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`).ReplaceAllString(d[1], ""); got != "" {
		t.Fatalf("unexpected path data %q", got)
	}
	for _, r := range runs {
		x, _ := strconv.Atoi(r[1])
		y, _ := strconv.Atoi(r[2])
		w, _ := strconv.Atoi(r[3])
		if r[3] != r[4] {
			t.Fatalf("run %q does not close", r[0])
		}
		for i := x; i < x+w; i++ {
			if grid[y][i] {
				t.Fatalf("module %d,%d painted twice", i, y)
			}
			grid[y][i] = true
		}
	}
	return grid
}

func TestSVGMatchesMatrix(t *testing.T) {
	for _, url := range []string{
		"https://pandu.example.org/id/",
		"https://pandu.example.org/en/preparing/costs-and-fees/",
		"https://pandu.example.org/ms/bantuan/jika-ada-masalah/?x=1&y=<2>",
	} {
		svg, err := SVG(url, "QR: "+url)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Count(svg, "<path") != 1 || !strings.Contains(svg, `shape-rendering="crispEdges"`) {
			t.Errorf("%s: want one crisp path: %.200s", url, svg)
		}
		if strings.Contains(svg, "<2>") {
			t.Errorf("label not escaped: %.300s", svg)
		}
		m, err := Matrix(url)
		if err != nil {
			t.Fatal(err)
		}
		if len(m) < 21 || (len(m)-17)%4 != 0 {
			t.Fatalf("%s: %d modules is not a QR version size", url, len(m))
		}
		grid := paint(t, svg)
		if len(grid) != len(m)+2*QuietZone {
			t.Fatalf("%s: grid %d, want %d", url, len(grid), len(m)+2*QuietZone)
		}
		for y := range grid {
			for x := range grid[y] {
				want := false
				if mx, my := x-QuietZone, y-QuietZone; mx >= 0 && my >= 0 && mx < len(m) && my < len(m) {
					want = m[my][mx]
				}
				if grid[y][x] != want {
					t.Fatalf("%s: module %d,%d is %v, want %v", url, x, y, grid[y][x], want)
				}
			}
		}
		// The finder pattern's corner: a dark 7x7 square starting at the quiet zone.
		for i := 0; i < 7; i++ {
			if !grid[QuietZone][QuietZone+i] || !grid[QuietZone+i][QuietZone] {
				t.Fatalf("%s: finder pattern missing", url)
			}
		}
	}
}

func TestSVGDeterministic(t *testing.T) {
	a, _ := SVG("https://pandu.example.org/en/", "x")
	b, _ := SVG("https://pandu.example.org/en/", "x")
	if a != b {
		t.Fatal("two SVGs of the same URL differ")
	}
	c, _ := SVG("https://pandu.example.org/ms/", "x")
	if a == c {
		t.Fatal("different URLs give the same SVG")
	}
}
