package ir

import "strings"

// initialisms are the words written in capitals in Go names (Go's own
// convention: TransactionID, IPAddress, MCCCode, ThreeDS).
var initialisms = map[string]bool{
	"api": true, "ds": true, "http": true, "id": true, "ip": true, "iso": true, "json": true,
	"mcc": true, "pan": true, "sql": true, "url": true, "utc": true, "uuid": true,
}

// GoName converts a snake_case name to an exported Go identifier, writing
// initialisms in capitals: transaction_id → TransactionID, three_ds → ThreeDS.
func GoName(snake string) string {
	var b strings.Builder
	for _, w := range strings.Split(snake, "_") {
		if w == "" {
			continue
		}
		if initialisms[w] {
			b.WriteString(strings.ToUpper(w))
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]))
		b.WriteString(w[1:])
	}
	return b.String()
}
