package load

// File is a schema file as written: every value keeps the position it came from.
// Load checks shapes (mappings, sequences, scalars of the right kind, known
// keys); meaning is checked by package ir.
type File struct {
	Pos      Pos
	Version  Int       `yaml:"version"`
	Table    Table     `yaml:"table"`
	World    *World    `yaml:"world"`
	Entities *Entities `yaml:"entities"`
	Payment  *Payment  `yaml:"payment"`
	Fraud    *Fraud    `yaml:"fraud"`
	Columns  []Column  `yaml:"columns"`
	Rules    []Rule    `yaml:"rules"`
}

// Table names the table and its Go row type.
type Table struct {
	Pos         Pos
	Name        Str `yaml:"name"`
	GoType      Str `yaml:"go_type"`
	FilePrefix  Str `yaml:"file_prefix"`
	Description Str `yaml:"description"`
}

// World holds the time-shape parameters of the synthetic world.
type World struct {
	Pos            Pos
	WindowDays     Int          `yaml:"window_days"`
	BlockRows      Int          `yaml:"block_rows"`
	DailyPeakHour  Float        `yaml:"daily_peak_hour"`
	DailyPeakSigma Float        `yaml:"daily_peak_sigma"`
	DailyFloor     Float        `yaml:"daily_floor"`
	WeekendFactor  Float        `yaml:"weekend_factor"`
	Seasonality    *Seasonality `yaml:"seasonality"`
	Regions        []Region     `yaml:"regions"`
}

// Region gives a group of countries its own payment habits; every key but
// name and countries is optional and defaults to the global value.
type Region struct {
	Pos              Pos
	Name             Str     `yaml:"name"`
	Countries        StrSeq  `yaml:"countries"`
	CardPresentModes Weights `yaml:"card_present_modes"`
	ThreeDSShare     Float   `yaml:"three_ds_share"`
	ContactlessLimit Str     `yaml:"contactless_limit"`
	Brands           Weights `yaml:"brands"`
	Types            Weights `yaml:"types"`
	SundayFactor     Float   `yaml:"sunday_factor"`
	OnlineShift      Float   `yaml:"online_shift"`
}

// Seasonality shapes volume and fraud pressure over the calendar.
type Seasonality struct {
	Pos               Pos
	WeekendCategories Weights  `yaml:"weekend_categories"`
	Paydays           *Paydays `yaml:"paydays"`
	Spikes            []Spike  `yaml:"spikes"`
	Holidays          Float    `yaml:"holidays"` // optional: volume factor on a country's public holidays
}

// Paydays raises volume on paydays.
type Paydays struct {
	Pos      Pos
	Days     IntSeq `yaml:"days"`
	Volume   Float  `yaml:"volume"`
	SpanDays Int    `yaml:"span_days"`
}

// Spike is a recurring calendar event with its volume and fraud pressure.
type Spike struct {
	Pos       Pos
	Name      Str    `yaml:"name"`
	From      Str    `yaml:"from"`
	Days      Int    `yaml:"days"`
	Volume    Float  `yaml:"volume"`
	Fraud     Float  `yaml:"fraud"`
	Online    Float  `yaml:"online"`    // optional: share of in-store payments made online instead
	Countries StrSeq `yaml:"countries"` // optional: where the spike happens (default everywhere)
}

// Entities holds the entity populations.
type Entities struct {
	Pos      Pos
	Customer *Customer `yaml:"customer"`
	Card     *Card     `yaml:"card"`
	Merchant *Merchant `yaml:"merchant"`
	Device   *Device   `yaml:"device"`
}

// Customer describes the customer population.
type Customer struct {
	Pos           Pos
	RowsPerEntity Int      `yaml:"rows_per_entity"`
	Zipf          Float    `yaml:"zipf"`
	Cards         IntRange `yaml:"cards"`
	Devices       IntRange `yaml:"devices"`
	DomesticShare Float    `yaml:"domestic_share"`
	SpendSigma    Float    `yaml:"spend_sigma"`
}

// Card describes card attributes.
type Card struct {
	Pos    Pos
	Brands Weights `yaml:"brands"`
	Types  Weights `yaml:"types"`
}

// Merchant describes the merchant population.
type Merchant struct {
	Pos           Pos
	RowsPerEntity Int   `yaml:"rows_per_entity"`
	Zipf          Float `yaml:"zipf"`
	JitterDegrees Float `yaml:"jitter_degrees"`
	Locations     Str   `yaml:"locations"` // optional: centroid (default) or cities
}

// Device describes personal devices.
type Device struct {
	Pos   Pos
	Types Weights `yaml:"types"`
}

// Payment describes per-payment draws.
type Payment struct {
	Pos              Pos
	CardPresentModes Weights `yaml:"card_present_modes"`
	ThreeDSShare     Float   `yaml:"three_ds_share"`
	AuthStatus       Weights `yaml:"auth_status"`
}

// Fraud sets the fraud prevalence, the difficulty and the scenarios.
type Fraud struct {
	Pos        Pos
	Rate       Float      `yaml:"rate"`
	Difficulty Float      `yaml:"difficulty"`
	Scenarios  *Scenarios `yaml:"scenarios"`
}

// Scenarios holds one optional section per fraud scenario.
type Scenarios struct {
	Pos                 Pos
	CardTesting         *CardTesting         `yaml:"card_testing"`
	AccountTakeover     *AccountTakeover     `yaml:"account_takeover"`
	StolenCard          *StolenCard          `yaml:"stolen_card"`
	CompromisedMerchant *CompromisedMerchant `yaml:"compromised_merchant"`
	DeviceFarm          *DeviceFarm          `yaml:"device_farm"`
	LostStolen          *LostStolen          `yaml:"lost_stolen"`
	Counterfeit         *Counterfeit         `yaml:"counterfeit"`
}

// CardTesting: bursts of small card-not-present authorisations on one card.
type CardTesting struct {
	Pos            Pos
	Share          Float      `yaml:"share"`
	Rows           IntRange   `yaml:"rows"`
	Minutes        Float      `yaml:"minutes"`
	Merchants      IntRange   `yaml:"merchants"`
	SmallUSD       FloatRange `yaml:"small_usd"`
	Declined       Float      `yaml:"declined"`
	PurchaseFactor FloatRange `yaml:"purchase_factor"`
	ThreeDS        Float      `yaml:"three_ds"`
}

// AccountTakeover: a customer's card from a new device, often at night.
type AccountTakeover struct {
	Pos          Pos
	Share        Float      `yaml:"share"`
	Rows         IntRange   `yaml:"rows"`
	Minutes      Float      `yaml:"minutes"`
	NightShare   Float      `yaml:"night_share"`
	ForeignShare Float      `yaml:"foreign_share"`
	AmountFactor FloatRange `yaml:"amount_factor"`
	NewDevice    Float      `yaml:"new_device"`
	ThreeDS      Float      `yaml:"three_ds"`
	Declined     Float      `yaml:"declined"`
}

// StolenCard: card-present use, mostly abroad, at high-risk merchants.
type StolenCard struct {
	Pos           Pos
	Share         Float      `yaml:"share"`
	Rows          IntRange   `yaml:"rows"`
	Minutes       Float      `yaml:"minutes"`
	Categories    StrSeq     `yaml:"categories"`
	HighRiskShare Float      `yaml:"high_risk_share"`
	ForeignShare  Float      `yaml:"foreign_share"`
	AmountFactor  FloatRange `yaml:"amount_factor"`
	Declined      Float      `yaml:"declined"`
}

// CompromisedMerchant: merchants compromised for days, fraud on their
// victims' cards afterwards.
type CompromisedMerchant struct {
	Pos               Pos
	Share             Float      `yaml:"share"`
	Rows              IntRange   `yaml:"rows"`
	Minutes           Float      `yaml:"minutes"`
	Merchants         Int        `yaml:"merchants"`
	Days              IntRange   `yaml:"days"`
	VictimsPerMillion Int        `yaml:"victims_per_million"`
	DelayDays         FloatRange `yaml:"delay_days"`
	AmountFactor      FloatRange `yaml:"amount_factor"`
	NewDevice         Float      `yaml:"new_device"`
	ThreeDS           Float      `yaml:"three_ds"`
	Declined          Float      `yaml:"declined"`
}

// DeviceFarm: one device and IP used with many customers' cards.
type DeviceFarm struct {
	Pos          Pos
	Share        Float      `yaml:"share"`
	Rows         IntRange   `yaml:"rows"`
	Minutes      Float      `yaml:"minutes"`
	Merchants    IntRange   `yaml:"merchants"`
	AmountFactor FloatRange `yaml:"amount_factor"`
	ThreeDS      Float      `yaml:"three_ds"`
	Declined     Float      `yaml:"declined"`
}

// LostStolen: a lost or stolen card tapped in shops of its owner's country.
type LostStolen struct {
	Pos            Pos
	Share          Float    `yaml:"share"`
	Rows           IntRange `yaml:"rows"`
	Minutes        Float    `yaml:"minutes"`
	ContactlessUSD Float    `yaml:"contactless_usd"`
	Declined       Float    `yaml:"declined"`
}

// Counterfeit: a skimmed card cloned onto a magnetic stripe, used in store.
type Counterfeit struct {
	Pos          Pos
	Share        Float      `yaml:"share"`
	Rows         IntRange   `yaml:"rows"`
	Minutes      Float      `yaml:"minutes"`
	ForeignShare Float      `yaml:"foreign_share"`
	AmountFactor FloatRange `yaml:"amount_factor"`
	Declined     Float      `yaml:"declined"`
}

// Column is one entry of the columns list.
type Column struct {
	Pos         Pos
	Name        Str       `yaml:"name"`
	Type        Str       `yaml:"type"`
	Source      Str       `yaml:"source"`
	Generate    *Generate `yaml:"generate"`
	NullRate    Float     `yaml:"null_rate"`
	NullGroup   Str       `yaml:"null_group"`
	Parquet     *Parquet  `yaml:"parquet"`
	Description Str       `yaml:"description"`
	Expect      []Expect  `yaml:"expect"`
}

// Parquet holds a column's Parquet options.
type Parquet struct {
	Pos      Pos
	Encoding Str `yaml:"encoding"`
}

// Expect is one expectation on a column: exactly one kind key, plus an
// optional severity.
type Expect struct {
	Pos            Pos
	Unique         Bool           `yaml:"unique"`
	Pattern        Str            `yaml:"pattern"`
	InSet          StrOrSeq       `yaml:"in_set"`
	Range          Bounds         `yaml:"range"`
	Mean           Bounds         `yaml:"mean"`
	Quantile       *QuantileCheck `yaml:"quantile"`
	NullRate       Bounds         `yaml:"null_rate"`
	TrueRate       Bounds         `yaml:"true_rate"`
	TimeWindowDays Int            `yaml:"time_window_days"`
	Severity       Str            `yaml:"severity"`
}

// QuantileCheck bounds the q-quantile of a column: {q: 0.5, band: [min, max]}.
type QuantileCheck struct {
	Pos  Pos
	Q    Float  `yaml:"q"`
	Band Bounds `yaml:"band"`
}

// Rule is one entry of the rules list: exactly one kind key.
type Rule struct {
	Pos               Pos
	NullIff           *NullIff           `yaml:"null_iff"`
	SameNulls         StrSeq             `yaml:"same_nulls"`
	CurrencyOfCountry *CurrencyOfCountry `yaml:"currency_of_country"`
	RowCount          Bounds             `yaml:"row_count"`
	Severity          Str                `yaml:"severity"`
}

// NullIff says Column is null exactly when FalseColumn is false.
type NullIff struct {
	Pos         Pos
	Column      Str `yaml:"column"`
	FalseColumn Str `yaml:"false_column"`
}

// CurrencyOfCountry says Currency is the currency of Country on every row.
type CurrencyOfCountry struct {
	Pos      Pos
	Currency Str `yaml:"currency"`
	Country  Str `yaml:"country"`
}

// Generate declares how a column's values are drawn when it has no source:
// exactly one generator (categorical … expr), optional modifiers, and
// optional fraud-aware overrides (Fraud, Scenarios), which are Generates
// holding only a generator.
type Generate struct {
	Pos         Pos
	Categorical *Categorical `yaml:"categorical"`
	Uniform     *Uniform     `yaml:"uniform"`
	Normal      *Normal      `yaml:"normal"`
	LogNormal   *LogNormal   `yaml:"lognormal"`
	Exponential *Exponential `yaml:"exponential"`
	Poisson     *Poisson     `yaml:"poisson"`
	Zipf        *Zipf        `yaml:"zipf"`
	Words       StrSeq       `yaml:"words"`
	Expr        Str          `yaml:"expr"`

	Per    Str        `yaml:"per"`
	Clamp  FloatRange `yaml:"clamp"`
	Round  Int        `yaml:"round"`
	Before Str        `yaml:"before"`
	After  Str        `yaml:"after"`
	Unit   Str        `yaml:"unit"`

	Fraud     *Generate     `yaml:"fraud"`
	Scenarios *ScenarioGens `yaml:"scenarios"`
}

// ScenarioGens holds one optional override per fraud scenario.
type ScenarioGens struct {
	Pos                 Pos
	CardTesting         *Generate `yaml:"card_testing"`
	AccountTakeover     *Generate `yaml:"account_takeover"`
	StolenCard          *Generate `yaml:"stolen_card"`
	CompromisedMerchant *Generate `yaml:"compromised_merchant"`
	DeviceFarm          *Generate `yaml:"device_farm"`
	LostStolen          *Generate `yaml:"lost_stolen"`
	Counterfeit         *Generate `yaml:"counterfeit"`
}

// Categorical draws one of a list of values by weight, optionally with one
// weight table per value of another column (By).
type Categorical struct {
	Pos       Pos
	Weights   ValueWeights `yaml:"weights"`
	By        Str          `yaml:"by"`
	Tables    WeightTables `yaml:"tables"`
	Otherwise ValueWeights `yaml:"otherwise"`
}

// Uniform is a uniform distribution on [min, max).
type Uniform struct {
	Pos Pos
	Min Float `yaml:"min"`
	Max Float `yaml:"max"`
}

// Normal is a normal distribution.
type Normal struct {
	Pos  Pos
	Mean Float `yaml:"mean"`
	SD   Float `yaml:"sd"`
}

// LogNormal is exp of a normal distribution N(mu, sigma²).
type LogNormal struct {
	Pos   Pos
	Mu    Float `yaml:"mu"`
	Sigma Float `yaml:"sigma"`
}

// Exponential is an exponential distribution.
type Exponential struct {
	Pos  Pos
	Mean Float `yaml:"mean"`
}

// Poisson is a Poisson distribution.
type Poisson struct {
	Pos  Pos
	Mean Float `yaml:"mean"`
}

// Zipf draws ranks 1..n with probability proportional to 1/rank^s.
type Zipf struct {
	Pos Pos
	N   Int   `yaml:"n"`
	S   Float `yaml:"s"`
}
