package tests

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paygen/paygen/generated"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// One `paygen learnability` run on the 1M-row file, shared by the tests that read it.
var (
	learnOnce sync.Once
	learnRes  result
	learnJSON []byte
	learnWall time.Duration
)

func bigLearnability(t *testing.T) (result, []byte) {
	path := big(t)
	learnOnce.Do(func() {
		out := filepath.Join(workDir, "learn-1M.json")
		start := time.Now()
		learnRes = paygen(t, "learnability", "--json", out, path)
		learnWall = time.Since(start)
		learnJSON, _ = os.ReadFile(out)
	})
	if learnJSON == nil {
		t.Fatalf("paygen learnability wrote no JSON: exit %d: %s", learnRes.code, learnRes.stderr)
	}
	return learnRes, learnJSON
}

// rulesReport is the part of `paygen learnability --json` about rules and row positions.
type rulesReport struct {
	Rows  int64 `json:"rows"`
	Fraud int64 `json:"fraud"`
	Rules struct {
		MinSupport   int64    `json:"min_support"`
		MaxPrecision float64  `json:"max_precision"`
		Families     []string `json:"families"`
		Conditions   int      `json:"conditions"`
		RulesChecked int64    `json:"rules_checked"`
		Failing      int64    `json:"failing"`
		Top          []struct {
			Conditions []string         `json:"conditions"`
			Support    int64            `json:"support"`
			Fraud      int64            `json:"fraud"`
			Precision  float64          `json:"precision"`
			Fails      bool             `json:"fails"`
			Scenarios  map[string]int64 `json:"scenarios"`
		} `json:"top"`
	} `json:"rules"`
	Positions struct {
		Alpha   float64 `json:"alpha"`
		Periods []struct {
			Period int64 `json:"period"`
			Bins   []struct {
				Rows  int64   `json:"rows"`
				Fraud int64   `json:"fraud"`
				Rate  float64 `json:"rate"`
			} `json:"bins"`
			Head        struct{ Rate float64 } `json:"head"`
			Tail        struct{ Rate float64 } `json:"tail"`
			MaxMinRatio *float64               `json:"max_min_ratio"`
			Chi2        float64                `json:"chi2"`
			P           float64                `json:"p"`
			Fails       bool                   `json:"fails"`
		} `json:"periods"`
		Days []struct {
			Day   string `json:"day"`
			Rows  int64  `json:"rows"`
			Fraud int64  `json:"fraud"`
		} `json:"days"`
	} `json:"positions"`
}

func bigRules(t *testing.T) (result, rulesReport) {
	r, data := bigLearnability(t)
	var rep rulesReport
	require.NoError(t, json.Unmarshal(data, &rep))
	return r, rep
}

// The rule miner and the row-position check run on the 1M-row file and report: every
// condition family, the most precise rules with their support, and the fraud rate by
// decile of the row position for the block size and the other periods.
func TestRulesAndPositionsReportedAt1M(t *testing.T) {
	r, rep := bigRules(t)
	require.Contains(t, []int{0, 1}, r.code, r.stderr)
	assert.Contains(t, r.stdout, "\nRules: conditions and pairs")
	assert.Contains(t, r.stdout, "\nFraud rate by row position")
	assert.Contains(t, r.stdout, "\nFraud rate by UTC day")

	ru := rep.Rules
	assert.EqualValues(t, 50, ru.MinSupport)
	assert.Equal(t, 0.9, ru.MaxPrecision)
	for _, f := range []string{"entry_mode", "cross_border", "amount", "ip_other_customers", "device_other_customers",
		"device_new_for_customer", "country_differs_from_prev", "card_nth_payment_1h"} {
		assert.Contains(t, ru.Families, f)
	}
	for _, f := range []string{"transaction_id", "customer_id", "card_id", "ip_address", "device_id_value", "label_fraud", "fraud_scenario"} {
		assert.NotContains(t, ru.Families, f)
	}
	assert.Greater(t, ru.Conditions, 200)
	assert.Greater(t, ru.RulesChecked, int64(10*ru.Conditions), "pairs are counted")
	require.NotEmpty(t, ru.Top)
	for i, rule := range ru.Top {
		assert.GreaterOrEqual(t, rule.Support, ru.MinSupport)
		assert.InDelta(t, float64(rule.Fraud)/float64(rule.Support), rule.Precision, 1e-12)
		var byScenario int64
		for _, n := range rule.Scenarios {
			byScenario += n
		}
		assert.Equal(t, rule.Fraud, byScenario, "every fraud row has a scenario")
		if i > 0 {
			assert.LessOrEqual(t, rule.Precision, ru.Top[i-1].Precision, "sorted")
		}
	}

	p := rep.Positions
	assert.Equal(t, 1e-6, p.Alpha)
	periods := map[int64]bool{}
	for _, ps := range p.Periods {
		periods[ps.Period] = true
		require.Len(t, ps.Bins, 10)
		var rows, fraud int64
		for _, b := range ps.Bins {
			rows += b.Rows
			fraud += b.Fraud
		}
		assert.Equal(t, rep.Rows, rows)
		assert.Equal(t, rep.Fraud, fraud)
	}
	assert.True(t, periods[int64(generated.Config.BlockRows)], "the block size is checked")
	assert.GreaterOrEqual(t, len(p.Periods), 4)
	assert.GreaterOrEqual(t, len(p.Days), 30)

	for _, rule := range ru.Top[:min(10, len(ru.Top))] {
		t.Logf("rule %.4f (%d/%d) %s %v", rule.Precision, rule.Fraud, rule.Support, strings.Join(rule.Conditions, " AND "), rule.Scenarios)
	}
	for _, ps := range p.Periods {
		t.Logf("period %d: head %.3f%% tail %.3f%% chi2 %.1f p %.2g", ps.Period, 100*ps.Head.Rate, 100*ps.Tail.Rate, ps.Chi2, ps.P)
	}
	t.Logf("paygen learnability, 1M rows: %.1f s wall", learnWall.Seconds())
}

// No rule over raw columns and history features, alone or in pairs, with support ≥ 50
// reaches precision 0.9, and the fraud rate does not depend on the row position: the
// label is not given away by a conjunction or by where a row sits in the file.
func TestNoRuleOrPositionLeakAt1M(t *testing.T) {
	r, rep := bigRules(t)
	for _, rule := range rep.Rules.Top {
		assert.False(t, rule.Fails, "rule %s: %d of %d rows fraud (%.4f)",
			strings.Join(rule.Conditions, " AND "), rule.Fraud, rule.Support, rule.Precision)
	}
	assert.Zero(t, rep.Rules.Failing, "rules reaching precision %g", rep.Rules.MaxPrecision)
	for _, ps := range rep.Positions.Periods {
		assert.False(t, ps.Fails, "fraud rate by row position mod %d: chi-square %.1f, p = %.2g (head %.3f%%, tail %.3f%%)",
			ps.Period, ps.Chi2, ps.P, 100*ps.Head.Rate, 100*ps.Tail.Rate)
	}
	assert.Equal(t, 0, r.code, "the whole learnability check passes: %s", lastLine(r.stdout))
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	return s[strings.LastIndex(s, "\n")+1:]
}
