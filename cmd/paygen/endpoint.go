package main

import "strings"

// redactEndpoint hides the user information of an endpoint URL
// (http://user:password@host → http://REDACTED@host) so that error messages never
// print a secret. It works on strings url.Parse rejects as well.
func redactEndpoint(s string) string {
	_, rest, ok := strings.Cut(s, "://")
	start := len(s) - len(rest)
	if !ok {
		rest, start = s, 0
	}
	end := len(rest)
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		end = i
	}
	at := strings.LastIndex(rest[:end], "@")
	if at < 0 {
		return s
	}
	return s[:start] + "REDACTED" + s[start+at:]
}
