package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/paygen/paygen/runtime/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAthenaTemplateMatchesKeys checks that the Athena table generated from the
// schema (generated/athena_gen.sql) projects partitions exactly where the
// uploader puts the files, and that it hides the side files.
func TestAthenaTemplateMatchesKeys(t *testing.T) {
	ddl, err := os.ReadFile("../../generated/athena_gen.sql")
	require.NoError(t, err)
	tmpl := regexp.MustCompile(`'storage\.location\.template' = '([^']*)'`).FindSubmatch(ddl)
	require.Len(t, tmpl, 2)
	loc := regexp.MustCompile(`(?m)^LOCATION '([^']*)'$`).FindSubmatch(ddl)
	require.Len(t, loc, 2)
	for _, prefix := range []string{"payments", "raw/payments"} {
		for _, date := range []time.Time{
			time.Date(2025, 5, 29, 0, 0, 0, 0, time.UTC),
			time.Date(2031, 12, 1, 0, 0, 0, 0, time.UTC),
		} {
			keys := dataset.KeysFor(prefix, date, dataset.FileName("payments", 1_000_000, date, 2, 4))
			dir := strings.NewReplacer("${bucket}", "lake", "${prefix}", prefix,
				"${year}", date.Format("2006"), "${month}", date.Format("01")).Replace(string(tmpl[1]))
			assert.Equal(t, "s3://lake/"+keys.Data, dir+keys.Data[strings.LastIndex(keys.Data, "/")+1:])
			root := strings.NewReplacer("${bucket}", "lake", "${prefix}", prefix).Replace(string(loc[1]))
			assert.True(t, strings.HasPrefix(dir, root), "partition %s is under LOCATION %s", dir, root)
			for _, side := range []string{keys.Manifest, keys.Profile} {
				assert.True(t, strings.HasPrefix(side, strings.TrimPrefix(dir, "s3://lake/")+"_"), "%s: side files start with _ beside the data", side)
			}
		}
	}
}
