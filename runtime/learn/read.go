package learn

import "github.com/paygen/paygen/runtime/colscan"

// The analysis reads files through colscan, the one Parquet reader of the analysis layer:
// colscan.ReadRows assembles the generated row type from its column pages and hands
// BatchRows rows at a time to the Analyzer, in file order.

// rowFields lists Row's columns in order (names, physical types, nullability).
var rowFields = colscan.Fields[Row]()

// readRows streams every row of cf into a, in file order, with the file's columns extra
// (the Analyzer's extra columns, in order).
func readRows(cf *colscan.File, a *Analyzer, extra []int) error {
	x := make([]colscan.Cell, len(extra))
	return colscan.ReadRowsWith(cf, BatchRows, extra, func(rows []Row, cells [][]colscan.Cell) error {
		for i := range rows {
			for k := range x {
				x[k] = cells[k][i]
			}
			if err := a.addWith(&rows[i], x); err != nil {
				return err
			}
		}
		return nil
	})
}
