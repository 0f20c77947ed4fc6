package world

const hexDigits = "0123456789abcdef"

// appendDigits appends v in decimal, zero-padded to width digits.
func appendDigits(dst []byte, v uint64, width int) []byte {
	var buf [20]byte
	i := len(buf)
	for v > 0 || len(buf)-i < width {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
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
