package learn

import (
	"testing"
	"time"

	"github.com/paygen/paygen/runtime/learn/learntest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func at(ts string, fraud bool, scenario *string) Row {
	tm, err := time.Parse(time.RFC3339, ts)
	if err != nil {
		panic(err)
	}
	r := hand(0, "c", "k", "m", 10, nil)
	r.EventTime = tm.UnixMicro()
	r.LabelFraud, r.FraudScenario = fraud, scenario
	return r
}

func TestWeeksScenariosAndLabelGaps(t *testing.T) {
	rows := []Row{
		at("2025-05-01T12:00:00Z", false, nil),               // Thu, 2025-W18
		at("2025-05-04T23:59:59Z", true, sp("card_testing")), // Sun, 2025-W18
		at("2025-05-05T00:00:00Z", false, nil),               // Mon, 2025-W19
		at("2025-05-05T01:00:00Z", true, nil),                // fraud without scenario
		at("2025-05-12T00:00:00Z", false, sp("stolen_card")), // scenario without fraud, 2025-W20
		at("2025-05-20T00:00:00Z", true, sp("card_testing")), // 2025-W21, test split
		at("2025-05-21T00:00:00Z", false, nil),               // 2025-W21, test split, last
	}
	rep, err := Analyze(rows, Options{SplitDays: 2})
	require.NoError(t, err)
	assert.Equal(t, LabelGaps{FraudWithoutScenario: 1, ScenarioWithoutFraud: 1}, rep.LabelGaps)

	got := map[string][2]int64{}
	for _, w := range rep.Weeks {
		got[w.Week] = [2]int64{w.Rows, w.Fraud}
	}
	assert.Equal(t, map[string][2]int64{
		"2025-W18": {2, 1}, "2025-W19": {2, 1}, "2025-W20": {1, 0}, "2025-W21": {2, 1},
	}, got)
	assert.Equal(t, map[string]int64{"card_testing": 1}, rep.Weeks[0].Scenarios)
	assert.Equal(t, map[string]int64{"(none)": 1}, rep.Weeks[1].Scenarios)

	require.Len(t, rep.Scenarios, 2)
	assert.Equal(t, "(none)", rep.Scenarios[0].Scenario)
	ct := rep.Scenarios[1]
	assert.Equal(t, ScenarioStats{Scenario: "card_testing", Rows: 2, ShareOfFraud: 2.0 / 3, Prevalence: 2.0 / 7,
		TrainRows: 1, TestRows: 1, TestROCAUC: ct.TestROCAUC}, ct)
	assert.Equal(t, SplitStats{Rows: 5, Fraud: 2, Prevalence: 2.0 / 5}, rep.Train)
	assert.Equal(t, SplitStats{Rows: 2, Fraud: 1, Prevalence: 0.5}, rep.Test)
	assert.Equal(t, time.Date(2025, 5, 19, 0, 0, 0, 0, time.UTC), rep.SplitTime)
}

func TestVerdict(t *testing.T) {
	rows := learntest.SyntheticRows(learntest.SyntheticOptions{Rows: 3000, FraudRate: 0.02, Seed: 1})
	rep, err := Analyze(rows, Options{MinAUC: 0.999, MaxAUC: 1})
	require.NoError(t, err)
	assert.False(t, rep.Verdict.Pass)
	require.Len(t, rep.Verdict.Reasons, 1)
	assert.Contains(t, rep.Verdict.Reasons[0], "below 0.999")

	rep, err = Analyze(rows, Options{MinAUC: 0.1, MaxAUC: 0.2})
	require.NoError(t, err)
	assert.Contains(t, rep.Verdict.Reasons[0], "above 0.2 ")

	for i := range rows {
		rows[i].LabelFraud, rows[i].FraudScenario = false, nil
	}
	rep, err = Analyze(rows, Options{})
	require.NoError(t, err)
	assert.False(t, rep.Verdict.Pass)
	assert.Equal(t, "the train split has no fraud rows", rep.Model.NotFitted)
	assert.Nil(t, rep.Model.ROCAUC)
}
