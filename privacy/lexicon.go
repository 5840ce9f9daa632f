package privacy

// Word lists of the name classifier, in normalised form: lower case, ä ö ü
// ß folded to ae oe ue ss, accents dropped. A word may be a single token
// ("telefon"), a compound ("telefonnummer") or the concatenation of
// adjacent tokens ("ust"+"id"+"nr" = "ustidnr", "date"+"of"+"birth").

// kindWords maps a word to the kind of data a column so named holds.
var kindWords = map[string]Kind{}

// kindLists feeds kindWords, one list per kind, so that a word appears
// under exactly one kind (init panics on a duplicate).
var kindLists = map[Kind][]string{
	PersonName: {"firstname", "lastname", "surname", "fullname", "forename", "givenname", "familyname",
		"middlename", "maidenname", "vorname", "vornamen", "nachname", "familienname", "rufname", "geburtsname",
		"maedchenname", "ansprechpartner", "ansprechperson", "kontaktperson", "contactperson", "person",
		"personname"},
	Email: {"email", "mail", "emailaddress", "emailadresse", "mailadresse", "mailaddress", "emailadr", "mailadr"},
	Phone: {"phone", "telephone", "tel", "telefon", "telefonnummer", "telnr", "phonenumber", "mobile", "mobil",
		"mobilnummer", "mobilfunknummer", "mobilephone", "handy", "handynummer", "cell", "cellphone", "fax",
		"telefax", "faxnummer", "festnetz", "festnetznummer", "rufnummer", "durchwahl"},
	PostalAddress: {"address", "adresse", "anschrift", "street", "strasse", "streetaddress", "hausnummer",
		"hausnr", "housenumber", "zip", "zipcode", "postcode", "postalcode", "plz", "postleitzahl", "wohnort",
		"wohnadresse", "wohnsitz", "residence", "postfach", "homeaddress", "privatadresse"},
	NationalID: {"ssn", "socialsecurity", "socialsecuritynumber", "sozialversicherungsnummer", "svnr",
		"svnummer", "versicherungsnummer", "rentenversicherungsnummer", "rvnr", "nationalid",
		"nationalidnumber", "nationalidentifier", "nationalinsurancenumber", "nino", "ahv", "ahvnr",
		"ahvnummer", "bsn", "pesel", "personalausweis", "personalausweisnummer", "ausweis", "ausweisnummer",
		"idcard", "idcardnumber", "identitycard", "passport", "passportnumber", "passportno", "reisepass",
		"reisepassnummer", "passnummer", "driverslicense", "driverlicense", "driverslicence",
		"fuehrerschein", "fuehrerscheinnummer"},
	TaxID: {"taxid", "taxnumber", "taxno", "taxnr", "taxidentificationnumber", "tin", "steuerid", "steuernummer",
		"steuernr", "steueridentifikationsnummer", "steueridnr", "idnr", "ustid", "ustidnr", "ustidnummer",
		"umsatzsteuerid", "umsatzsteueridentifikationsnummer", "umsatzsteuernummer", "vatid", "vatnumber",
		"vatno", "vatnr", "vatregistrationnumber", "uidnummer"},
	BankAccount: {"iban", "bic", "swift", "swiftcode", "swiftbic", "bankaccount", "bankaccountnumber",
		"bankverbindung", "kontonummer", "kontonr", "blz", "bankleitzahl", "sortcode", "routingnumber",
		"kontoinhaber", "accountholder"},
	PaymentCard: {"creditcard", "creditcardnumber", "kreditkarte", "kreditkartennummer", "cardnumber", "cvv",
		"cvc", "debitcard"},
	OnlineID: {"ip", "ipaddress", "ipadresse", "ipaddr", "ipv4", "ipv6", "macaddress", "macadresse", "imei",
		"imsi", "deviceid", "advertisingid", "idfa", "gaid", "cookieid", "username", "benutzername",
		"loginname"},

	Gender:     {"gender", "sex", "geschlecht"},
	Salutation: {"salutation", "anrede", "briefanrede", "honorific"},
	Age: {"lebensalter", "agegroup", "ageband", "agerange", "agebracket", "altersgruppe", "altersklasse",
		"altersstufe", "birthyear", "yearofbirth", "geburtsjahr", "jahrgang"},
	BirthDate: {"birth", "birthdate", "birthday", "dateofbirth", "dob", "geburt", "geburtsdatum", "geburtstag",
		"gebdatum", "gebdat"},
	PlaceOfBirth: {"placeofbirth", "birthplace", "geburtsort", "countryofbirth", "birthcountry", "geburtsland"},
	Nationality: {"nationality", "nationalitaet", "citizenship", "staatsangehoerigkeit", "staatsbuergerschaft",
		"staatszugehoerigkeit"},
	Ethnicity:         {"ethnicity", "ethnic", "ethnie", "ethnischeherkunft", "ethnicorigin", "race"},
	Religion:          {"religion", "religious", "konfession", "religionszugehoerigkeit", "bekenntnis"},
	Disability:        {"disability", "disabled", "behinderung", "schwerbehinderung", "schwerbehindert"},
	Health:            {"diagnosis", "diagnose", "krankheit", "erkrankung", "medicalcondition", "gesundheitszustand"},
	SexualOrientation: {"sexualorientation", "sexuality", "sexuelleorientierung", "sexuelleidentitaet"},
	PoliticalOpinion:  {"politicalopinion", "politicalaffiliation", "politicalparty", "parteizugehoerigkeit", "politischemeinung"},
	TradeUnion:        {"tradeunion", "unionmember", "unionmembership", "gewerkschaft", "gewerkschaftsmitglied"},
}

// ownedWords name a person's attribute only when no neutral owner comes
// right before them: "name" but not "company_name", "age" but not
// "account_age".
var ownedWords = map[string]Kind{
	"name": PersonName, "namen": PersonName, "age": Age, "alter": Age,
}

// ownerWords are things that have names and ages but are not people.
var ownerWords = set("company", "product", "plan", "industry", "account", "country", "region", "segment", "tier",
	"org", "organisation", "organization", "business", "city", "file", "host", "domain", "event", "feature",
	"team", "legal", "brand", "vendor", "campaign", "list", "tag", "group", "category", "channel", "source",
	"project", "contract", "subscription", "store", "shop", "app", "tool", "server", "stage", "data",
	"firma", "firmen", "unternehmen", "unternehmens", "produkt", "produkts", "konto", "kampagnen", "datei",
	"projekt", "tarif", "branche", "marke", "vertrag", "vertrags", "kanal", "quelle", "gruppe", "kategorie",
	"stadt", "land", "daten")

// measureWords make a name a figure about an activity or an aggregate, not
// a person's data: "email_open_rate", "phone_calls", "emails_sent",
// "Telefonkosten", "ip_count". Anywhere in the name.
var measureWords = set("rate", "rates", "ratio", "share", "pct", "percent", "percentage", "prozent", "quote",
	"anteil", "count", "counts", "cnt", "total", "totals", "sum", "avg", "average", "mean", "median", "std",
	"freq", "frequency", "anzahl", "summe", "durchschnitt", "opens", "open", "opened", "openrate", "clicks",
	"click", "clicked", "clickrate", "ctr", "calls", "call", "called", "anrufe", "anruf", "telefonate",
	"telefonat", "bounce", "bounces", "bounced", "replies", "reply", "replied", "responses", "response",
	"sent", "send", "sends", "received", "delivered", "unsubscribed", "unsubscribe", "unsubscribes",
	"campaign", "campaigns", "kampagne", "kampagnen", "visits", "sessions", "minutes", "minuten", "duration",
	"dauer", "seconds", "hours", "views", "volume", "kosten", "costs", "cost", "spend", "engagement",
	"activity", "aktivitaet", "domain", "provider", "type", "typ", "status", "verified", "valid", "optin",
	"optout", "opt", "consent", "einwilligung", "score", "events", "interactions", "contacts", "usage",
	"traffic", "users", "logins")

// countPrefixes make a name a count when they come first: "n_emails",
// "num_calls", "number_of_phones".
var countPrefixes = set("n", "num", "nb")

// fillerWords only help to split compounds ("Kundentelefon",
// "privateemail", "Geburtsdatum"); they carry no meaning of their own.
var fillerWords = set("kunden", "kunde", "kontakt", "privat", "private", "geschaeftlich", "geschaefts",
	"dienst", "dienstlich", "haupt", "rechnungs", "liefer", "nummer", "number", "datum", "daten", "date",
	"tag", "jahr", "year", "ort", "place", "land", "code", "home", "work", "contact", "customer", "primary",
	"secondary", "billing", "shipping", "business", "gruppe", "klasse", "karte", "inhaber", "identifikation",
	"first", "last", "full", "family", "given", "middle", "holder", "card", "credit", "bank", "account",
	"adress", "social", "security", "national", "steuer", "umsatzsteuer", "tax", "vat",
	"haus", "post", "wohn", "arbeit", "buero", "user", "login", "device", "cookie")

// substringStems catch a known stem inside a token that could not be
// split into known words ("xyzemail", "homephonenumber2"). Only stems of
// five letters or more, which rarely occur inside unrelated words.
var substringStems = []struct {
	stem string
	kind Kind
}{
	{"email", Email}, {"phone", Phone}, {"telefon", Phone}, {"birth", BirthDate}, {"geburt", BirthDate},
	{"gender", Gender}, {"geschlecht", Gender}, {"address", PostalAddress}, {"adresse", PostalAddress},
	{"surname", PersonName}, {"firstname", PersonName}, {"lastname", PersonName}, {"fullname", PersonName},
	{"vorname", PersonName}, {"nachname", PersonName}, {"passport", NationalID}, {"reisepass", NationalID},
	{"ausweis", NationalID}, {"nationalit", Nationality}, {"staatsangeh", Nationality},
	{"religion", Religion}, {"ethnic", Ethnicity}, {"salutation", Salutation}, {"anrede", Salutation},
}

// kindPriority breaks ties between kinds found in one name: the more
// specific identifier wins ("email_address" is an e-mail, not a postal
// address; "ip_address" an online identifier).
var kindPriority = []Kind{TaxID, NationalID, BankAccount, PaymentCard, OnlineID, Email, Phone,
	Gender, Salutation, Age, PlaceOfBirth, BirthDate, Nationality, Ethnicity, Religion, Disability, Health,
	SexualOrientation, PoliticalOpinion, TradeUnion, PostalAddress, PersonName}

var priorityOf = map[Kind]int{}

// lexicon holds every word the compound splitter knows.
var lexicon = map[string]bool{}

func init() {
	for k, words := range kindLists {
		for _, w := range words {
			if _, dup := kindWords[w]; dup {
				panic("privacy: word listed twice: " + w)
			}
			kindWords[w] = k
		}
	}
	for i, k := range kindPriority {
		priorityOf[k] = i
	}
	for _, m := range []map[string]bool{ownerWords, measureWords, fillerWords} {
		for w := range m {
			lexicon[w] = true
		}
	}
	for w := range kindWords {
		lexicon[w] = true
	}
	for w := range ownedWords {
		lexicon[w] = true
	}
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
