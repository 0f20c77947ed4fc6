package stats

// LeakAUC is the one leak threshold of the analysis layer: a single column whose ROC-AUC
// against the label separates the classes better than this, in either direction
// (Separation(auc) > LeakAUC), is flagged as a leak by learnability (which fails the run)
// and by the profile (a LEAKAGE alert).
const LeakAUC = 0.90

// Leaky reports whether a column scoring auc is a leak at threshold th (LeakAUC unless the
// user chose another): Separation(auc) > th.
func Leaky(auc, th float64) bool { return Separation(auc) > th }
