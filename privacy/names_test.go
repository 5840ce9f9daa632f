package privacy

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func assertKinds(t *testing.T, want map[string]Kind) {
	t.Helper()
	for name, k := range want {
		got, ok := ClassifyName(name)
		assert.True(t, ok, name)
		assert.Equal(t, k, got, name)
	}
}

func TestClassifyNameGerman(t *testing.T) {
	assertKinds(t, map[string]Kind{
		"Telefon": Phone, "Telefonnummer": Phone, "Tel.-Nr.": Phone, "Handynummer": Phone, "Kundentelefon": Phone,
		"Nachname": PersonName, "Vorname": PersonName, "Ansprechpartner": PersonName, "Name": PersonName,
		"Geburtsdatum": BirthDate, "Geburtstag": BirthDate, "Geburtsort": PlaceOfBirth, "Geburtsjahr": Age,
		"Anrede": Salutation, "Geschlecht": Gender, "Alter": Age, "Altersgruppe": Age,
		"Staatsangehörigkeit": Nationality, "Staatsangehoerigkeit": Nationality, "Konfession": Religion,
		"Straße": PostalAddress, "Strasse": PostalAddress, "STRASSE": PostalAddress, "PLZ": PostalAddress,
		"Wohnort": PostalAddress, "Hausnummer": PostalAddress, "Anschrift": PostalAddress,
		"E-Mail": Email, "Mail-Adresse": Email, "E-Mail-Adresse": Email, "EMailAdresse": Email, "kundenemails": Email,
		"IBAN": BankAccount, "BIC": BankAccount, "Kontonummer": BankAccount, "Bankverbindung": BankAccount,
		"Steuer-ID": TaxID, "Steuernummer": TaxID, "Steueridentifikationsnummer": TaxID, "USt-IdNr": TaxID,
		"UStIdNr": TaxID, "ust_id": TaxID, "Sozialversicherungsnummer": NationalID, "SVNR": NationalID,
		"SV-Nr": NationalID, "Personalausweis": NationalID, "Personalausweisnummer": NationalID,
		"Reisepass": NationalID, "Reisepassnummer": NationalID, "IP-Adresse": OnlineID, "Benutzername": OnlineID,
	})
}

func TestClassifyNameEnglish(t *testing.T) {
	assertKinds(t, map[string]Kind{
		"name": PersonName, "first_name": PersonName, "LastName": PersonName, "contact_name": PersonName,
		"e-mail": Email, "Email": Email, "contactEmail": Email, "email_address": Email, "contactemail": Email,
		"phone": Phone, "mobile_number": Phone, "homephone": Phone, "fax": Phone,
		"dob": BirthDate, "date_of_birth": BirthDate, "dateofbirth": BirthDate, "birthday": BirthDate,
		"birth_year": Age, "age": Age, "age_group": Age, "place_of_birth": PlaceOfBirth,
		"gender": Gender, "sex": Gender, "salutation": Salutation, "nationality": Nationality,
		"citizenship": Nationality, "religion": Religion, "ethnicity": Ethnicity, "disability": Disability,
		"address": PostalAddress, "street_address": PostalAddress, "zip": PostalAddress, "postcode": PostalAddress,
		"ssn": NationalID, "national_id": NationalID, "passport_number": NationalID,
		"tax_id": TaxID, "VAT ID": TaxID, "vat_number": TaxID, "iban": BankAccount, "credit_card_number": PaymentCard,
		"ip": OnlineID, "ip_address": OnlineID, "IMEI": OnlineID, "device_id": OnlineID, "username": OnlineID,
	})
}

// A count, rate or share of an activity is a behavioural figure, not
// personal data; nor are names of things that are not people.
func TestClassifyNameNotPersonal(t *testing.T) {
	for _, name := range []string{
		// activities and aggregates
		"email_open_rate", "phone_calls", "emails_sent", "n_emails", "mail_clicks", "ip_count", "num_calls",
		"number_of_phones", "Telefonkosten", "anzahl_telefonate", "Anzahl E-Mails", "email_domain",
		"email_opt_in", "average_age", "gender_share", "iban_count", "mobile_sessions",
		// owners of names and ages
		"company_name", "plan_name", "Firmenname", "Produktname", "account_age", "Firmenalter",
		// ordinary columns of the shipped and real data sets
		"employees", "mrr", "industry", "seats_used", "business_size", "tickets", "Description", "Country",
		"Channel", "sessions", "days_since_last_login", "sales_stage", "revenue_band", "health_score",
		"usage", "storage", "InvoiceNo", "StockCode", "CustomerID", "Delicassen", "Detergents_Paper",
		"owner", "notes", "kontakt", "umsatzsteuer", "tax_amount", "users", "logins_per_week", "",
	} {
		k, ok := ClassifyName(name)
		assert.False(t, ok, "%s: %s", name, k)
	}
}

func TestKindProtected(t *testing.T) {
	for _, c := range []struct {
		name      string
		attribute Kind
		proxy     bool
	}{
		{"Geschlecht", Gender, false}, {"Anrede", Gender, true}, {"Alter", Age, false},
		{"Geburtsdatum", Age, true}, {"Staatsangehörigkeit", Nationality, false},
		{"Geburtsort", Nationality, true}, {"religion", Religion, false}, {"ethnicity", Ethnicity, false},
	} {
		k, ok := ClassifyName(c.name)
		assert.True(t, ok, c.name)
		assert.True(t, k.Protected(), c.name)
		assert.Equal(t, c.attribute, k.Attribute(), c.name)
		assert.Equal(t, c.proxy, k.Proxy(), c.name)
	}
	for _, k := range []Kind{Email, Phone, PersonName, BankAccount, TaxID} {
		assert.False(t, k.Protected(), k)
		assert.Equal(t, Kind(""), k.Attribute())
	}
}

func TestTokensAndCompounds(t *testing.T) {
	assert.Equal(t, []string{"u", "st", "id", "nr"}, Tokens("USt-IdNr"))
	assert.Equal(t, []string{"customer", "id"}, Tokens("CustomerID"))
	assert.Equal(t, []string{"e", "mail", "adresse"}, Tokens("EMailAdresse"))
	assert.Equal(t, []string{"telefon", "kosten"}, splitCompound("telefonkosten"))
	assert.Equal(t, []string{"kunden", "telefon"}, splitCompound("kundentelefon"))
	assert.Equal(t, []string{"altersgruppe"}, splitCompound("altersgruppe"), "known word")
	assert.Equal(t, []string{"arbeit", "telefon"}, splitCompound("arbeitstelefon"), "linking s")
	assert.Equal(t, []string{"rechnungs", "adresse"}, splitCompound("rechnungsadresse"))
	assert.Equal(t, []string{"firmen", "alter"}, splitCompound("firmenalter"))
	assert.Equal(t, []string{"geburt", "ort"}, splitCompound("geburtesort"), "linking es")
	assert.Equal(t, []string{"delicassen"}, splitCompound("delicassen"), "no split: kept whole")
	assert.Equal(t, []string{"strasse"}, nameParts("Straße"))
}
