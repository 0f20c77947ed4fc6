package contract

import (
	"fmt"
	"sync"

	"github.com/paygen/paygen/runtime/refdata"
)

// vocabularies maps a vocabulary name to a function listing its values.
var vocabularies = map[string]func() []string{
	"countries": func() []string {
		var out []string
		for _, c := range refdata.Countries() {
			out = append(out, c.Code)
		}
		return out
	},
	"currencies": func() []string {
		var out []string
		for _, c := range refdata.Currencies() {
			out = append(out, c.Code)
		}
		return out
	},
	"mccs": func() []string {
		var out []string
		for _, m := range refdata.MCCs() {
			out = append(out, m.Code)
		}
		return out
	},
	"categories": refdata.Categories,
	"brands":     refdata.Brands,
}

var (
	vocabMu    sync.Mutex
	vocabCache = map[string]map[string]struct{}{}
)

// vocabulary returns the set of values of a named vocabulary.
func vocabulary(name string) (map[string]struct{}, error) {
	vocabMu.Lock()
	defer vocabMu.Unlock()
	if s, ok := vocabCache[name]; ok {
		return s, nil
	}
	list, ok := vocabularies[name]
	if !ok {
		return nil, fmt.Errorf("unknown vocabulary %q (known: countries, currencies, mccs, categories, brands)", name)
	}
	s := toSet(list())
	vocabCache[name] = s
	return s, nil
}

func toSet(values []string) map[string]struct{} {
	s := make(map[string]struct{}, len(values))
	for _, v := range values {
		s[v] = struct{}{}
	}
	return s
}

// countryCurrency maps ISO 3166-1 alpha-2 codes to their ISO 4217 currency.
var countryCurrency = sync.OnceValue(func() map[string]string {
	m := make(map[string]string)
	for _, c := range refdata.Countries() {
		m[c.Code] = c.Currency
	}
	return m
})
