package generated

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/runtime/contract"
	"github.com/paygen/paygen/runtime/pqwrite"
	"github.com/paygen/paygen/runtime/profile"
	"github.com/paygen/paygen/runtime/world"
)

var testDate = time.Date(2025, 5, 29, 0, 0, 0, 0, time.UTC)

// TestFingerprint fails when the schema changed after the last go generate.
func TestFingerprint(t *testing.T) {
	data, err := os.ReadFile("../../../" + SchemaPath)
	require.NoError(t, err)
	sum := sha256.Sum256(data)
	assert.Equal(t, hex.EncodeToString(sum[:])[:16], Fingerprint, "run go generate ./...")
}

// write generates rows rows with the fast path (Writers) and returns the file's bytes.
func write(t testing.TB, rows int64, workers, first, end int) []byte {
	w, err := world.New(Config, 42, rows, testDate)
	require.NoError(t, err)
	var buf bytes.Buffer
	_, err = pqwrite.WriteColumns(&buf, w, Columns, Writers,
		pqwrite.Options{Workers: workers, RowGroupBlocks: 2, FirstBlock: first, EndBlock: end}, "test")
	require.NoError(t, err)
	return buf.Bytes()
}

// sampleRows is the size of the file TestEndToEnd and TestDeclaredColumns
// share: three blocks, or two (the last one short) under -short.
func sampleRows() int64 {
	if testing.Short() {
		return 70_000
	}
	return 150_000
}

var sampleOnce struct {
	sync.Once
	data []byte
	rows []Payment
}

// sample writes the shared file once (two workers) and reads its rows back.
func sample(t testing.TB) ([]byte, []Payment) {
	sampleOnce.Do(func() {
		data := write(t, sampleRows(), 2, 0, 0)
		sampleOnce.rows = readRows(t, data)
		sampleOnce.data = data
	})
	require.NotNil(t, sampleOnce.data, "the shared sample failed in another test")
	return sampleOnce.data, sampleOnce.rows
}

func readRows(t testing.TB, data []byte) []Payment {
	r := parquet.NewGenericReader[Payment](bytes.NewReader(data))
	defer r.Close()
	out := make([]Payment, r.NumRows())
	n, err := r.Read(out)
	if !errors.Is(err, io.EOF) {
		require.NoError(t, err)
	}
	return out[:n]
}

// TestEndToEnd writes the extended table with the fast path, then validates
// it against its contract and profiles it; the rows read back with
// parquet-go equal the ones Fill builds from the same blocks (an independent
// path through parquet-go's own writer).
func TestEndToEnd(t *testing.T) {
	t.Parallel()
	rows := sampleRows()
	data, got := sample(t)
	path := filepath.Join(t.TempDir(), "x.parquet")
	require.NoError(t, os.WriteFile(path, data, 0o644))

	rep, err := contract.Validate(path, Contract, contract.Options{Date: testDate})
	require.NoError(t, err)
	assert.True(t, rep.Schema.Success, "%+v", rep.Schema.Issues)
	assert.Equal(t, len(Contract.Expectations), rep.Statistics.Evaluated)
	for _, r := range rep.Results {
		if !r.Success && r.Severity == contract.Error.String() {
			t.Errorf("%+v", r)
		}
	}
	p, err := profile.Run(path, ProfileSpec, profile.Options{})
	require.NoError(t, err)
	assert.Equal(t, rows, p.Overview.Rows)
	assert.Len(t, p.Columns, len(ColumnNames))
	checkLeaks(t, p)

	require.Len(t, got, int(rows))
	w, err := world.New(Config, 42, rows, testDate)
	require.NoError(t, err)
	b := w.NewBlock()
	for blk := range w.Blocks() {
		b.Fill(blk)
		want := make([]Payment, b.Len())
		Fill(b, want)
		first := int(b.First())
		for i := range want {
			if !assert.Equal(t, want[i], got[first+i], "row %d", first+i) {
				return
			}
		}
	}
}

// TestDeterministic: the same bytes at any worker count, and shards (block
// ranges) hold the same rows as the whole file.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("writes the table four times")
	}
	rows := int64(140_000) // three blocks, the last one short
	one := write(t, rows, 1, 0, 0)
	assert.Equal(t, one, write(t, rows, 3, 0, 0), "1 vs 3 workers")
	all := readRows(t, one)
	a, b := readRows(t, write(t, rows, 2, 0, 2)), readRows(t, write(t, rows, 2, 2, 3))
	assert.Equal(t, all, append(a, b...), "two shards vs one file")
}

// TestDeclaredColumns checks what the declared columns promise on the data:
// entity attributes constant per entity, account opened before the window,
// by tables, fraud overrides, null propagation.
func TestDeclaredColumns(t *testing.T) {
	t.Parallel()
	_, rows := sample(t)
	start := testDate.AddDate(0, 0, -Config.WindowDays).UnixMicro()
	type cust struct {
		year, open int64
		seg        string
	}
	custs := map[string]cust{}
	names := map[string]string{}
	reported := 0
	var fraud, legit struct {
		n, recurring int
		risk         float64
	}
	for _, r := range rows {
		c := cust{r.CustomerBirthYear, r.AccountOpenDate, r.CustomerSegment}
		if prev, ok := custs[r.CustomerID]; ok {
			require.Equal(t, prev, c, "customer %s", r.CustomerID)
		}
		custs[r.CustomerID] = c
		if prev, ok := names[r.MerchantID]; ok {
			require.Equal(t, prev, r.MerchantName, "merchant %s", r.MerchantID)
		}
		names[r.MerchantID] = r.MerchantName
		require.Less(t, r.AccountOpenDate, start)
		require.Greater(t, r.SettlementTime, r.EventTime)
		if r.EntryMode == "ecommerce" {
			require.Contains(t, []string{"web", "app"}, r.Channel)
		} else {
			require.Contains(t, []string{"pos", "mpos"}, r.Channel)
		}
		require.Equal(t, r.ReportedAt != nil, r.DaysToReport != nil, "days_to_report is null where reported_at is")
		if r.DaysToReport != nil {
			require.True(t, r.LabelFraud)
			reported++
		}
		if r.DaysToReport != nil {
			require.GreaterOrEqual(t, *r.DaysToReport, 0.0)
		}
		require.Equal(t, r.LoyaltyPoints == nil, r.TerminalID == nil, "null group loyalty")
		s := &legit
		if r.LabelFraud {
			s = &fraud
		}
		s.n++
		s.risk += r.RiskScore
		if r.IsRecurring {
			s.recurring++
		}
	}
	require.Greater(t, fraud.n, 100)
	assert.Greater(t, reported, fraud.n/2, "most fraud is reported within the window")
	assert.Greater(t, len(custs), 1000)
	assert.Greater(t, fraud.risk/float64(fraud.n), legit.risk/float64(legit.n)+0.1, "fraud override of risk_score")
	assert.Less(t, float64(fraud.recurring)/float64(fraud.n), 0.04, "fraud override of is_recurring (1%)")
	assert.Greater(t, float64(legit.recurring)/float64(legit.n), 0.04, "is_recurring on legitimate rows")
}

// leakAUC is the univariate ROC-AUC above which a raw column gives the label
// away (paygen learnability's default LeakAUC).
const leakAUC = 0.90

// postEvent are the columns known only after the fraud is reported: they
// separate the label by construction, as the world's fraud.reported_at does
// (schemac lists them among LabelColumns).
var postEvent = map[string]bool{"reported_at": true, "days_to_report": true}

func TestLabelColumns(t *testing.T) {
	var post []string
	for _, c := range LabelColumns {
		if c != "label_fraud" && c != "fraud_scenario" {
			post = append(post, c)
		}
	}
	assert.ElementsMatch(t, []string{"reported_at", "days_to_report"}, post, "fraud.reported_at and the declared column reading it")
}

// checkLeaks: the profile scores every declared column against the label
// (univariate ROC-AUC), and none but the post-event ones is a leak, though
// risk_score, is_recurring and installments carry fraud overrides.
func checkLeaks(t *testing.T, p *profile.Profile) {
	require.NotNil(t, p.Target)
	auc := map[string]float64{}
	for _, f := range p.Target.Features {
		if f.AUC != nil {
			auc[f.Column] = max(*f.AUC, 1-*f.AUC)
		}
	}
	for _, name := range declared {
		a, ok := auc[name]
		if !ok {
			skipped := slices.ContainsFunc(p.Target.Skipped, func(s string) bool { return strings.HasPrefix(s, name+":") })
			assert.True(t, skipped || postEvent[name], "the profile neither scores nor skips %s", name)
			continue
		}
		t.Logf("univariate AUC %-20s %.3f", name, a)
		if !postEvent[name] {
			assert.Less(t, a, leakAUC, "%s gives the label away", name)
		}
	}
	assert.Greater(t, auc["risk_score"], 0.6, "the fraud override of risk_score carries signal")
}

// declared are the columns of the example with a generate block.
var declared = []string{
	"merchant_name", "customer_segment", "customer_birth_year", "customer_age", "account_open_date",
	"amount_usd", "channel", "is_recurring", "installments", "risk_score", "loyalty_points",
	"terminal_no", "terminal_id", "local_hour", "is_night", "settlement_time", "billing_country",
	"days_to_report",
}
