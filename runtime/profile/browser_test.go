package profile

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chromiumBin is Debian's chromium (tests/tools/install-chromium.sh);
// PAYGEN_CHROMIUM overrides it.
var chromiumBin = func() string {
	if p := os.Getenv("PAYGEN_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}()

// chromium runs headless Chromium on a local file with the given extra flags
// and returns its standard output.
func chromium(t *testing.T, file string, flags ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--no-first-run", "--disable-component-update", "--disable-sync", "--user-data-dir=" + t.TempDir()}, flags...)
	args = append(args, "file://"+file)
	cmd := exec.CommandContext(ctx, chromiumBin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "chromium: %s", stderr.String())
	return stdout.Bytes()
}

// TestHTMLRendersInChromium opens the report in headless Chromium, checks
// that the main sections are in the rendered DOM and keeps a screenshot in
// the test's artifact directory (go test -artifacts -outputdir DIR).
func TestHTMLRendersInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a real browser twice: the end-to-end tier")
	}
	if _, err := os.Stat(chromiumBin); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing: run tests/tools/install-chromium.sh", chromiumBin)
		}
		t.Skipf("%s is missing (tests/tools/install-chromium.sh installs it; with CI=true this fails)", chromiumBin)
	}
	dir := t.ArtifactDir()
	rows := genPayments(20000, 1)
	data := filepath.Join(t.TempDir(), "payments_20k_20250529.parquet")
	require.NoError(t, writeParquet(data, rows, 0))
	p, err := Run(data, testSpec(), Options{})
	require.NoError(t, err)
	page := filepath.Join(dir, "profile.html")
	f, err := os.Create(page)
	require.NoError(t, err)
	require.NoError(t, p.WriteHTML(f))
	require.NoError(t, f.Close())

	dom := string(chromium(t, page, "--dump-dom"))
	for _, id := range sectionIDs {
		assert.Contains(t, dom, `id="`+id+`"`, "section %s rendered", id)
	}
	for _, h := range []string{">Overview</h2>", ">Fraud target analysis</h2>", ">Correlations</h2>", ">Columns (24)</h2>"} {
		assert.Contains(t, dom, h)
	}
	assert.Greater(t, strings.Count(dom, "<svg"), 15, "charts are in the DOM")
	assert.Contains(t, dom, "payments_20k_20250529.parquet")

	shot := filepath.Join(dir, "profile.png")
	chromium(t, page, "--screenshot="+shot, "--window-size=1400,2000", "--hide-scrollbars")
	pf, err := os.Open(shot)
	require.NoError(t, err)
	defer pf.Close()
	img, err := png.Decode(pf)
	require.NoError(t, err)
	assert.Equal(t, image.Rect(0, 0, 1400, 2000), img.Bounds())
	// The page is drawn: the dark header at the top, text and charts below
	// (many distinct colours, not a blank page).
	r, g, b, _ := img.At(700, 10).RGBA()
	assert.Less(t, (r+g+b)/3>>8, uint32(80), "dark header at the top")
	colours := map[uint32]bool{}
	for y := 0; y < 2000; y += 3 {
		for x := 0; x < 1400; x += 3 {
			r, g, b, _ := img.At(x, y).RGBA()
			colours[(r>>8)<<16|(g>>8)<<8|b>>8] = true
		}
	}
	assert.Greater(t, len(colours), 50)
	t.Logf("screenshot: %s", shot)
}
