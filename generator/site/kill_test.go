//go:build unix && !race

// Not built with -race: 100 child builds under the race detector take minutes. `make test`
// runs this test in a separate step without -race (see the Makefile).

package site

import (
	"bytes"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKilledBuilds kills a build process 100 times at pseudo-random moments (SIGKILL, nothing
// to clean up) while the sources alternate between two versions, and checks after each kill that
// the output is complete and byte-identical to the old or the new build, and at the end that a
// build cleans up everything the killed ones left.
func TestKilledBuilds(t *testing.T) {
	if os.Getenv("PANDU_KILL_CHILD") != "" {
		_, err := Build(Options{Source: os.Getenv("PANDU_KILL_SRC"), Dest: os.Getenv("PANDU_KILL_DEST"), Minify: true})
		if err != nil {
			os.Stderr.WriteString(err.Error())
			os.Exit(1)
		}
		os.Exit(0)
	}
	src := filepath.Join(t.TempDir(), "site")
	copyTree(t, fixture, src)
	page := filepath.Join(src, "content/id/panduan/paspor.md")
	orig, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	versions := [][]byte{orig, append(bytes.Clone(orig), []byte("\n\nParagraf tambahan untuk versi kedua.\n")...)}
	var trees [2]map[string][]byte
	for i, v := range versions {
		os.WriteFile(page, v, 0o644)
		d := filepath.Join(t.TempDir(), "public")
		if _, err := Build(Options{Source: src, Dest: d, Minify: true}); err != nil {
			t.Fatal(err)
		}
		trees[i] = readTree(t, d)
	}
	dest := filepath.Join(t.TempDir(), "public")
	os.WriteFile(page, versions[0], 0o644)
	if _, err := Build(Options{Source: src, Dest: dest, Minify: true}); err != nil {
		t.Fatal(err)
	}
	// Time one child build from start to exit, and spread the kills over a little more than that,
	// so that they fall before, during and after the swap.
	start := time.Now()
	child := exec.Command(os.Args[0], "-test.run=^TestKilledBuilds$")
	child.Env = append(os.Environ(), "PANDU_KILL_CHILD=1", "PANDU_KILL_SRC="+src, "PANDU_KILL_DEST="+dest)
	if out, err := child.CombinedOutput(); err != nil {
		t.Fatalf("child build: %v\n%s", err, out)
	}
	span := time.Since(start) * 6 / 5
	rng := rand.New(rand.NewSource(1))
	kills, finished := 0, 0
	for i := 0; i < 100; i++ {
		os.WriteFile(page, versions[(i+1)%2], 0o644)
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledBuilds$")
		cmd.Env = append(os.Environ(), "PANDU_KILL_CHILD=1", "PANDU_KILL_SRC="+src, "PANDU_KILL_DEST="+dest)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int63n(int64(span))))
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		if ee, ok := err.(*exec.ExitError); ok && ee.Sys().(syscall.WaitStatus).Signal() == syscall.SIGKILL {
			kills++
		} else if err != nil {
			t.Fatalf("build %d failed: %v\n%s", i, err, stderr.String())
		} else {
			finished++
		}
		got := readTree(t, dest)
		if !sameTree(got, trees[0]) && !sameTree(got, trees[1]) {
			t.Fatalf("after kill %d the output is neither the old nor the new build (%d files)", i, len(got))
		}
	}
	t.Logf("%d builds killed, %d finished before the kill", kills, finished)
	if _, err := Build(Options{Source: src, Dest: dest, Minify: true}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if got := strings.Join(names, " "); got != ".public.lock public" {
		t.Errorf("beside the output after a clean build: %s", got)
	}
}

func sameTree(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}
