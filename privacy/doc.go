// Package privacy holds the data-protection (GDPR / DSGVO) primitives of
// Segmenta: a guard that recognises personal data and protected attributes
// in a table, keyed pseudonymisation of account IDs, and a consent filter.
//
// # The guard
//
// Guard.Check looks at every column of a dataset.Table twice:
//
//   - by name (ClassifyName), in English and German, with German compounds
//     split into their parts ("Kundentelefon" = kunden + telefon,
//     "Arbeitstelefon" = arbeit + s + telefon) and common DACH/EU identifiers
//     (IBAN, BIC, Steuer-ID, USt-IdNr, Sozialversicherungsnummer,
//     Personalausweis, national_id, ip). A name that measures an activity
//     rather than naming a person's data is not flagged: a count, rate,
//     share or total of e-mails, calls or clicks ("email_open_rate",
//     "phone_calls", "n_emails", "ip_count", "Telefonkosten") is a
//     behavioural figure, not personal data;
//   - by value (Detector), over a deterministic sample of the non-missing
//     values: e-mail addresses, phone numbers, IBANs (mod-97 checksum),
//     IPv4/IPv6 addresses, payment cards (Luhn and issuer prefix), German
//     tax IDs (check digit), person names and salutations. A column whose
//     matching share reaches Detector.MinShare is flagged, so an `owner`
//     column holding e-mail addresses is caught whatever its name.
//
// Each flagged column becomes a Finding: column, rule (name or values),
// kind, and for the value rule the number of matching and sampled values.
// A Finding never holds a value of the column, and neither do its texts nor
// the errors of this package: reports and logs stay free of personal data.
//
// Protected attributes (gender, age, nationality, ethnicity, religion,
// disability, health, sexual orientation, political opinion, trade-union
// membership; Art. 9 GDPR and §1 AGG) and their proxies (salutation for
// gender, birth date for age, place of birth for nationality) are kinds
// too: Kind.Attribute names the attribute, so a fairness audit can build
// disparity tables from Guard.Protected. B2B segmentation must not
// discriminate: the features package refuses such columns as features
// unless explicitly allowed.
//
// Decisions where the law or the data leave room:
//
//   - IP and MAC addresses, IMEI, device, advertising and cookie IDs and
//     user names are online identifiers (Recital 30 GDPR): personal;
//   - a BIC alone names a bank, not a person, but it travels with the IBAN
//     and has no segmentation value: refused with the bank details;
//   - postal address columns are refused although a company's address is
//     not personal data, because a sole trader's is;
//   - a count, rate or share (ip_count, gender_share, average_age) is a
//     company-level figure, not a person's data: not flagged;
//   - generic person IDs (user_id, contact_id) are left to the identifier
//     rule of features.InferSpec, which never uses them as features;
//   - a date column is never flagged by value: birth dates look like any
//     other date, so only their names are caught.
//
// # Pseudonymisation and consent
//
// Pseudonymiser maps an ID to the truncated HMAC-SHA256 of the ID under a
// secret key (from a file or the SEGMENTA_PSEUDONYM_KEY environment
// variable): the same ID and key always give the same pseudonym, and
// without the key the mapping cannot be reversed or recomputed.
// FilterConsent keeps the rows of a table whose consent column says yes
// (true/false, yes/no, ja/nein, 1/0, y/n, j/n, x) and counts the others;
// a missing or unrecognised value is no consent.
//
// # Values in messages
//
// QuoteValue decides whether an error message, a reject reason or a log
// line may quote a value: only when neither its column's name nor the
// value itself (ClassifyValue) looks like personal data or a protected
// attribute. Callers withhold the values of columns their job does not
// use before asking (the batch scorer never parses them).
//
// privacy imports dataset and nothing above it; features imports privacy.
package privacy
