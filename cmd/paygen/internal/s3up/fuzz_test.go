package s3up

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzParseURL(f *testing.F) {
	for _, s := range []string{"s3://bucket/prefix", "s3://my-bucket", "s3://my.bucket/a/b/", "s3://b/p?x", "s3://B/p",
		"s3://bucket/a//b", "s3://bucket/../x", "s3://bucket/\x00", "http://bucket/p", "s3://", "s3://ab/p", "s3://bucket/ünïcode"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		bucket, prefix, err := ParseURL(raw)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "bad S3 URL ") || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q", err)
			}
			return
		}
		if why := checkBucketName(bucket); why != "" {
			t.Fatalf("ParseURL(%q) returned bucket %q: %s", raw, bucket, why)
		}
		if strings.HasPrefix(prefix, "/") || strings.HasSuffix(prefix, "/") || strings.Contains(prefix, "//") {
			t.Fatalf("ParseURL(%q) returned prefix %q", raw, prefix)
		}
		for _, r := range prefix {
			if r < 0x20 || r == 0x7f {
				t.Fatalf("control character in prefix %q", prefix)
			}
		}
		b2, p2, err := ParseURL(URL(bucket, prefix))
		if err != nil || b2 != bucket || p2 != prefix {
			t.Fatalf("round trip of %q: %q %q %v", raw, b2, p2, err)
		}
	})
}

// The env-file parser never panics, returns only valid keys, and its errors name
// the file and line without echoing the line (a value may be a secret).
func FuzzReadEnvFile(f *testing.F) {
	f.Add([]byte("PAYGEN_S3_BUCKET=my-bucket\nexport AWS_REGION=eu-west-1\n# comment\n\nAWS_SECRET_ACCESS_KEY='abc def'\n"))
	f.Add([]byte("KEY=\"quoted\" # trailing\nX=1 # c\n"))
	f.Add([]byte("not a line with secret-value-123\n"))
	f.Add([]byte("1BAD=x\n"))
	f.Add([]byte("=novalue\n"))
	f.Add([]byte(strings.Repeat("A", 70000) + "=x\n"))
	f.Add([]byte("K=\x00\xff\n"))
	dir := f.TempDir()
	path := filepath.Join(dir, "fuzz.env")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		env, err := ReadEnvFile(path)
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, path) || strings.Contains(msg, "\n") {
				t.Fatalf("error %q", msg)
			}
			for _, line := range strings.Split(string(data), "\n") {
				line = strings.TrimSpace(line)
				if len(line) >= 8 && strings.Contains(msg, line) && !strings.Contains(path+": expected KEY=VALUE bufio.Scanner: token too long", line) {
					t.Fatalf("the error %q echoes the line %q", msg, line)
				}
			}
			return
		}
		for k := range env {
			if !validEnvKey(k) {
				t.Fatalf("invalid key %q", k)
			}
		}
	})
}
