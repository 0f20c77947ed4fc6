package learn

import "github.com/paygen/paygen/runtime/gbm"

// BoostedReport describes the second baseline: gradient-boosted trees on the
// same features and split as the logistic regression, the kind of model a
// fraud team tunes first. ROCAUC and AP are null when undefined.
type BoostedReport struct {
	Kind   string   `json:"kind"`
	Trees  int      `json:"trees"`
	Depth  int      `json:"depth"`
	Rate   float64  `json:"learning_rate"`
	ROCAUC *float64 `json:"roc_auc"`
	AP     *float64 `json:"average_precision"`
	// NotFitted says why there is no model (too few rows of a class in the sample).
	NotFitted string `json:"not_fitted,omitempty"`
}

// boosted fits the gradient-boosted baseline and fills rep.Boosted and the
// scenarios' boosted AUCs; it does nothing without a fitted baseline.
func (a *Analyzer) boosted(rep *Report) {
	if rep.Model.NotFitted != "" {
		return
	}
	p := gbm.Defaults()
	kind := "gradient-boosted trees (logistic loss, histogram splits, 5 % of non-fraud train rows, reweighted)"
	m, err := gbm.Train(a.trainX, NumFeatures, a.trainY, p)
	if err != nil {
		rep.Boosted = &BoostedReport{Kind: kind, Trees: p.Trees, Depth: p.Depth, Rate: p.Rate, NotFitted: err.Error()}
		return
	}
	d := NumFeatures
	scores := make([]float64, len(a.testY))
	for i := range scores {
		scores[i] = m.Score(a.testX[i*d : (i+1)*d])
	}
	rep.Boosted = &BoostedReport{
		Kind: kind, Trees: p.Trees, Depth: p.Depth, Rate: p.Rate,
		ROCAUC: ptr(ROCAUC(scores, a.testY)), AP: ptr(AveragePrecision(scores, a.testY)),
	}
	for k := range rep.Scenarios {
		st := &rep.Scenarios[k]
		i := a.scenarioIndex[st.Scenario]
		var s []float64
		var y []bool
		for j, sc := range a.testScenario {
			if sc == i || sc < 0 {
				s = append(s, scores[j])
				y = append(y, sc == i)
			}
		}
		st.BoostedTestROCAUC = ptr(ROCAUC(s, y))
	}
}
