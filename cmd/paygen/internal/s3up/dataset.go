package s3up

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/paygen/paygen/runtime/dataset"
)

// Record is o as the manifest records it.
func (o Object) Record() dataset.Object {
	return dataset.Object{Key: o.Key, Size: o.Size, CRC32C: o.CRC32C}
}

// manifestOf is the manifest of data (and profile, when not nil).
func manifestOf(meta dataset.Meta, data Object, profile *Object) dataset.Manifest {
	var prof *dataset.Object
	if profile != nil {
		p := profile.Record()
		prof = &p
	}
	return dataset.NewManifest(meta, data.Record(), prof)
}

// ReadDatasetMeta is [dataset.ReadMeta] with its content errors as [ErrDataset].
func ReadDatasetMeta(path string) (dataset.Meta, error) {
	m, err := dataset.ReadMeta(path)
	if errors.Is(err, dataset.ErrInvalid) {
		return m, &Error{Kind: ErrDataset, Msg: err.Error(), Err: err}
	}
	return m, err
}

// PutManifest uploads m as indented JSON to key.
func (u *Uploader) PutManifest(ctx context.Context, key string, m dataset.Manifest) (Object, error) {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return Object{}, err
	}
	return u.UploadBytes(ctx, key, append(b, '\n'))
}

// DatasetResult lists what [Uploader.UploadDataset] uploaded.
type DatasetResult struct {
	Meta     dataset.Meta
	Keys     dataset.Keys
	Data     Object
	Profile  *Object // nil when there was no profile file
	Manifest Object
}

// UploadDataset uploads the Parquet file at path under prefix in its year/month partition,
// with its HTML profile (if [dataset.ProfilePath] exists) and its manifest, as one commit: the
// data object is committed last, after the profile and the manifest are stored, and when
// anything fails the side files are deleted again and no data object appears (see
// [DatasetCommit]). Unless overwriting, it first checks that the dataset does not exist
// ([Uploader.CheckDataset]), so a re-run of a finished upload changes nothing.
func (u *Uploader) UploadDataset(ctx context.Context, prefix, path string) (DatasetResult, error) {
	meta, err := ReadDatasetMeta(path)
	if err != nil {
		return DatasetResult{}, err
	}
	date, _ := meta.Time()
	res := DatasetResult{Meta: meta, Keys: dataset.KeysFor(prefix, date, meta.Name)}
	profile := dataset.ProfilePath(path)
	hasProfile := true
	if st, err := os.Stat(profile); errors.Is(err, fs.ErrNotExist) {
		hasProfile = false
	} else if err != nil {
		return res, err
	} else if !st.Mode().IsRegular() {
		return res, fmt.Errorf("%s: not a regular file", profile)
	}
	if err := u.CheckDataset(ctx, res.Keys); err != nil {
		return res, err
	}
	if !hasProfile {
		profile = ""
	}
	c := u.NewDatasetCommit(ctx, meta, res.Keys, profile)
	if res.Data, err = u.uploadFileBefore(ctx, res.Keys.Data, path, c.Before); err != nil {
		return res, c.Abandon(err)
	}
	res.Profile, res.Manifest = c.Profile(), c.Manifest()
	return res, nil
}

// withRollback adds to err what a failed rollback left behind.
func withRollback(err, rollback error) error {
	if rollback == nil {
		return err
	}
	var e *Error
	if errors.As(err, &e) {
		return &Error{Kind: e.Kind, Err: e.Err, Msg: e.Msg + "; " + oneLine(rollback.Error())}
	}
	return fmt.Errorf("%w; %s", err, oneLine(rollback.Error()))
}
