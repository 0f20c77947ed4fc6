package s3up

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/feature/s3/transfermanager"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/logging"
)

// Defaults and limits.
const (
	DefaultPartSize    = 8 << 20 // like boto3's multipart threshold and chunk size
	MinPartSize        = 5 << 20 // the S3 minimum for all but the last part
	MaxPartSize        = 5 << 30
	DefaultConcurrency = 5
	MinAttempts        = 5
	DefaultMaxBackoff  = 20 * time.Second
	DefaultTimeout     = 5 * time.Minute // per HTTP attempt
	DefaultDialTimeout = 10 * time.Second
	DefaultRegion      = "us-east-1"
	abortTimeout       = 30 * time.Second
)

// Config configures an [Uploader]. Zero values select the defaults.
type Config struct {
	Bucket string // required

	// Region overrides AWS_REGION / the profile's region; default us-east-1.
	Region string
	// Endpoint (e.g. http://127.0.0.1:7070) overrides AWS_ENDPOINT_URL_S3; with any custom
	// endpoint the client uses path-style addressing.
	Endpoint string
	// Profile selects a shared-config profile like AWS_PROFILE (which the SDK reads itself).
	Profile string
	// Credentials replaces the SDK default credential chain when set.
	Credentials aws.CredentialsProvider

	PartSize    int64 // bytes per part and multipart threshold; default 8 MiB, at least 5 MiB
	Concurrency int   // parts in flight per object; default 5
	Overwrite   bool  // replace existing objects instead of failing with ErrExists

	MaxAttempts int           // attempts per request; default and minimum 5
	MaxBackoff  time.Duration // cap of the exponential retry backoff; default 20 s
	Timeout     time.Duration // limit of one HTTP attempt incl. body upload; default 5 min
	DialTimeout time.Duration // connect and response-header timeout; default 10 s (header 60 s)

	// Progress, when set, is called as bytes of key are acknowledged by the server, with
	// growing done; total is -1 when unknown (streams). Calls for one object are serialized
	// but come from the upload's goroutines.
	Progress func(key string, done, total int64)
}

// Uploader uploads objects into one bucket. It is safe for concurrent use.
type Uploader struct {
	cfg      Config
	bucket   string
	endpoint string // for messages only
	s3       *s3.Client
}

// New validates cfg, applies defaults and builds the S3 client. It makes no request; use
// [Uploader.CheckBucket] to test access early.
func New(ctx context.Context, cfg Config) (*Uploader, error) {
	if msg := checkBucketName(cfg.Bucket); msg != "" {
		return nil, &Error{Kind: ErrBadURL, Msg: fmt.Sprintf("bad bucket %q: %s", cfg.Bucket, msg)}
	}
	if cfg.PartSize == 0 {
		cfg.PartSize = DefaultPartSize
	}
	if cfg.PartSize < MinPartSize || cfg.PartSize > MaxPartSize {
		return nil, fmt.Errorf("part size %d out of range: must be 5 MiB to 5 GiB", cfg.PartSize)
	}
	if cfg.Concurrency == 0 {
		cfg.Concurrency = DefaultConcurrency
	}
	if cfg.Concurrency < 1 || cfg.Concurrency > 64 {
		return nil, fmt.Errorf("concurrency %d out of range: must be 1 to 64", cfg.Concurrency)
	}
	if cfg.MaxAttempts < MinAttempts {
		cfg.MaxAttempts = MinAttempts
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = DefaultMaxBackoff
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.DialTimeout <= 0 {
		cfg.DialTimeout = DefaultDialTimeout
	}

	httpClient := awshttp.NewBuildableClient().
		WithTimeout(cfg.Timeout).
		WithDialerOptions(func(d *net.Dialer) { d.Timeout = cfg.DialTimeout }).
		WithTransportOptions(func(t *http.Transport) {
			t.TLSHandshakeTimeout = cfg.DialTimeout
			t.ResponseHeaderTimeout = 6 * cfg.DialTimeout
			t.MaxIdleConnsPerHost = cfg.Concurrency + 2
		})
	opts := []func(*config.LoadOptions) error{
		config.WithHTTPClient(httpClient),
		config.WithLogger(logging.Nop{}), // the SDK would otherwise warn on stderr
		config.WithClientLogMode(0),
		config.WithRetryer(func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) {
				o.MaxAttempts = cfg.MaxAttempts
				o.MaxBackoff = cfg.MaxBackoff
				o.Backoff = retry.NewExponentialJitterBackoff(cfg.MaxBackoff)
				// A CLI talks to one bucket; a client-side retry quota would only turn a
				// burst of throttling into a hard failure.
				o.RateLimiter = ratelimit.None
				// A connect that timed out already had TCP's own SYN retransmissions for
				// DialTimeout: retrying it made a black-hole endpoint take minutes (issue
				// 13: 312 s) before the one-line error.
				o.Retryables = append([]retry.IsErrorRetryable{retry.IsErrorRetryableFunc(noRetryOnConnectTimeout)}, o.Retryables...)
			})
		}),
	}
	if cfg.Region != "" {
		opts = append(opts, config.WithRegion(cfg.Region))
	}
	if cfg.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(cfg.Profile))
	}
	if cfg.Credentials != nil {
		opts = append(opts, config.WithCredentialsProvider(cfg.Credentials))
	}
	awsCfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("AWS configuration: %s", oneLine(err.Error()))
	}
	if awsCfg.Region == "" {
		awsCfg.Region = DefaultRegion
	}
	u := &Uploader{cfg: cfg, bucket: cfg.Bucket}
	u.s3 = s3.NewFromConfig(awsCfg, func(o *s3.Options) {
		if cfg.Endpoint != "" {
			o.BaseEndpoint = aws.String(cfg.Endpoint)
		}
		if o.BaseEndpoint != nil {
			o.UsePathStyle = true
			u.endpoint = *o.BaseEndpoint
		} else {
			u.endpoint = "s3." + o.Region + ".amazonaws.com"
		}
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
		o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
	})
	return u, nil
}

// Client returns the underlying S3 client (for listing or reading back objects).
func (u *Uploader) Client() *s3.Client { return u.s3 }

// Bucket returns the bucket the uploader writes to.
func (u *Uploader) Bucket() string { return u.bucket }

// Endpoint describes the S3 endpoint in use (for messages).
func (u *Uploader) Endpoint() string { return u.endpoint }

// transfer returns a transfer manager client over api.
func (u *Uploader) transfer(api transfermanager.S3APIClient) *transfermanager.Client {
	return transfermanager.New(api, func(o *transfermanager.Options) {
		o.PartSizeBytes = u.cfg.PartSize
		o.MultipartUploadThreshold = u.cfg.PartSize
		o.Concurrency = u.cfg.Concurrency
		o.ChecksumAlgorithm = "CRC32C"
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
		o.FailTimeout = abortTimeout
	})
}

// noRetryOnConnectTimeout stops the retries of a request whose connection attempt
// timed out; other errors are left to the standard checks.
func noRetryOnConnectTimeout(err error) aws.Ternary {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" && op.Timeout() {
		return aws.FalseTernary
	}
	return aws.UnknownTernary
}
