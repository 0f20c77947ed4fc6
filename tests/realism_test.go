package tests

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/realism"
)

// The scorecard of docs/realism.md: every figure inside its band on the
// default 1M-row file (2025-05-29) and on a 1M-row file dated 2025-12-05
// (Black Friday, Cyber Monday). The figures are logged as a markdown table;
// PAYGEN_REALISM_FILE and PAYGEN_REALISM_DECEMBER score other files (an
// older version's output: the "before" column) and only report.
func TestRealismScorecard(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end tier")
	}
	may, december := os.Getenv("PAYGEN_REALISM_FILE"), os.Getenv("PAYGEN_REALISM_DECEMBER")
	report := may != ""
	if !report {
		may = big(t)
		dir := t.TempDir()
		r := paygen(t, "generate", "--rows", "1M", "--out", dir, "--date", "2025-12-05", "--quiet")
		require.Zero(t, r.code, r.stderr)
		december = filepath.Join(dir, "payments_1M_20251205.parquet")
	}
	var b strings.Builder
	fmt.Fprintln(&b, "| file | figure | measured | band |")
	fmt.Fprintln(&b, "|---|---|---|---|")
	got := map[string]map[string]bool{}
	for name, path := range map[string]string{"may": may, "december": december} {
		if path == "" {
			continue
		}
		sc, err := realism.Measure(path, 0)
		require.NoError(t, err)
		require.False(t, sc.Sampled)
		got[name] = map[string]bool{}
		for _, f := range sc.Figures {
			got[name][f.Name] = true
			fmt.Fprintf(&b, "| %s | %s | %.4g | [%g, %g] |\n", name, f.Name, f.Measured, f.Lo, f.Hi)
			if !report {
				assert.True(t, f.Pass, "%s (%s): %.4g outside [%g, %g]", f.Name, name, f.Measured, f.Lo, f.Hi)
			}
		}
	}
	t.Log("\n" + b.String())
	if p := os.Getenv("PAYGEN_REALISM_OUT"); p != "" {
		require.NoError(t, os.WriteFile(p, []byte(b.String()), 0o644))
	}
	if report {
		return
	}
	// every figure is measured on the file whose window holds its days
	for _, n := range []string{"cn_unionpay", "jp_jcb", "amex_not_credit", "bin_domestic", "distinct_bins", "3ds_us",
		"3ds_gb", "3ds_eea", "tap_gb", "tap_au", "tap_eea", "tap_us", "mag_eea", "tap_over_limit", "online_gb_minus_eea", "ip_home", "teleports",
		"xb_instore_minus_online", "fuel_online", "b2b", "mcc_9405", "airline_chain_abroad", "atm_round", "price_points", "ppp_grocery_in_vs_us",
		"holiday_us", "holiday_de", "de_sunday_vs_weekday"} {
		assert.True(t, got["may"][n], "%s measured on the May file", n)
	}
	for _, n := range []string{"black_friday_us", "black_friday_jp", "cyber_monday_us_online_gain", "de_sunday_vs_weekday"} {
		assert.True(t, got["december"][n], "%s measured on the December file", n)
	}
}
