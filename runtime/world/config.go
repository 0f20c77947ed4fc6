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
}

// DeviceConfig describes customers' personal devices.
type DeviceConfig struct {
	Types []Weighted
}

// PaymentConfig describes per-payment draws.
type PaymentConfig struct {
	CardPresentModes []Weighted
	ThreeDSShare     float64
	AuthStatus       []Weighted
}

// FraudConfig sets the exact fraud prevalence and the scenario mix.
type FraudConfig struct {
	Rate      float64
	Scenarios []Weighted
}
