package sitecheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// VNUMessage is one message of the Nu HTML Checker.
type VNUMessage struct {
	Type    string `json:"type"`
	SubType string `json:"subType"`
	URL     string `json:"url"`
	Line    int    `json:"lastLine"`
	Message string `json:"message"`
	Extract string `json:"extract"`
}

func (m VNUMessage) String() string {
	return fmt.Sprintf("%s:%d: %s (%q)", m.URL, m.Line, m.Message, m.Extract)
}

// VNUJar returns the path of vnu.jar: $PANDU_VNU_JAR, else the copy npm installs beside this
// package (generator/sitecheck/node_modules, see package.json), or an error saying how to get it.
func VNUJar() (string, error) {
	if p := os.Getenv("PANDU_VNU_JAR"); p != "" {
		return p, nil
	}
	_, here, _, _ := runtime.Caller(0)
	p := filepath.Join(filepath.Dir(here), "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	if _, err := os.Stat(p); err != nil {
		return "", errors.New("vnu.jar not found: run `npm ci` in generator/sitecheck (make test does), or set PANDU_VNU_JAR")
	}
	return p, nil
}

// ValidateHTML runs the Nu HTML Checker over every HTML file under dir and returns its errors.
func ValidateHTML(dir string) ([]VNUMessage, error) {
	jar, err := VNUJar()
	if err != nil {
		return nil, err
	}
	if _, err := exec.LookPath("java"); err != nil {
		return nil, errors.New("java not found: install a Java runtime (apt-get install -y default-jre-headless)")
	}
	cmd := exec.Command("java", "-Xss4m", "-jar", jar, "--errors-only", "--skip-non-html", "--format", "json", dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	runErr := cmd.Run()
	var out struct {
		Messages []VNUMessage `json:"messages"`
	}
	if err := json.Unmarshal(stderr.Bytes(), &out); err != nil {
		return nil, fmt.Errorf("vnu: %v; output: %.500s", runErr, stderr.String())
	}
	var errs []VNUMessage
	for _, m := range out.Messages {
		if m.Type == "error" || m.SubType == "fatal" {
			errs = append(errs, m)
		}
	}
	return errs, nil
}
