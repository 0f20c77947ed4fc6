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

// UploadDataset uploads the Parquet file at path under prefix in its year/month partition
// ([dataset.KeysFor]), then its HTML profile (if [dataset.ProfilePath] exists), then the
// manifest. Unless overwriting,
// it first checks that none of the keys exists, so a re-run changes nothing.
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
	keys := []string{res.Keys.Data, res.Keys.Manifest}
	if hasProfile {
		keys = append(keys, res.Keys.Profile)
	}
	if err := u.RefuseExisting(ctx, keys...); err != nil {
		return res, err
	}
	if res.Data, err = u.uploadFile(ctx, res.Keys.Data, path); err != nil {
		return res, err
	}
	if hasProfile {
		p, err := u.uploadFile(ctx, res.Keys.Profile, profile)
		if err != nil {
			return res, err
		}
		res.Profile = &p
	}
	var prof *dataset.Object
	if res.Profile != nil {
		r := res.Profile.Record()
		prof = &r
	}
	res.Manifest, err = u.PutManifest(ctx, res.Keys.Manifest, dataset.NewManifest(meta, res.Data.Record(), prof))
	return res, err
}
