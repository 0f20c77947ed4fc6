package main

import (
	"strconv"
	"strings"
	"testing"
)

// Fuzz targets for the CLI's parsers of untrusted input. `go test` runs their seed
// corpora; `make fuzz` runs each for a while.

func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"1", "1000000", "1_000_000", "1,000,000", "1,5M", "10k", "2.5M", "1e6", "1e12", "10B",
		"0", "-1", "1.5", "NaN", "Inf", "1e309", "", " 10k ", "1,000.5k", "0x10", "9223372036854775807", "1e-300M"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parseCount(s)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		if n < 1 || n > 1e12 {
			t.Fatalf("parseCount(%q) = %d, outside [1, 10^12]", s, n)
		}
		if strings.Contains(s, ",") && !thousands.MatchString(strings.ReplaceAll(strings.TrimSpace(s), "_", "")) {
			t.Fatalf("parseCount(%q) accepted a comma that does not separate thousands", s)
		}
		if checkRowLimit(n) == nil && n > maxRows() {
			t.Fatalf("%d rows passed the limit", n)
		}
	})
}

func FuzzParseBytes(f *testing.F) {
	for _, s := range []string{"8MB", "128MB", "64MiB", "1GiB", "4096", "1e30", "1e19", "5MiB", "0.5", "-1MB", "NaNMB", "1PiB", "MB", "1 kib"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parseBytes(s)
		if err == nil && (n < 0 || n > 1<<50) {
			t.Fatalf("parseBytes(%q) = %d", s, n)
		}
		if g, err := groupBlocks(s, 65536, rowBytes36); err == nil && g < 1 {
			t.Fatalf("groupBlocks(%q) = %d", s, g)
		}
	})
}

func FuzzParseShard(f *testing.F) {
	for _, s := range []string{"1/1", "2/4", "4/4", "0/4", "5/4", "1/0", "a/b", "1/", "/2", "1/2/3", "-1/2", "1/99999999999999999999", " 1/2"} {
		f.Add(s, 16)
	}
	f.Fuzz(func(t *testing.T, s string, blocks int) {
		blocks = 1 + (blocks&0x7fffffff)%100000
		i, n, err := parseShard(s, blocks)
		if err != nil {
			return
		}
		if i < 1 || i > n || n > blocks {
			t.Fatalf("parseShard(%q, %d) = %d, %d", s, blocks, i, n)
		}
	})
}

// The endpoint check accepts only http(s)://HOST[:PORT], and its error never shows
// the user information, which may hold a secret.
func FuzzCheckEndpoint(f *testing.F) {
	f.Add("http", "user", "password-123", "host:9000")
	f.Add("https", "AKIA", "s3cr3t/with@signs", "[::1]:7070")
	f.Add("ftp", "", "longsecretvalue", "h")
	f.Fuzz(func(t *testing.T, scheme, user, pass, host string) {
		s := scheme + "://" + user + ":" + pass + "@" + host
		err := checkEndpoint(s)
		if err == nil {
			t.Fatalf("accepted an endpoint with user information: %q", s)
		}
		msg := err.Error()
		// The password may show only where the scheme or the host (as %q prints them) or
		// the message's own words hold the same text: "\x00000000" holds "00000000".
		if len(pass) >= 8 && !strings.ContainsAny(pass, "/?#@\"\\") && strings.Contains(msg, pass) &&
			!strings.Contains(strconv.Quote(scheme)+strconv.Quote(host)+" is not an endpoint URL of the form http(s)://HOST[:PORT]REDACTED", pass) {
			t.Fatalf("the error shows the password: %q", msg)
		}
		if strings.Contains(msg, "\n") {
			t.Fatalf("multi-line error %q", msg)
		}
		if err := checkEndpoint(scheme + "://" + host); err == nil && !strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") { // schemes are case-insensitive (RFC 3986)
			t.Fatalf("accepted scheme %q", scheme)
		}
	})
}
