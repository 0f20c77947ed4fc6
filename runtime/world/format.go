package world

const hexDigits = "0123456789abcdef"

// digitPairs holds "00" to "99": appendDigits writes two digits per division.
const digitPairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879" +
	"8081828384858687888990919293949596979899"

// appendDigits appends v in decimal, zero-padded to width digits.
func appendDigits(dst []byte, v uint64, width int) []byte {
	var buf [20]byte
	i := len(buf)
	for v >= 100 {
		q := v / 100
		r := (v - 100*q) * 2
		i -= 2
		buf[i], buf[i+1] = digitPairs[r], digitPairs[r+1]
		v = q
	}
	if v >= 10 {
		i -= 2
		buf[i], buf[i+1] = digitPairs[2*v], digitPairs[2*v+1]
	} else if v > 0 {
		i--
		buf[i] = byte('0' + v)
	}
	for len(buf)-i < width {
		i--
		buf[i] = '0'
	}
	return append(dst, buf[i:]...)
}

// appendHex appends the low width hex digits of v.
func appendHex(dst []byte, v uint64, width int) []byte {
	for s := (width - 1) * 4; s >= 0; s -= 4 {
		dst = append(dst, hexDigits[(v>>uint(s))&15])
	}
	return dst
}

// appendIPv4 appends ip as a dotted quad.
func appendIPv4(dst []byte, ip uint32) []byte {
	for s := 24; s >= 0; s -= 8 {
		dst = appendDigits(dst, uint64(ip>>uint(s)&255), 1)
		if s > 0 {
			dst = append(dst, '.')
		}
	}
	return dst
}

// increment adds one to a string of decimal digits in place; it reports
// false, leaving d unchanged, when the result would need one more digit.
func increment(d []byte) bool {
	for i := len(d) - 1; i >= 0; i-- {
		if d[i] < '9' {
			d[i]++
			for j := i + 1; j < len(d); j++ {
				d[j] = '0'
			}
			return true
		}
	}
	return false
}
