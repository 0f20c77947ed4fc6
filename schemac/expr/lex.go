package expr

import (
	"fmt"
	"strings"
)

type tokKind uint8

const (
	tEOF tokKind = iota
	tInt
	tNum
	tStr
	tIdent
	tOp
)

type token struct {
	kind tokKind
	text string // for tStr, the unquoted value
	off  int
}

func (t token) String() string {
	switch t.kind {
	case tEOF:
		return "end of expression"
	case tStr:
		return quote(t.text)
	}
	return fmt.Sprintf("%q", t.text)
}

// lex splits src into tokens: numbers (123, 1.5, 2e3), strings ("…" with
// \" and \\ escapes), identifiers ([a-z_][a-z0-9_]*), operators and
// punctuation.
func lex(src string) ([]token, error) {
	var out []token
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
			j, kind := i, tInt
			for j < len(src) && src[j] >= '0' && src[j] <= '9' {
				j++
			}
			if j < len(src) && src[j] == '.' {
				kind = tNum
				j++
				for j < len(src) && src[j] >= '0' && src[j] <= '9' {
					j++
				}
			}
			if j < len(src) && (src[j] == 'e' || src[j] == 'E') {
				k := j + 1
				if k < len(src) && (src[k] == '+' || src[k] == '-') {
					k++
				}
				if k < len(src) && src[k] >= '0' && src[k] <= '9' {
					kind = tNum
					for j = k; j < len(src) && src[j] >= '0' && src[j] <= '9'; j++ {
					}
				}
			}
			if j < len(src) && isIdent(src[j]) {
				return nil, &Error{Off: j, Msg: fmt.Sprintf("unexpected %q after a number", src[j])}
			}
			out = append(out, token{kind: kind, text: src[i:j], off: i})
			i = j
		case c == '"':
			var b strings.Builder
			j := i + 1
			for ; j < len(src) && src[j] != '"'; j++ {
				if src[j] == '\\' {
					j++
					if j == len(src) || (src[j] != '"' && src[j] != '\\') {
						return nil, &Error{Off: j - 1, Msg: `unknown escape (only \" and \\)`}
					}
				}
				b.WriteByte(src[j])
			}
			if j == len(src) {
				return nil, &Error{Off: i, Msg: "unterminated string"}
			}
			out = append(out, token{kind: tStr, text: b.String(), off: i})
			i = j + 1
		case isIdent(c) && !(c >= '0' && c <= '9'):
			j := i
			for j < len(src) && isIdent(src[j]) {
				j++
			}
			out = append(out, token{kind: tIdent, text: src[i:j], off: i})
			i = j
		default:
			op := ""
			for _, o := range []string{"&&", "||", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "<", ">", "!", "(", ")", ","} {
				if strings.HasPrefix(src[i:], o) {
					op = o
					break
				}
			}
			if op == "" {
				return nil, &Error{Off: i, Msg: fmt.Sprintf("unexpected character %q", c)}
			}
			out = append(out, token{kind: tOp, text: op, off: i})
			i += len(op)
		}
	}
	return append(out, token{kind: tEOF, off: len(src)}), nil
}

func isIdent(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' }
