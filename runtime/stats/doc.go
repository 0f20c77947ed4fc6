// Package stats holds the scores the analysis commands share: ROC-AUC (from ranks, from sorted
// negatives, from ordered groups), average precision, the Wilson interval and the one leak threshold.
package stats
