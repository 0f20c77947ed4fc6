// Command rowgroups prints the mean compressed size, in bytes, of a Parquet
// file's row groups, the last one left out (make bench's scale table).
package main

import (
	"fmt"
	"os"

	"github.com/parquet-go/parquet-go"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: rowgroups FILE.parquet")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "rowgroups:", err)
		os.Exit(2)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		fmt.Fprintln(os.Stderr, "rowgroups:", err)
		os.Exit(2)
	}
	pf, err := parquet.OpenFile(f, st.Size(), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		fmt.Fprintln(os.Stderr, "rowgroups:", err)
		os.Exit(2)
	}
	groups := pf.Metadata().RowGroups
	if len(groups) > 1 {
		groups = groups[:len(groups)-1]
	}
	total := int64(0)
	for _, rg := range groups {
		for _, c := range rg.Columns {
			total += c.MetaData.TotalCompressedSize
		}
	}
	fmt.Println(total / int64(max(1, len(groups))))
}
