package world

// Weighted is one named outcome of a categorical draw and its relative weight.
type Weighted struct {
	Name   string
	Weight float64
}

// Config holds the parameters of the synthetic world. schemac emits it from the
// world, entities, payment and fraud sections of the schema YAML.
type Config struct {
	WindowDays     int     // events fall in the WindowDays days before the dataset date
	BlockRows      int     // rows per block: the unit of parallelism and determinism
	DailyPeakHour  float64 // local hour of peak activity (mean of the daily normal component)
	DailyPeakSigma float64 // hours
	DailyFloor     float64 // flat share of the daily curve
	WeekendFactor  float64 // Saturday/Sunday volume relative to weekdays
	Seasonality    SeasonalityConfig
	Regions        []RegionConfig // local payment habits; a country in none keeps the global values

	Customer CustomerConfig
	Card     CardConfig
	Merchant MerchantConfig
	Device   DeviceConfig
	Payment  PaymentConfig
	Fraud    FraudConfig
}

// CustomerConfig describes the customer population.
type CustomerConfig struct {
	RowsPerEntity          int
	Zipf                   float64
	CardsMin, CardsMax     int
	DevicesMin, DevicesMax int
	DomesticShare          float64
	SpendSigma             float64
}

// CardConfig describes card attributes.
type CardConfig struct {
	Brands []Weighted
	Types  []Weighted
}

// MerchantConfig describes the merchant population.
type MerchantConfig struct {
	RowsPerEntity int
	Zipf          float64
	JitterDegrees float64
	// Locations is where merchant coordinates are: "" or "centroid" (the
	// country's centroid ± JitterDegrees), or "cities" (the merchant's
	// city, population-weighted, ± JitterDegrees).
	Locations string
}

// DeviceConfig describes customers' personal devices.
type DeviceConfig struct {
	Types []Weighted
}

// RegionConfig gives a group of countries its own payment habits. Unset
// fields (nil weights, Has* false, an empty LimitCurrency) keep the global
// value: Payment.CardPresentModes, Payment.ThreeDSShare, Card.Brands,
// Card.Types, and a contactless limit of 100 USD.
type RegionConfig struct {
	Name             string
	Countries        []string   // ISO 3166-1 alpha-2 codes
	CardPresentModes []Weighted // in-store entry modes at the region's terminals
	ThreeDSShare     float64    // share of its cards' e-commerce payments with 3-D Secure
	HasThreeDS       bool
	ContactlessLimit float64    // no-PIN contactless limit of its terminals, in LimitCurrency
	LimitCurrency    string     // ISO 4217 code
	Brands           []Weighted // card brands of its customers' cards
	Types            []Weighted // card types of its customers' cards
	SundayFactor     float64    // volume of local Sundays relative to weekdays (replaces WeekendFactor)
	HasSunday        bool
	OnlineShift      float64 // share of its customers' in-store payments at home made online instead
}

// PaymentConfig describes per-payment draws.
type PaymentConfig struct {
	CardPresentModes []Weighted
	ThreeDSShare     float64
	AuthStatus       []Weighted
}

// IntRange is an inclusive range of integers.
type IntRange struct{ Min, Max int }

// Range is an inclusive range of numbers.
type Range struct{ Min, Max float64 }

// SeasonalityConfig shapes volume and fraud pressure over the calendar,
// beyond the daily cycle and the weekend factor.
type SeasonalityConfig struct {
	// WeekendCategories are relative weights of merchant categories on
	// Saturdays and Sundays (local time); categories not listed keep 1.
	WeekendCategories []Weighted
	Paydays           PaydayConfig
	Spikes            []Spike
	// HolidayVolume is the volume factor on a country's public holidays
	// (refdata.Holidays; countries it lacks have none); 0 leaves them.
	HolidayVolume float64
}

// PaydayConfig raises volume on and after paydays.
type PaydayConfig struct {
	Days     []int   // days of the month, 1..31; -1 is the last day of the month
	Volume   float64 // volume factor on a payday and the SpanDays-1 days after it
	SpanDays int
}

// Spike is a recurring calendar event (Black Friday, Christmas week) with
// its own volume and fraud pressure.
type Spike struct {
	Name   string
	From   string  // first day: "MM-DD", or "MM-<weekday><n>[+days]" such as "11-thu4+1" (Black Friday)
	Days   int     // length in days
	Volume float64 // volume factor
	Fraud  float64 // fraud-pressure factor: multiplies the share of fraud among the spike's payments
	// Online is the share of the day's in-store payments at home made
	// online instead (Cyber Monday); 0 leaves them.
	Online    float64
	Countries []string // where the spike happens; empty: everywhere
}

// FraudConfig sets the exact fraud prevalence, the difficulty and the
// scenarios. A scenario with Share 0 is off; the shares of the others sum to 1.
type FraudConfig struct {
	Rate float64
	// Difficulty in [0,1]: how little fraud departs from its victim's normal
	// behaviour, and how often legitimate payments show fraud-like traits
	// (docs/scenarios.md gives the formulas). At 0.5 every tell is as
	// configured; the schema's default is 0.8 (docs/scenarios.md).
	Difficulty          float64
	CardTesting         CardTestingConfig
	AccountTakeover     AccountTakeoverConfig
	StolenCard          StolenCardConfig
	CompromisedMerchant CompromisedMerchantConfig
	DeviceFarm          DeviceFarmConfig
	LostStolen          LostStolenConfig
	Counterfeit         CounterfeitConfig
}

// Episode is what every scenario has: its share of the fraud rows, the rows
// of one episode and the time span those rows fall in.
type Episode struct {
	Share   float64
	Rows    IntRange
	Minutes float64
}

// CardTestingConfig: a burst of small card-not-present authorisations on one
// card at one or a few merchants, many declined, then a larger purchase.
type CardTestingConfig struct {
	Episode
	Merchants      IntRange // distinct merchants tested
	SmallUSD       Range    // amount of a test authorisation
	Declined       float64  // share of test authorisations declined
	PurchaseFactor Range    // final purchase, x the victim's typical ticket
	ThreeDS        float64  // share authenticated with 3-D Secure
}

// AccountTakeoverConfig: the victim's card from a new device and IP, often
// at the victim's local night, for amounts well above the victim's profile.
type AccountTakeoverConfig struct {
	Episode
	NightShare   float64 // share of takeovers during the victim's local night (0-6 h)
	ForeignShare float64 // share at merchants outside the victim's country
	AmountFactor Range   // x the victim's typical ticket
	NewDevice    float64 // share from a device new to the victim (else the victim's own, compromised)
	ThreeDS      float64
	Declined     float64 // share the issuer's fraud screening declines
}

// StolenCardConfig: card-present use, mostly abroad, at high-risk merchants,
// several payments in quick succession.
type StolenCardConfig struct {
	Episode
	Categories    []string // high-risk merchant categories
	HighRiskShare float64  // share of payments at those categories
	ForeignShare  float64  // share of episodes abroad (else in the victim's country)
	AmountFactor  Range
	Declined      float64 // share the issuer's fraud screening declines
}

// CompromisedMerchantConfig: merchants compromised for a window of days; a
// set of customers of the merchant's country pay there during the window,
// and their cards see fraud elsewhere in the following days.
type CompromisedMerchantConfig struct {
	Episode
	Merchants         int      // compromised merchants over the dataset window
	Days              IntRange // length of a compromise
	VictimsPerMillion int      // customers made to pay at each compromised merchant, per million rows
	DelayDays         Range    // fraud starts this long after the compromise ends
	AmountFactor      Range
	NewDevice         float64
	ThreeDS           float64
	Declined          float64 // share the issuer's fraud screening declines
}

// DeviceFarmConfig: one fraud device and IP used with many customers' cards
// within a short period.
type DeviceFarmConfig struct {
	Episode
	Merchants    IntRange // merchants the farm cashes out at
	AmountFactor Range
	ThreeDS      float64
	Declined     float64 // share the issuer's fraud screening declines
}

// LostStolenConfig: a lost or stolen card used in shops of its owner's
// country, tapped contactless under the limit (no PIN), several shops in
// quick succession.
type LostStolenConfig struct {
	Episode
	ContactlessUSD float64 // taps stay under this contactless limit, USD
	Declined       float64 // share the issuer's fraud screening declines
}

// CounterfeitConfig: a skimmed card cloned onto a magnetic stripe and used
// in store, at home or abroad.
type CounterfeitConfig struct {
	Episode
	ForeignShare float64 // share of counterfeit episodes abroad
	AmountFactor Range
	Declined     float64 // share the issuer's fraud screening declines
}
