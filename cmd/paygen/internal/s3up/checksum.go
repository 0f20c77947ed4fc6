package s3up

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"hash"
	"hash/crc32"
	"io"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// CRC32C returns the base64 CRC32C of data in the form S3 uses (x-amz-checksum-crc32c).
func CRC32C(data []byte) string { return encodeCRC(crc32.Checksum(data, castagnoli)) }

// ReaderCRC32C reads r to the end and returns its S3-style CRC32C and length.
func ReaderCRC32C(r io.Reader) (string, int64, error) {
	c := newCRCReader(r)
	_, err := io.Copy(io.Discard, c)
	return c.sum(), c.n, err
}

func encodeCRC(v uint32) string {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], v)
	return base64.StdEncoding.EncodeToString(b[:])
}

// crcReader computes CRC32C and the length of what is read through it. The transfer manager
// reads the body sequentially from one goroutine, the same one that later calls PutObject or
// CompleteMultipartUpload, so the sum is final when the commit request is built.
type crcReader struct {
	r io.Reader
	h hash.Hash32
	n int64
}

func newCRCReader(r io.Reader) *crcReader {
	return &crcReader{r: r, h: crc32.New(castagnoli)}
}

func (c *crcReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.h.Write(p[:n])
	c.n += int64(n)
	return n, err
}

func (c *crcReader) sum() string { return encodeCRC(c.h.Sum32()) }

// commitClient wraps the S3 client for one upload: it adds the full-object CRC32C and size to
// the commit request (PutObject or CompleteMultipartUpload), counts how often the commit was
// sent, and records the multipart upload id and whether aborting it worked.
type commitClient struct {
	*s3.Client
	src *crcReader

	mu         sync.Mutex
	committed  bool   // a commit request was made
	commitCRC  string // what it declared
	commitSize int64
	sends      atomic.Int32 // HTTP attempts of the commit request
	uploadID   string
	abortTried bool
	abortErr   error

	before      func(Object) error // runs once before the commit request
	bucket, key string
	beforeRan   bool
	beforeErr   error
}

// runBefore calls the before hook once with the object about to be committed.
func (c *commitClient) runBefore(sum string, size int64) error {
	if c.before == nil {
		return nil
	}
	c.mu.Lock()
	ran := c.beforeRan
	c.beforeRan = true
	c.mu.Unlock()
	if !ran {
		err := c.before(Object{Bucket: c.bucket, Key: c.key, Size: size, CRC32C: sum})
		c.mu.Lock()
		c.beforeErr = err
		c.mu.Unlock()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.beforeErr
}

func (c *commitClient) countSends(o *s3.Options) {
	o.HTTPClient = &countingHTTP{next: o.HTTPClient, n: &c.sends}
}

func (c *commitClient) markCommit() (string, int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.committed, c.commitCRC, c.commitSize = true, c.src.sum(), c.src.n
	return c.commitCRC, c.commitSize
}

func (c *commitClient) PutObject(ctx context.Context, in *s3.PutObjectInput, opts ...func(*s3.Options)) (*s3.PutObjectOutput, error) {
	sum, size := c.markCommit()
	if err := c.runBefore(sum, size); err != nil {
		return nil, err
	}
	in.ChecksumAlgorithm = types.ChecksumAlgorithmCrc32c
	in.ChecksumCRC32C = aws.String(sum)
	return c.Client.PutObject(ctx, in, append(opts, c.countSends)...)
}

func (c *commitClient) CreateMultipartUpload(ctx context.Context, in *s3.CreateMultipartUploadInput, opts ...func(*s3.Options)) (*s3.CreateMultipartUploadOutput, error) {
	in.ChecksumAlgorithm = types.ChecksumAlgorithmCrc32c
	in.ChecksumType = types.ChecksumTypeFullObject
	out, err := c.Client.CreateMultipartUpload(ctx, in, opts...)
	if err == nil {
		c.mu.Lock()
		c.uploadID = aws.ToString(out.UploadId)
		c.mu.Unlock()
	}
	return out, err
}

func (c *commitClient) CompleteMultipartUpload(ctx context.Context, in *s3.CompleteMultipartUploadInput, opts ...func(*s3.Options)) (*s3.CompleteMultipartUploadOutput, error) {
	sum, size := c.markCommit()
	if err := c.runBefore(sum, size); err != nil {
		return nil, err
	}
	in.ChecksumCRC32C = aws.String(sum)
	in.ChecksumType = types.ChecksumTypeFullObject
	in.MpuObjectSize = aws.Int64(size)
	return c.Client.CompleteMultipartUpload(ctx, in, append(opts, c.countSends)...)
}

func (c *commitClient) AbortMultipartUpload(ctx context.Context, in *s3.AbortMultipartUploadInput, opts ...func(*s3.Options)) (*s3.AbortMultipartUploadOutput, error) {
	out, err := c.Client.AbortMultipartUpload(ctx, in, opts...)
	c.mu.Lock()
	c.abortTried, c.abortErr = true, err
	c.mu.Unlock()
	return out, err
}

// leftover reports whether a multipart upload was started and not successfully aborted.
func (c *commitClient) leftover() (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.uploadID, c.uploadID != "" && (!c.abortTried || c.abortErr != nil)
}

// countingHTTP counts requests sent through it.
type countingHTTP struct {
	next interface {
		Do(*http.Request) (*http.Response, error)
	}
	n *atomic.Int32
}

func (c *countingHTTP) Do(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.next.Do(r)
}
