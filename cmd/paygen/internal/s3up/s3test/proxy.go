package s3test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
)

// Op identifies one request seen by a [Proxy].
type Op struct {
	Name string // S3 operation: PutObject, UploadPart, CompleteMultipartUpload, HeadObject, …
	Key  string // object key (path without the bucket)
	Seq  int    // 1 for the first request of this operation name, 2 for the second, …
	// Header holds the request headers (read-only).
	Header http.Header
}

// Action tells a [Proxy] what to do with a request. The zero Action forwards it unchanged.
type Action struct {
	Before  func() // run before anything else (e.g. stop the server)
	Status  int    // when not 0, answer with this status and an S3 error Code instead of forwarding
	Code    string
	Forward bool // with Status: forward the request first, then answer with the error anyway
	// Header rewrites response headers of a forwarded request.
	Header func(http.Header)
	// Body rewrites the request body (same length) before forwarding it.
	Body func([]byte)
}

// Proxy is a loopback reverse proxy in front of an S3 server that injects faults.
type Proxy struct {
	URL    string
	Rule   func(Op) Action // nil forwards everything
	target string
	srv    *httptest.Server

	mu     sync.Mutex
	counts map[string]int
	faults int
}

// NewProxy starts a proxy to the S3 server at target (host:port). Stop it with Close.
func NewProxy(target string, rule func(Op) Action) *Proxy {
	p := &Proxy{target: target, Rule: rule, counts: map[string]int{}}
	p.srv = httptest.NewServer(p)
	p.URL = p.srv.URL
	return p
}

// Close stops the proxy.
func (p *Proxy) Close() { p.srv.CloseClientConnections(); p.srv.Close() }

// Count returns how many requests of an operation the proxy saw.
func (p *Proxy) Count(name string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.counts[name]
}

// Faults returns how many error responses the proxy injected.
func (p *Proxy) Faults() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.faults
}

func opName(r *http.Request) string {
	q := r.URL.Query()
	_, uploads := q["uploads"]
	_, uploadID := q["uploadId"]
	_, partNumber := q["partNumber"]
	switch r.Method {
	case http.MethodPut:
		if partNumber && uploadID {
			return "UploadPart"
		}
		if strings.Count(strings.Trim(r.URL.Path, "/"), "/") == 0 {
			return "CreateBucket"
		}
		return "PutObject"
	case http.MethodPost:
		if uploads {
			return "CreateMultipartUpload"
		}
		if uploadID {
			return "CompleteMultipartUpload"
		}
	case http.MethodDelete:
		if uploadID {
			return "AbortMultipartUpload"
		}
		return "DeleteObject"
	case http.MethodHead:
		return "HeadObject"
	case http.MethodGet:
		if uploads {
			return "ListMultipartUploads"
		}
		if strings.Count(strings.Trim(r.URL.Path, "/"), "/") == 0 {
			return "ListObjects"
		}
		return "GetObject"
	}
	return r.Method
}

func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	op := Op{Name: opName(r), Header: r.Header}
	if _, key, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/"); ok {
		op.Key = key
	}
	p.mu.Lock()
	p.counts[op.Name]++
	op.Seq = p.counts[op.Name]
	p.mu.Unlock()

	var act Action
	if p.Rule != nil {
		act = p.Rule(op)
	}
	if act.Before != nil {
		act.Before()
	}
	if act.Status != 0 && !act.Forward {
		io.Copy(io.Discard, r.Body)
		p.fail(w, r, act)
		return
	}
	out := r.Clone(r.Context())
	out.URL.Scheme, out.URL.Host, out.RequestURI = "http", p.target, ""
	out.Header.Del("Expect")
	if act.Body != nil {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		act.Body(b)
		out.Body = io.NopCloser(bytes.NewReader(b))
	}
	if r.ContentLength == 0 {
		out.Body = nil
	}
	resp, err := http.DefaultTransport.RoundTrip(out)
	if err != nil {
		// The server is gone: look like it to the client by dropping the connection.
		if hj, ok := w.(http.Hijacker); ok {
			if c, _, err := hj.Hijack(); err == nil {
				c.Close()
				return
			}
		}
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	if act.Status != 0 {
		io.Copy(io.Discard, resp.Body)
		p.fail(w, r, act)
		return
	}
	if act.Header != nil {
		act.Header(resp.Header)
	}
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	io.Copy(w, resp.Body)
}

func (p *Proxy) fail(w http.ResponseWriter, r *http.Request, act Action) {
	p.mu.Lock()
	p.faults++
	p.mu.Unlock()
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(act.Status)
	if r.Method != http.MethodHead {
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>`+
			`<Error><Code>%s</Code><Message>injected by the test proxy</Message><RequestId>proxy</RequestId></Error>`, act.Code)
	}
}
