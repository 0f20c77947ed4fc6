package main

import (
	"fmt"
	"strings"

	"github.com/paygen/paygen/generated"
	extended "github.com/paygen/paygen/generated/examples/extended"
	"github.com/paygen/paygen/runtime/colwrite"
	"github.com/paygen/paygen/runtime/contract"
	"github.com/paygen/paygen/runtime/dataset"
	"github.com/paygen/paygen/runtime/profile"
	"github.com/paygen/paygen/runtime/world"
)

// tableDef is one compiled table `generate --schema NAME` can write: the
// generated package of a schema, seen through the names the commands use.
type tableDef struct {
	name        string // --schema value
	table       string // generated.Table
	prefix      string
	fingerprint string
	config      world.Config
	columns     []colwrite.Column
	writers     []func(*world.Block, *colwrite.RowGroup)
	contract    *contract.Contract
	profileSpec *profile.Spec
	columnNames []string // in table order
	labels      []string // the label and the columns known only with it
}

// defaultSchema names the table of schema/transaction_schema.yaml.
const defaultSchema = "payments"

// tableDefs are the compiled tables: the default, then the examples of
// schema/examples/ (each compiled into generated/examples/NAME).
var tableDefs = []tableDef{
	{defaultSchema, generated.Table, generated.FilePrefix, generated.Fingerprint, generated.Config,
		generated.Columns, generated.Writers, generated.Contract, generated.ProfileSpec,
		generated.ColumnNames, generated.LabelColumns},
	{"extended", extended.Table, extended.FilePrefix, extended.Fingerprint, extended.Config,
		extended.Columns, extended.Writers, extended.Contract, extended.ProfileSpec,
		extended.ColumnNames, extended.LabelColumns},
}

// tableOfFile returns the compiled table a file's paygen.schema metadata names, or the
// default table when it names none of them.
func tableOfFile(meta map[string]string) tableDef {
	for _, d := range tableDefs {
		if d.table == meta[dataset.MetaSchema] {
			return d
		}
	}
	return tableDefs[0]
}

// schemaHelp is the --schema flag's help text.
func schemaHelp() string {
	return "compiled table to use: " + strings.Join(schemaNames(), " (default), ") + " (schema/examples/)"
}

func schemaNames() []string {
	var names []string
	for _, d := range tableDefs {
		names = append(names, d.name)
	}
	return names
}

// tableByName returns the compiled table called name ("" is the default).
func tableByName(name string) (tableDef, error) {
	if name == "" {
		name = defaultSchema
	}
	for _, d := range tableDefs {
		if d.name == name {
			return d, nil
		}
	}
	return tableDef{}, fmt.Errorf("--schema: unknown schema %q (known: %s)", name, strings.Join(schemaNames(), ", "))
}

// schemaDeps is the contract and profile spec of --schema name: the env's
// (which tests may replace) for the default table, the compiled ones else.
func (e *env) schemaDeps(name string) (*contract.Contract, *profile.Spec, error) {
	if name == defaultSchema || name == "" {
		return e.contract, e.profileSpec, nil
	}
	d, err := tableByName(name)
	if err != nil {
		return nil, nil, err
	}
	return d.contract, d.profileSpec, nil
}
