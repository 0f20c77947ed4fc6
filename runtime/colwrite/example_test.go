package colwrite_test

import (
	"bytes"
	"fmt"
	"strconv"

	pq "github.com/parquet-go/parquet-go"
	"github.com/paygen/paygen/runtime/colwrite"
)

func Example() {
	cols := []colwrite.Column{
		{Name: "id", Physical: colwrite.ByteArray, Logical: colwrite.String, Encoding: colwrite.Delta},
		{Name: "customer_id", Physical: colwrite.ByteArray, Logical: colwrite.String, Encoding: colwrite.Dict},
		{Name: "amount", Physical: colwrite.Int64, Logical: colwrite.Decimal, Precision: 12, Scale: 2},
		{Name: "country", Physical: colwrite.ByteArray, Logical: colwrite.String, Encoding: colwrite.Dict, Optional: true},
	}
	countries := []string{"US", "GB", "DE"}
	formatCustomer := func(dst []byte, key uint64) []byte {
		return strconv.AppendUint(append(dst, "cus_"...), key, 10)
	}
	formatCountry := func(dst []byte, key uint64) []byte { return append(dst, countries[key]...) }

	var file bytes.Buffer
	w, err := colwrite.NewWriter(&file, cols, [][2]string{{"paygen.seed", "1"}}, "paygen version 0.1.0")
	if err != nil {
		panic(err)
	}
	rg := colwrite.NewRowGroup(cols)
	// One batch of three rows; a row group usually has several.
	rg.Strings(0, []string{"txn_1", "txn_2", "txn_3"}, nil)
	rg.Keyed(1, []uint64{42, 7, 42}, nil, formatCustomer)
	rg.Int64(2, []int64{1999, 250, 10000}, nil)
	rg.Keyed(3, []uint64{0, 0, 2}, []bool{true, false, true}, formatCountry)
	if err := rg.Finish(); err != nil {
		panic(err)
	}
	if err := w.WriteRowGroup(rg); err != nil {
		panic(err)
	}
	if err := w.Close(); err != nil {
		panic(err)
	}

	f, err := pq.OpenFile(bytes.NewReader(file.Bytes()), int64(file.Len()))
	if err != nil {
		panic(err)
	}
	rows := make([]pq.Row, 3)
	n, _ := f.RowGroups()[0].Rows().ReadRows(rows)
	for _, r := range rows[:n] {
		fmt.Println(r[0], r[1], r[2], r[3])
	}
	// Output:
	// txn_1 cus_42 1999 US
	// txn_2 cus_7 250 <null>
	// txn_3 cus_42 10000 DE
}
