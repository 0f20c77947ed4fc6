package learn

import "github.com/paygen/paygen/runtime/colscan"

// The analysis reads files through colscan, the one Parquet reader of the analysis layer:
// colscan.ReadRows assembles the generated row type from its column pages and hands
// BatchRows rows at a time to the Analyzer, in file order.

// rowFields lists Row's columns in order (names, physical types, nullability).
var rowFields = colscan.Fields[Row]()

// readRows streams every row of cf into a, in file order.
func readRows(cf *colscan.File, a *Analyzer) error {
	return colscan.ReadRows(cf, BatchRows, func(rows []Row) error {
		for i := range rows {
			if err := a.Add(&rows[i]); err != nil {
				return err
			}
		}
		return nil
	})
}
