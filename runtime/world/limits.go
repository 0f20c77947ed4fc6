package world

import "github.com/paygen/paygen/runtime/refdata"

// Id widths: ids are fixed-width decimal numbers (ADR 7), and the contract's
// patterns check the widths.
const (
	TransactionDigits = 10 // txn_YYYYMMDD_NNNNNNNNNN: the global row index
	CustomerDigits    = 7  // cus_NNNNNNN
	CardDigits        = 8  // card_NNNNNNNN: customer × cards_max + k
	MerchantDigits    = 6  // mer_NNNNNN
)

// MaxRows is the largest row count for which every id of cfg's world fits its
// width. Entity populations grow with the rows (one customer per
// customer.rows_per_entity rows, one merchant per merchant.rows_per_entity), are
// split across countries with a rounding of at most two ids per country, and their
// alias tables take memory in proportion, so the bound also bounds memory.
// With the shipped schema the merchant ids bind: (10^6 − slack) × 200 rows.
func MaxRows(cfg Config) int64 {
	slack := int64(2 * len(refdata.Countries()))
	pow := func(d int) int64 {
		n := int64(1)
		for range d {
			n *= 10
		}
		return n
	}
	limit := pow(TransactionDigits)
	entity := func(ids int64, perEntity int) {
		if perEntity < 1 {
			perEntity = 1
		}
		limit = min(limit, (ids-slack)*int64(perEntity))
	}
	cards := int64(max(1, cfg.Customer.CardsMax))
	entity(pow(CustomerDigits), cfg.Customer.RowsPerEntity)
	entity(pow(CardDigits)/cards, cfg.Customer.RowsPerEntity)
	entity(pow(MerchantDigits), cfg.Merchant.RowsPerEntity)
	return limit
}

// IDRange returns the largest customer, card and merchant numbers of the world
// (ids are numbered from 0), for checks against the id widths.
func (w *World) IDRange() (customer, card, merchant int64) {
	c := int64(w.customers.size()) - 1
	return c, int64(w.cardOf(uint32(c), w.cfg.Customer.CardsMax-1)), int64(w.merchants.size()) - 1
}
