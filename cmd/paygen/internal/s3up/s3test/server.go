// Package s3test runs a real S3 server (versitygw) and a fault-injecting proxy for tests.
package s3test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/build"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Version is the pinned versitygw release (tests/tools/install-versitygw.sh installs it).
const Version = "v1.8.0"

// Root credentials of the test server.
const (
	AccessKey = "paygen-test-key"
	SecretKey = "paygen-test-secret"
)

// Required reports whether a missing server binary must fail the tests (CI=true or
// PAYGEN_REQUIRE_S3=1) rather than skip them.
func Required() bool {
	return os.Getenv("CI") == "true" || os.Getenv("PAYGEN_REQUIRE_S3") == "1"
}

// Binary finds versitygw: $PAYGEN_VERSITYGW, then $(go env GOPATH)/bin, then $PATH.
func Binary() (string, error) {
	if p := os.Getenv("PAYGEN_VERSITYGW"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("PAYGEN_VERSITYGW: %v", err)
		}
		return p, nil
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		gopath = build.Default.GOPATH
	}
	for _, dir := range filepath.SplitList(gopath) {
		p := filepath.Join(dir, "bin", "versitygw")
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, nil
		}
	}
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("versitygw %s not found in $(go env GOPATH)/bin or $PATH: run tests/tools/install-versitygw.sh", Version)
}

// Server is a versitygw process serving a posix directory on 127.0.0.1.
type Server struct {
	Addr     string // host:port
	Endpoint string // http://host:port
	bin      string
	data     string
	meta     string

	mu   sync.Mutex
	cmd  *exec.Cmd
	out  *bytes.Buffer
	done chan struct{}
}

// Start launches versitygw on a free loopback port with fresh data and metadata directories
// under dir.
func Start(dir string) (*Server, error) {
	bin, err := Binary()
	if err != nil {
		return nil, err
	}
	s := &Server{bin: bin, data: filepath.Join(dir, "data"), meta: filepath.Join(dir, "meta")}
	for _, d := range []string{s.data, s.meta} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s.Addr = l.Addr().String()
	l.Close()
	s.Endpoint = "http://" + s.Addr
	return s, s.launch()
}

func (s *Server) launch() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	cmd := exec.Command(s.bin, "--quiet", "--port", s.Addr, "posix", "--sidecar", s.meta, s.data)
	cmd.Env = append(os.Environ(), "ROOT_ACCESS_KEY="+AccessKey, "ROOT_SECRET_KEY="+SecretKey)
	s.out = new(bytes.Buffer)
	cmd.Stdout, cmd.Stderr = s.out, s.out
	dieWithParent(cmd)
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	s.cmd, s.done = cmd, done
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-done:
			return fmt.Errorf("versitygw exited: %s", strings.TrimSpace(s.out.String()))
		default:
		}
		if c, err := net.DialTimeout("tcp", s.Addr, time.Second); err == nil {
			c.Close()
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Kill()
	return errors.New("versitygw did not start listening within 15 s")
}

// Stop kills the server and waits for it to exit.
func (s *Server) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.done
	s.cmd = nil
}

// Restart starts the server again on the same address and directories.
func (s *Server) Restart() error {
	s.Stop()
	return s.launch()
}

// Client returns an S3 client for the server (or for endpoint, e.g. a proxy in front of it)
// with the root credentials.
func (s *Server) Client(endpoint string) *s3.Client {
	if endpoint == "" {
		endpoint = s.Endpoint
	}
	return s3.New(s3.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(AccessKey, SecretKey, ""),
	})
}

// Credentials returns the root credentials as a provider.
func Credentials() aws.CredentialsProvider {
	return credentials.NewStaticCredentialsProvider(AccessKey, SecretKey, "")
}

// CreateBucket creates a bucket.
func (s *Server) CreateBucket(ctx context.Context, name string) error {
	_, err := s.Client("").CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)})
	return err
}

// ShortSkip is why tests against a real server skip under go test -short: a
// server process is the end-to-end tier, which the full run (make test) runs.
const ShortSkip = "runs a real S3 server (versitygw): end-to-end tier, skipped by -short"

// StartT starts a server for one test with a bucket named bucket, stopping it at cleanup. A
// missing binary fails the test when Required, and skips it otherwise; -short skips it.
func StartT(t testing.TB, bucket string) *Server {
	t.Helper()
	if testing.Short() {
		t.Skip(ShortSkip)
	}
	if _, err := Binary(); err != nil {
		if Required() {
			t.Fatal(err)
		}
		t.Skip(err.Error() + " (set CI=true or PAYGEN_REQUIRE_S3=1 to make this a failure)")
	}
	s, err := Start(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	if bucket != "" {
		if err := s.CreateBucket(context.Background(), bucket); err != nil {
			t.Fatal(err)
		}
	}
	return s
}
