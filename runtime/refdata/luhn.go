package refdata

// LuhnCheckDigit returns the check digit ('0'..'9') that makes digits+check Luhn-valid; digits are ASCII.
func LuhnCheckDigit(digits []byte) byte {
	sum := 0
	double := true // the digit right of the last payload digit is the check digit
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return byte('0' + (10-sum%10)%10)
}

// LuhnValid reports whether an all-digit string passes the Luhn check.
// It returns false for an empty string or one with a non-digit character.
func LuhnValid(pan string) bool {
	if pan == "" {
		return false
	}
	sum := 0
	double := false
	for i := len(pan) - 1; i >= 0; i-- {
		c := pan[i]
		if c < '0' || c > '9' {
			return false
		}
		d := int(c - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}
