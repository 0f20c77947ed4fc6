package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/paygen/paygen/cmd/paygen/internal/s3up"
)

// s3Flags are the S3 settings shared by upload and generate --to.
type s3Flags struct {
	to, partSize, envFile, region, endpoint string
	concurrency                             int
	overwrite                               bool
}

// register declares the S3 connection flags (every flag but --to and
// --overwrite, whose wording differs) on fs, once for both commands; when is
// prefixed to their help ("with --to: " for generate).
func (f *s3Flags) register(fs *flag.FlagSet, when string) {
	fs.StringVar(&f.partSize, "part-size", "8MiB", when+"multipart part size and threshold, at least 5MiB")
	fs.IntVar(&f.concurrency, "concurrency", s3up.DefaultConcurrency, when+"parts uploaded in parallel per file")
	fs.StringVar(&f.envFile, "env-file", "", when+"KEY=VALUE file (e.g. config/dev.env) for PAYGEN_S3_* and AWS_* settings; the environment wins")
	fs.StringVar(&f.region, "region", "", when+"AWS region (default AWS_REGION, the profile's, or us-east-1)")
	fs.StringVar(&f.endpoint, "endpoint", "", when+"S3-compatible endpoint http(s)://HOST[:PORT], path-style (default AWS_ENDPOINT_URL_S3)")
}

const uploadSynopsis = "upload FILE.parquet... --to s3://BUCKET/PREFIX [flags]"

// runUpload uploads dataset files to S3 under PREFIX/year=YYYY/month=MM/, each with its HTML
// profile (same stem, .html, when present) and a manifest. Exit codes: 0 uploaded; 1 a key
// already exists (without --overwrite) or the uploaded object failed verification; 2 usage,
// bad URL or env file, unreadable or non-dataset file, or an S3 failure (missing bucket,
// access denied or bad credentials, unreachable endpoint, persistent server errors).
func runUpload(e *env, args []string) int {
	var f s3Flags
	var quiet bool
	fs := newFlags("upload", uploadSynopsis)
	fs.StringVar(&f.to, "to", "", "destination s3://BUCKET/PREFIX (default from PAYGEN_S3_BUCKET and PAYGEN_S3_PREFIX)")
	fs.BoolVar(&f.overwrite, "overwrite", false, "replace existing objects (default: refuse, exit 1)")
	f.register(fs, "")
	fs.BoolVar(&quiet, "quiet", false, "print nothing on success")

	files, code, done := e.parseArgs(fs, args)
	if done {
		return code
	}
	stdout, stderr := e.stdout, e.stderr
	if len(files) == 0 {
		return fail(stderr, "upload", 2, "no files given (usage: paygen %s)", uploadSynopsis)
	}
	cfg, prefix, err := f.config()
	if err != nil {
		return fail(stderr, "upload", 2, "%v", err)
	}

	// Check every file before uploading any.
	for _, p := range files {
		if _, err := s3up.ReadDatasetMeta(p); err != nil {
			return fail(stderr, "upload", 2, "%v", err)
		}
	}

	ctx := e.ctx
	// The transfer manager logs failed CompleteMultipartUpload calls; the error is reported
	// here once, on one line.
	defer log.SetOutput(log.Writer())
	log.SetOutput(io.Discard)

	var prog *progressLine
	if e.isTTY(stderr) && !quiet {
		prog = &progressLine{w: stderr}
		cfg.Progress = prog.update
	}
	u, err := s3up.New(ctx, cfg)
	if err != nil {
		return fail(stderr, "upload", 2, "%v", err)
	}
	for _, p := range files {
		res, err := u.UploadDataset(ctx, prefix, p)
		prog.clear()
		if err != nil && ctx.Err() != nil { // SIGINT/SIGTERM: the upload was aborted and rolled back
			return e.fail("upload", 130, "interrupted; %s was not uploaded", p)
		}
		if err != nil {
			c := uploadExitCode(err)
			msg := err.Error()
			if errors.Is(err, s3up.ErrExists) {
				msg += " (use --overwrite to replace it)"
			}
			fail(stderr, "upload", c, "%s", msg)
			code = max(code, c)
			if c == 2 {
				return code // the bucket, credentials or endpoint are at fault: stop
			}
			continue
		}
		if !quiet {
			fmt.Fprintf(stdout, "Upload complete: %s (%s in %.1f s)\n", res.Data.URL(), megabytes(res.Data.Size), res.Data.Duration.Seconds())
			if res.Profile != nil {
				fmt.Fprintf(stdout, "  profile:  %s\n", res.Profile.URL())
			}
			fmt.Fprintf(stdout, "  manifest: %s\n", res.Manifest.URL())
		}
	}
	return code
}

// uploadExitCode maps an upload error to an exit code: 1 for a refused overwrite or a failed
// verification, 2 for everything else.
func uploadExitCode(err error) int {
	if errors.Is(err, s3up.ErrExists) || errors.Is(err, s3up.ErrChecksum) {
		return 1
	}
	return 2
}

// config resolves the destination and S3 settings: flags first, then the process
// environment, then the env file. Credentials are left to the SDK chain unless only the env
// file has keys.
func (f *s3Flags) config() (s3up.Config, string, error) {
	env := map[string]string{}
	if f.envFile != "" {
		var err error
		if env, err = s3up.ReadEnvFile(f.envFile); err != nil {
			return s3up.Config{}, "", fmt.Errorf("--env-file: %v", err)
		}
	}
	lookup := func(keys ...string) string {
		for _, k := range keys {
			if v := os.Getenv(k); v != "" {
				return v
			}
			if v := env[k]; v != "" {
				return v
			}
		}
		return ""
	}
	to := f.to
	if to == "" {
		b := lookup("PAYGEN_S3_BUCKET")
		if b == "" {
			return s3up.Config{}, "", errors.New("no destination: give --to s3://BUCKET/PREFIX or set PAYGEN_S3_BUCKET (and PAYGEN_S3_PREFIX)")
		}
		to = "s3://" + b + "/" + lookup("PAYGEN_S3_PREFIX")
	}
	bucket, prefix, err := s3up.ParseURL(to)
	if err != nil {
		return s3up.Config{}, "", err
	}
	part, err := parseBytes(f.partSize)
	if err != nil {
		return s3up.Config{}, "", fmt.Errorf("--part-size: %v", err)
	}
	if part < s3up.MinPartSize || part > s3up.MaxPartSize {
		return s3up.Config{}, "", fmt.Errorf("--part-size: %s is outside 5MiB..5GiB", f.partSize)
	}
	if f.concurrency < 1 || f.concurrency > 64 {
		return s3up.Config{}, "", fmt.Errorf("--concurrency: %d is outside 1..64", f.concurrency)
	}
	endpoint, source := f.endpoint, "--endpoint"
	for _, k := range []string{"AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"} {
		if endpoint == "" {
			endpoint, source = lookup(k), k
		}
	}
	if endpoint != "" {
		if err := checkEndpoint(endpoint); err != nil {
			return s3up.Config{}, "", fmt.Errorf("%s: %v", source, err)
		}
	}
	cfg := s3up.Config{
		Bucket:      bucket,
		Region:      firstNonEmpty(f.region, lookup("AWS_REGION", "AWS_DEFAULT_REGION")),
		Endpoint:    endpoint,
		Profile:     lookup("AWS_PROFILE"),
		PartSize:    part,
		Concurrency: f.concurrency,
		Overwrite:   f.overwrite,
	}
	if os.Getenv("AWS_ACCESS_KEY_ID") == "" && env["AWS_ACCESS_KEY_ID"] != "" {
		cfg.Credentials = credentials.NewStaticCredentialsProvider(
			env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"], env["AWS_SESSION_TOKEN"])
	}
	return cfg, prefix, nil
}

// checkEndpoint accepts an S3 endpoint of the form http(s)://HOST[:PORT].
func checkEndpoint(s string) error {
	bad := fmt.Errorf("%q is not an endpoint URL of the form http(s)://HOST[:PORT]", redactEndpoint(s))
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" || u.Opaque != "" ||
		u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return bad
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return bad
		}
	} else if strings.HasSuffix(u.Host, ":") {
		return bad
	}
	return nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// progressLine redraws one stderr line with the upload progress (terminals only).
type progressLine struct {
	w     io.Writer
	mu    sync.Mutex
	last  time.Time
	shown bool
}

func (p *progressLine) update(key string, done, total int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if time.Since(p.last) < 100*time.Millisecond && done != total {
		return
	}
	p.last = time.Now()
	pct := ""
	if total > 0 {
		pct = fmt.Sprintf(" of %s (%d%%)", megabytes(total), done*100/total)
	}
	fmt.Fprintf(p.w, "\r\033[Kuploading %s: %s%s", filepath.Base(key), megabytes(done), pct)
	p.shown = true
}

func (p *progressLine) clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}
