// Package s3up uploads paygen datasets to Amazon S3 or an S3-compatible server.
//
// # Layout
//
// Where a dataset's objects go (the Hive partition, the side files' names, the manifest) is the
// dataset format, defined in [github.com/paygen/paygen/runtime/dataset] ([dataset.KeysFor]);
// this package only moves bytes. [ParseURL] splits an s3:// URL.
//
// # Uploading
//
// [New] builds an [Uploader] from a [Config]. Credentials come from the AWS SDK default chain
// (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, SSO, web identity, container and
// instance roles) unless Config.Credentials is set; the region from Config.Region, else
// AWS_REGION or the profile, else us-east-1; the endpoint from Config.Endpoint, else
// AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL or the profile. Whenever a custom endpoint is in use the
// client uses path-style addressing (http://host/bucket/key), which S3-compatible servers expect.
// Credentials are never logged or put into error messages.
//
// Transfers go through the SDK's feature/s3/transfermanager: objects of at least PartSize bytes
// (default 8 MiB) use a multipart upload with Concurrency parts in flight (default 5), smaller
// ones a single PutObject. Every request uses the SDK standard retryer with MaxAttempts
// attempts (default and minimum 5) and capped exponential backoff with jitter, and HTTP
// timeouts (connect, response header and a per-attempt limit).
//
//   - [Uploader.UploadFile] uploads one file; [Uploader.UploadBytes] a small in-memory object.
//   - [Uploader.Stream] returns a [StreamWriter]: bytes written to it go straight into a
//     multipart upload (no temporary file), with buffers bounded by about
//     PartSize × (Concurrency+2) whatever the stream's length (BenchmarkStream: 33–43 MiB peak
//     Go heap for 40 MB and 120 MB streams with 5 MiB parts, concurrency 2). Close completes
//     and verifies the object; Abort aborts the multipart upload so no object appears.
//   - [Uploader.UploadDataset] uploads a Parquet file, its HTML profile and a [dataset.Manifest].
//
// A generate→S3 pipeline uses the pieces directly (cmd/paygen/genpublish.go):
//
//	keys := dataset.KeysFor(prefix, date, "payments_1M_20250529.parquet")
//	if err := u.CheckDataset(ctx, keys); err != nil { … }
//	w, err := u.Stream(ctx, keys.Data)
//	defer w.Abort()                  // no-op after a successful close
//	… write the Parquet bytes to w …
//	c := u.NewDatasetCommit(ctx, meta, keys, htmlPath) // htmlPath "" for no profile
//	if err := w.CloseBefore(c.Before); err != nil { // profile and manifest, then the data
//		return c.Abandon(err)                          // deletes the side files again
//	}
//
// # Integrity
//
// Every object carries a CRC32C full-object checksum (x-amz-checksum-type: FULL_OBJECT; parts
// carry their own CRC32C which the server combines). The checksum is computed while the bytes
// are read, so a file or stream is read once. It is sent with PutObject or
// CompleteMultipartUpload together with the total size, and after the upload HeadObject
// (checksum mode enabled) must report the same size and CRC32C; otherwise the object is deleted
// and the upload fails with [ErrChecksum].
//
// # No silent overwrite, nothing half-visible
//
// Unless Config.Overwrite is set, uploads are conditional writes (If-None-Match: *) on both
// PutObject and CompleteMultipartUpload, and an existing key fails with [ErrExists]
// ([Uploader.UploadDataset] checks all its keys before writing any). If a conditional write
// fails only because an earlier attempt of the same request already stored identical bytes
// (a lost response that the retryer repeated), the upload counts as done.
//
// A failed or cancelled multipart upload is aborted (with a fresh 30 s context when the caller's
// context was cancelled). When even the abort cannot reach the server (the server went away),
// the incomplete upload is left on the server and aborted by a later upload of the same key:
// every upload first aborts the incomplete multipart uploads of exactly its key that were
// started more than [StaleUploads] (an hour) ago ([Uploader.AbortIncomplete]); younger ones
// may be another run's live upload. A failed stream never completes, so it leaves no object.
//
// # Errors
//
// Errors returned by this package are one line and match, with errors.Is, one of
// [ErrExists], [ErrNoBucket], [ErrAccessDenied], [ErrNoCredentials], [ErrUnreachable],
// [ErrChecksum], [ErrBadURL], [ErrAborted] or [ErrDataset] when the cause is known.
//
// The transfer manager logs one line with the standard library logger when
// CompleteMultipartUpload fails; CLIs that want one-line errors silence the standard logger
// while uploading (paygen upload does).
package s3up
