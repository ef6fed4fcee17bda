package main

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestTerminalQRScans draws the terminal QR code as a picture, one character cell as two
// stacked blocks, and decodes it with zbarimg (Debian's zbar-tools, installed by make test), as a
// phone camera pointed at the terminal would.
func TestTerminalQRScans(t *testing.T) {
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		t.Fatal("zbarimg not found: apt-get install -y zbar-tools (make test installs it)")
	}
	url := "http://192.168.1.23:1313/"
	text, err := terminalQR(url)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	const scale = 8
	width := len([]rune(lines[0]))
	img := image.NewGray(image.Rect(0, 0, width*scale, len(lines)*2*scale))
	// A dark terminal: characters are drawn light, blanks stay dark.
	for y, line := range lines {
		for x, r := range []rune(line) {
			top, bottom := r == '█' || r == '▀', r == '█' || r == '▄'
			for dy := 0; dy < 2*scale; dy++ {
				on := top
				if dy >= scale {
					on = bottom
				}
				c := color.Gray{Y: 0}
				if on {
					c = color.Gray{Y: 255}
				}
				for dx := 0; dx < scale; dx++ {
					img.SetGray(x*scale+dx, y*2*scale+dy, c)
				}
			}
		}
	}
	file := filepath.Join(t.TempDir(), "qr.png")
	f, _ := os.Create(file)
	png.Encode(f, img)
	f.Close()
	out, err := exec.Command(zbar, "--quiet", "--raw", file).Output()
	if err != nil {
		t.Fatalf("zbarimg could not read the terminal QR code: %v", err)
	}
	if got := strings.TrimSpace(string(out)); got != url {
		t.Errorf("decoded %q, want %q", got, url)
	}
}
