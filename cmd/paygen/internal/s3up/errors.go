package s3up

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"syscall"

	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// Error kinds; match them with errors.Is.
var (
	ErrExists        = errors.New("object already exists")
	ErrNoBucket      = errors.New("bucket does not exist")
	ErrAccessDenied  = errors.New("access denied")
	ErrNoCredentials = errors.New("no AWS credentials")
	ErrUnreachable   = errors.New("S3 endpoint unreachable")
	ErrChecksum      = errors.New("checksum mismatch")
	ErrBadURL        = errors.New("bad S3 URL")
	ErrAborted       = errors.New("upload aborted")
	ErrDataset       = errors.New("not a usable dataset file")
)

// Error is a one-line error of a known kind.
type Error struct {
	Kind error  // one of the Err* values
	Msg  string // the whole one-line message
	Err  error  // the underlying error, if any
}

func (e *Error) Error() string { return e.Msg }

// Unwrap lets errors.Is match both the kind and the cause.
func (e *Error) Unwrap() []error {
	var errs []error
	for _, err := range []error{e.Kind, e.Err} {
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// apiCode returns the S3 error code and HTTP status in err's chain, if any.
func apiCode(err error) (code string, status int) {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		code = ae.ErrorCode()
	}
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) {
		status = re.HTTPStatusCode()
	}
	return code, status
}

// isPrecondition reports whether err is a failed conditional write (412 / 409 conflict).
func isPrecondition(err error) bool {
	code, status := apiCode(err)
	return code == "PreconditionFailed" || status == 412 || code == "ConditionalRequestConflict"
}

// isNotFound reports whether err is a 404 from HeadObject or a NoSuchKey.
func isNotFound(err error) bool {
	code, status := apiCode(err)
	return status == 404 || code == "NotFound" || code == "NoSuchKey"
}

// classify turns an SDK error from an operation on s3://bucket/key into a one-line *Error.
func (u *Uploader) classify(err error, key string) error {
	if err == nil {
		return nil
	}
	var known *Error
	if errors.As(err, &known) {
		return err
	}
	where := URL(u.bucket, key)
	if key == "" {
		where = "s3://" + u.bucket
	}
	mk := func(kind error, format string, a ...any) error {
		return &Error{Kind: kind, Msg: fmt.Sprintf(format, a...), Err: err}
	}
	// Credential errors first: their chain may hold an HTTP error of the credential source
	// (e.g. a 403 from the instance metadata service) that is not about the bucket.
	if strings.Contains(err.Error(), "failed to refresh cached credentials") ||
		strings.Contains(err.Error(), "failed to retrieve credentials") {
		return mk(ErrNoCredentials, "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "+
			"or AWS_PROFILE, or run with an IAM role")
	}
	code, status := apiCode(err)
	switch {
	case isPrecondition(err):
		return mk(ErrExists, "%s already exists", where)
	case code == "NoSuchBucket":
		return mk(ErrNoBucket, "bucket %q does not exist", u.bucket)
	case code == "InvalidAccessKeyId" || code == "SignatureDoesNotMatch" || code == "ExpiredToken" ||
		code == "InvalidToken" || code == "TokenRefreshRequired" ||
		code == "XAdminUserNotFound": // versitygw's answer to an unknown access key id
		return mk(ErrAccessDenied, "access denied to %s (%s): check the AWS credentials", where, code)
	case code == "AccessDenied" || status == 403:
		return mk(ErrAccessDenied, "access denied to %s: the credentials lack permission or are wrong", where)
	case strings.Contains(code, "Digest") || strings.Contains(code, "Checksum") || code == "XAmzContentSHA256Mismatch":
		return mk(ErrChecksum, "%s: the server rejected the data (%s)", where, code)
	case code == "PermanentRedirect" || code == "AuthorizationHeaderMalformed" && strings.Contains(err.Error(), "region"):
		return mk(nil, "%s: bucket is in another region (%s); set AWS_REGION or --region", where, code)
	case code != "":
		msg := code
		var ae smithy.APIError
		if errors.As(err, &ae) && ae.ErrorMessage() != "" {
			msg += ": " + ae.ErrorMessage()
		}
		return mk(nil, "%s: %s", where, oneLine(msg))
	}
	if errors.Is(err, context.Canceled) {
		return mk(ErrAborted, "upload of %s cancelled", where)
	}
	if why := netCause(err); why != "" {
		return mk(ErrUnreachable, "cannot reach S3 endpoint %s: %s", u.endpoint, why)
	}
	if status != 0 {
		return mk(nil, "%s: HTTP %d", where, status)
	}
	return mk(nil, "%s: %s", where, oneLine(err.Error()))
}

// netCause describes a transport failure in err's chain, or returns "".
func netCause(err error) string {
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out"
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return "cannot resolve " + dns.Name
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "timed out"
	}
	var op *net.OpError
	if errors.As(err, &op) {
		return oneLine(op.Err.Error())
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return oneLine(ue.Err.Error())
	}
	var se *smithyhttp.RequestSendError
	if errors.As(err, &se) {
		return "request failed: " + oneLine(errors.Unwrap(se).Error())
	}
	return ""
}

// oneLine collapses whitespace so a message fits on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
