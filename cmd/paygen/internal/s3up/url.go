package s3up

import (
	"fmt"
	"strings"
)

// ParseURL splits s3://BUCKET/PREFIX into the bucket and the prefix without leading or trailing
// slashes (the prefix may be empty). Errors wrap [ErrBadURL].
func ParseURL(raw string) (bucket, prefix string, err error) {
	bad := func(why string) error {
		return &Error{Kind: ErrBadURL, Msg: fmt.Sprintf("bad S3 URL %q: %s", raw, why)}
	}
	rest, ok := strings.CutPrefix(raw, "s3://")
	if !ok {
		return "", "", bad("want s3://BUCKET/PREFIX")
	}
	bucket, prefix, _ = strings.Cut(rest, "/")
	if err := checkBucketName(bucket); err != "" {
		return "", "", bad(err)
	}
	if strings.ContainsAny(prefix, "?#") {
		return "", "", bad("query strings and fragments are not allowed")
	}
	prefix = strings.Trim(prefix, "/")
	if strings.Contains(prefix, "//") {
		return "", "", bad("empty path segment in prefix")
	}
	for _, seg := range strings.Split(prefix, "/") {
		if seg == "." || seg == ".." {
			return "", "", bad("prefix must not contain . or .. segments")
		}
	}
	for _, r := range prefix {
		if r < 0x20 || r == 0x7f {
			return "", "", bad("control character in prefix")
		}
	}
	return bucket, prefix, nil
}

// checkBucketName applies the S3 general-purpose bucket naming rules and returns why the name is
// invalid, or "".
func checkBucketName(b string) string {
	if b == "" {
		return "missing bucket name"
	}
	if len(b) < 3 || len(b) > 63 {
		return "bucket name must be 3 to 63 characters"
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return "bucket name may only contain lowercase letters, digits, dots and hyphens"
		}
	}
	if !isAlnum(b[0]) || !isAlnum(b[len(b)-1]) {
		return "bucket name must start and end with a letter or digit"
	}
	if strings.Contains(b, "..") {
		return "bucket name must not contain two adjacent dots"
	}
	return ""
}

func isAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// URL formats s3://bucket/key.
func URL(bucket, key string) string { return "s3://" + bucket + "/" + key }
