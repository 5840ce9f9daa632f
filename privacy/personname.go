package privacy

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Person names in values. The rule, chosen for precision over recall:
//
//   - a salutation or title (Herr, Frau, Mr, Mrs, Ms, Dr., Prof.) followed
//     by one to three capitalised words is a name ("Frau Müller",
//     "Herr Dr. Hans Schmidt");
//   - otherwise two to four words, each capitalised letters (hyphens and
//     apostrophes inside, particles such as von, van, de, zu lower case
//     in the middle), whose first word is a common given name from
//     firstNames; "Schmidt, Maria" is read as "Maria Schmidt";
//   - a value with a digit, an ampersand or a company word (GmbH, AG, Ltd,
//     Inc, Holding, Consulting, Software...) is never a name.
//
// Misses: names in capitals ("MARIA SCHMIDT"), given names outside the
// list, single words. False positives: a two-word brand that starts with
// a listed given name and carries no legal form ("Hugo Boss"). On the
// test fixtures (privacy/testdata/names.txt) 0 of the company names are
// flagged. A column needs Detector.MinShare of its values to match, so a
// few such brands among company names do not flag it.

// firstNames: common given names in DACH, the EU and English-speaking
// countries, folded (see folds). Names that are also product or plan words
// (Max, Grace, Will, Mark, May, Rose...) are left out.
var firstNames = set(
	// German-speaking
	"hans", "peter", "klaus", "wolfgang", "juergen", "michael", "thomas", "andreas", "stefan", "christian",
	"markus", "frank", "sabine", "petra", "monika", "susanne", "andrea", "claudia", "anna", "maria", "julia",
	"laura", "lena", "lisa", "katharina", "sandra", "nicole", "stefanie", "birgit", "ursula", "karin",
	"heike", "martina", "christina", "melanie", "jan", "lukas", "leon", "felix", "jonas", "tim", "tobias",
	"florian", "sebastian", "alexander", "daniel", "david", "matthias", "martin", "jens", "uwe", "dirk",
	"sven", "torsten", "ralf", "bernd", "dieter", "manfred", "helmut", "gerhard", "werner", "horst", "karl",
	"heinz", "guenter", "rainer", "ulrich", "johannes", "simon", "paul", "philipp", "niklas", "moritz",
	"emma", "mia", "hannah", "sophie", "marie", "lea", "johanna", "clara", "sarah", "jana", "kerstin",
	"silke", "anja", "tanja", "katrin", "nina", "eva", "ingrid", "renate", "elke", "gabriele", "brigitte",
	"jutta", "doris", "helga", "angelika", "barbara", "christine", "stephanie", "franziska", "jasmin",
	"lara", "leonie", "marlene", "theresa", "jakob", "elias", "noah", "ben", "finn", "luis", "henry",
	"anton", "emil", "oskar", "fabian", "dominik", "patrick", "marcel", "kevin", "dennis", "benjamin",
	"holger", "joerg", "volker", "norbert", "reinhard", "hubert", "josef", "franz", "georg", "lars",
	// English-speaking
	"john", "james", "robert", "william", "richard", "joseph", "charles", "christopher", "matthew",
	"anthony", "steven", "andrew", "joshua", "brian", "george", "edward", "mary", "patricia", "jennifer",
	"linda", "elizabeth", "susan", "jessica", "karen", "nancy", "margaret", "betty", "ashley", "emily",
	"donna", "michelle", "carol", "amanda", "melissa", "deborah", "rebecca", "sharon", "cynthia",
	"kathleen", "amy", "olivia", "sophia", "isabella", "charlotte", "oliver", "harry", "jack", "jacob",
	"thomas", "liam", "ethan", "chloe", "zoe", "emma", "ella", "lucy", "ruby", "isla", "megan", "laura",
	// French, Italian, Spanish, Portuguese, Dutch, Nordic, Polish, Turkish
	"jean", "pierre", "michel", "philippe", "nicolas", "francois", "sophie", "nathalie", "isabelle",
	"camille", "manon", "luca", "marco", "giuseppe", "giovanni", "francesca", "giulia", "alessandro",
	"matteo", "chiara", "jose", "juan", "carlos", "javier", "antonio", "manuel", "ana", "carmen",
	"lucia", "pablo", "joao", "pedro", "jeroen", "sanne", "pieter", "daan", "erik", "lars", "ingrid",
	"astrid", "mikael", "piotr", "katarzyna", "tomasz", "agnieszka", "krzysztof", "magdalena", "mehmet",
	"ahmet", "mustafa", "ayse", "fatma", "emine", "ali", "fatima", "yusuf", "omar", "ines", "vera",
	"dana", "tara", "rosa", "hugo", "noah", "olga", "ivan", "elena", "natalia", "irina", "dmitri",
)

// nameParticles may stand lower case inside a name.
var nameParticles = set("von", "van", "de", "der", "den", "zu", "zur", "di", "da", "del", "la", "le",
	"ten", "ter", "du", "dos", "das", "y", "bin", "al")

// companyWords mark a value as a company, not a person.
var companyWords = set("gmbh", "ag", "kg", "ug", "se", "ohg", "gbr", "ek", "ev", "mbh", "kgaa", "co", "ltd",
	"limited", "inc", "llc", "llp", "plc", "corp", "corporation", "company", "sa", "sas", "sarl", "srl",
	"spa", "bv", "nv", "ab", "oy", "asa", "group", "gruppe", "holding", "holdings", "solutions", "systems",
	"consulting", "software", "technologies", "technology", "tech", "services", "service", "partners",
	"partner", "labs", "media", "digital", "studio", "studios", "agentur", "agency", "bank", "versicherung",
	"verlag", "werke", "bau", "handel", "logistik", "logistics", "international", "global", "industries",
	"shop", "store", "apotheke", "klinik", "praxis", "kanzlei", "stiftung", "verein", "foundation",
	"university", "universitaet", "hochschule", "institut", "institute", "team", "network", "ventures",
	"capital", "brands", "foods", "energy", "motors", "pharma", "bio", "cloud", "data", "design")

// titles may follow a salutation or open a name.
var titles = set("dr", "prof", "dipl", "ing", "mag", "med", "phil", "rer", "nat")

// salutationWords open a name ("Herr Schmidt") and, alone, are the
// salutation values of a column.
var salutationWords = set("herr", "frau", "hr", "fr", "mr", "mrs", "ms", "miss", "mx", "madame", "monsieur",
	"mme", "mlle", "signor", "signora", "sig", "sra", "senor", "senora")

// genderWords are the values of a gender column.
var genderWords = set("m", "f", "w", "d", "male", "female", "maennlich", "weiblich", "maennl", "weibl",
	"divers", "diverse", "nonbinary", "non-binary", "man", "woman", "mann", "men", "women")

// normWord folds a word for the lists above: lower case, folded, a
// trailing dot dropped ("Dr." -> "dr", "Männl." -> "maennl").
func normWord(w string) string {
	return folds.Replace(strings.ToLower(strings.TrimSuffix(w, ".")))
}

// isPersonName applies the rule above.
func isPersonName(s string) bool {
	if len(s) > 80 || strings.ContainsAny(s, "&@0123456789") {
		return false
	}
	if last, first, ok := strings.Cut(s, ","); ok {
		if strings.Contains(first, ",") {
			return false
		}
		s = strings.TrimSpace(first) + " " + strings.TrimSpace(last)
	}
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 6 {
		return false
	}
	for _, w := range words {
		if companyWords[normWord(w)] {
			return false
		}
	}
	if salutationWords[normWord(words[0])] {
		rest := words[1:]
		for len(rest) > 0 && titles[normWord(rest[0])] {
			rest = rest[1:]
		}
		return len(rest) >= 1 && len(rest) <= 3 && nameWords(rest)
	}
	for len(words) > 0 && titles[normWord(words[0])] {
		words = words[1:]
	}
	if len(words) < 2 || len(words) > 4 || !nameWords(words) {
		return false
	}
	given, _, _ := strings.Cut(words[0], "-")
	return firstNames[normWord(given)]
}

// nameWords reports whether every word is capitalised letters (hyphen and
// apostrophe inside allowed), particles excepted in the middle.
func nameWords(words []string) bool {
	for i, w := range words {
		if i > 0 && i < len(words)-1 && nameParticles[w] {
			continue
		}
		if !capitalised(w) {
			return false
		}
	}
	return true
}

func capitalised(w string) bool {
	first, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(first) || len(w) < 2 {
		return false
	}
	prevSep := false
	for _, r := range w[size:] {
		switch {
		case r == '-' || r == '\'' || r == '’':
			if prevSep {
				return false
			}
			prevSep = true
		case unicode.IsLetter(r):
			if unicode.IsUpper(r) && !prevSep {
				return false // "McDonald" is missed rather than "ACME" taken
			}
			prevSep = false
		default:
			return false
		}
	}
	return !prevSep
}

// protectedValue returns Salutation or Gender when the value is one of the
// words of such a column, or "".
func protectedValue(s string) Kind {
	w := normWord(strings.TrimSpace(s))
	switch {
	case salutationWords[w]:
		return Salutation
	case genderWords[w]:
		return Gender
	}
	return ""
}
