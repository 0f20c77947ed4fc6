package main

import "strings"

// redactEndpoint hides the user information of an endpoint URL
// (http://user:password@host → http://REDACTED@host) so that error messages never
// print a secret. It works on strings url.Parse rejects as well: everything between
// the scheme and the last "@" is hidden, even past a "/", "?" or "#" (a user name
// with such a character, unescaped, would otherwise show the password after it: the
// fuzzer found "0://#:00000000@0"). An endpoint never has a path, so nothing useful
// is lost.
func redactEndpoint(s string) string {
	_, rest, ok := strings.Cut(s, "://")
	start := len(s) - len(rest)
	if !ok {
		rest, start = s, 0
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return s
	}
	return s[:start] + "REDACTED" + s[start+at:]
}
