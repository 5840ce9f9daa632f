package privacy

// Kind is what a flagged column holds: a kind of personal data, a
// protected attribute or a proxy for one.
type Kind string

// Kinds of personal data. Each identifies or contacts a natural person.
const (
	PersonName    Kind = "person_name"    // first, last or full names of people
	Email         Kind = "email"          // e-mail addresses
	Phone         Kind = "phone"          // phone, mobile and fax numbers
	PostalAddress Kind = "postal_address" // street, house number, postcode, place of residence
	NationalID    Kind = "national_id"    // social security, national ID card, passport numbers
	TaxID         Kind = "tax_id"         // Steuer-ID, Steuernummer, USt-IdNr / VAT ID, TIN
	BankAccount   Kind = "bank_account"   // IBAN, BIC, account and sort codes
	PaymentCard   Kind = "payment_card"   // credit and debit card numbers
	OnlineID      Kind = "online_id"      // IP and MAC addresses, IMEI, device, advertising and cookie IDs, user names
)

// Protected attributes and proxies. A column of one of these kinds is
// personal data too (it describes a person), and a segmentation that used
// it could discriminate.
const (
	Gender            Kind = "gender"
	Age               Kind = "age"
	Nationality       Kind = "nationality"
	Ethnicity         Kind = "ethnicity"
	Religion          Kind = "religion"
	Disability        Kind = "disability"
	Health            Kind = "health"
	SexualOrientation Kind = "sexual_orientation"
	PoliticalOpinion  Kind = "political_opinion"
	TradeUnion        Kind = "trade_union"

	Salutation   Kind = "salutation"     // Herr/Frau, Mr/Mrs: a proxy for gender
	BirthDate    Kind = "birth_date"     // a proxy for age
	PlaceOfBirth Kind = "place_of_birth" // a proxy for nationality
)

// kindInfo describes a kind in reports: a plural noun phrase, and for
// protected kinds the attribute and whether the kind is a proxy for it.
type kindInfo struct {
	text      string
	attribute Kind
	proxy     bool
}

var kinds = map[Kind]kindInfo{
	PersonName:    {text: "person names"},
	Email:         {text: "e-mail addresses"},
	Phone:         {text: "phone numbers"},
	PostalAddress: {text: "postal addresses"},
	NationalID:    {text: "national identifiers"},
	TaxID:         {text: "tax identifiers"},
	BankAccount:   {text: "bank account details"},
	PaymentCard:   {text: "payment card numbers"},
	OnlineID:      {text: "online identifiers"},

	Gender:            {text: "gender", attribute: Gender},
	Age:               {text: "age", attribute: Age},
	Nationality:       {text: "nationality", attribute: Nationality},
	Ethnicity:         {text: "ethnic origin", attribute: Ethnicity},
	Religion:          {text: "religion", attribute: Religion},
	Disability:        {text: "disability", attribute: Disability},
	Health:            {text: "health data", attribute: Health},
	SexualOrientation: {text: "sexual orientation", attribute: SexualOrientation},
	PoliticalOpinion:  {text: "political opinion", attribute: PoliticalOpinion},
	TradeUnion:        {text: "trade-union membership", attribute: TradeUnion},

	Salutation:   {text: "salutations", attribute: Gender, proxy: true},
	BirthDate:    {text: "birth dates", attribute: Age, proxy: true},
	PlaceOfBirth: {text: "places of birth", attribute: Nationality, proxy: true},
}

// String returns the kind's identifier ("email", "gender").
func (k Kind) String() string { return string(k) }

// Text describes the kind in words for reports ("e-mail addresses").
func (k Kind) Text() string {
	if i, ok := kinds[k]; ok {
		return i.text
	}
	return string(k)
}

// Attribute returns the protected attribute the kind is or stands for
// (Gender for Salutation, Age for BirthDate), or "" for plain personal
// data.
func (k Kind) Attribute() Kind { return kinds[k].attribute }

// Protected reports whether the kind is a protected attribute or a proxy
// for one.
func (k Kind) Protected() bool { return kinds[k].attribute != "" }

// Proxy reports whether the kind stands for a protected attribute rather
// than being it (a salutation reveals gender, a birth date age).
func (k Kind) Proxy() bool { return kinds[k].proxy }
