package privacy

import (
	"strings"
	"unicode"
)

// Tokens splits a column name into lower-case tokens at non-alphanumeric
// characters and at lower-to-upper case changes ("CustomerID" -> customer,
// id; "e-mail" -> e, mail; "USt-IdNr" -> u, st, id, nr).
func Tokens(name string) []string {
	var toks []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			toks = append(toks, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(name)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if unicode.IsUpper(r) && len(cur) > 0 {
				prev := rs[i-1]
				nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
				if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
					flush()
				}
			}
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return toks
}

// folds spells German and common accented letters in ASCII, so that
// "Straße", "Strasse" and "STRASSE" meet, and "Staatsangehörigkeit" is
// found however it was typed.
var folds = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "é", "e", "è", "e", "ê", "e",
	"á", "a", "à", "a", "â", "a", "ó", "o", "ò", "o", "ô", "o", "í", "i", "ì", "i", "ú", "u", "ù", "u",
	"ç", "c", "ñ", "n")

// maxCompound bounds the tokens the compound splitter tries (the longest
// German identifier word is 33 letters); longer tokens are kept whole.
const maxCompound = 64

// nameParts returns the words of a column name: its tokens, folded, with
// compounds split into known words ("telefonnummer" -> telefon, nummer).
func nameParts(column string) []string {
	var parts []string
	for _, t := range Tokens(column) {
		parts = append(parts, splitCompound(folds.Replace(t))...)
	}
	return parts
}

// known reports whether w is a lexicon word, or its plural in -s or -n
// ("emails", "adressen").
func known(w string) bool {
	return lexicon[w] || len(w) >= 4 && (w[len(w)-1] == 's' || w[len(w)-1] == 'n') && lexicon[w[:len(w)-1]]
}

// splitCompound splits tok into the fewest known words of three letters or
// more, allowing the German linking "s" or "es" between words
// ("geburt-s-datum"). A token that is known, too long, or cannot be split
// entirely is returned whole.
func splitCompound(tok string) []string {
	n := len(tok)
	if known(tok) || n > maxCompound || n < 6 {
		return []string{tok}
	}
	const unreachable = 1 << 30
	// best[i]: fewest words covering tok[:i]; from[i]: where the last word
	// starts; wordEnd[i]: a word (not a linker) ends at i.
	var best, from [maxCompound + 1]int
	var wordEnd [maxCompound + 1]bool
	for i := 1; i <= n; i++ {
		best[i] = unreachable
	}
	for i := 3; i <= n; i++ {
		for j := 0; j+3 <= i; j++ {
			if best[j] == unreachable || best[j]+1 >= best[i] || !known(tok[j:i]) {
				continue
			}
			best[i], from[i], wordEnd[i] = best[j]+1, j, true
		}
		if !wordEnd[i] {
			continue
		}
		// A linking s or es after a word leads to the same count.
		for _, link := range []string{"s", "es"} {
			if k := i + len(link); k < n && tok[i:k] == link && best[i] < best[k] {
				best[k], from[k], wordEnd[k] = best[i], i, false
			}
		}
	}
	if best[n] == unreachable || !wordEnd[n] || best[n] < 2 {
		return []string{tok}
	}
	var words []string
	for i := n; i > 0; i = from[i] {
		if wordEnd[i] {
			words = append(words, tok[from[i]:i])
		}
	}
	for l, r := 0, len(words)-1; l < r; l, r = l+1, r-1 {
		words[l], words[r] = words[r], words[l]
	}
	return words
}

// kindOf looks a word (or its plural) up in kindWords.
func kindOf(w string) (Kind, bool) {
	if k, ok := kindWords[w]; ok {
		return k, true
	}
	if len(w) >= 4 && (w[len(w)-1] == 's' || w[len(w)-1] == 'n') {
		k, ok := kindWords[w[:len(w)-1]]
		return k, ok
	}
	return "", false
}

// ClassifyName returns the kind of data a column so named holds, or false
// when the name looks neither personal nor protected. The rules, in order:
//
//   - a name that measures an activity or aggregates is not personal: it
//     holds a measure word anywhere (rate, share, count, total, avg, clicks,
//     calls, opens, sent, kosten, anzahl, anteil...; see the package
//     documentation) or starts with n, num, nb or "number of";
//   - otherwise the longest run of adjacent words that is a known
//     identifier decides ("date of birth", "ust id nr", "ip address"), ties
//     going to the more specific kind (an e-mail address is an e-mail);
//   - "name" and "age" (Alter) count unless a neutral owner comes right
//     before them ("company_name", "account_age", "Firmenalter");
//   - a token that could not be split into known words is searched for the
//     longer stems (email, phone, telefon, birth, geburt, address...).
func ClassifyName(column string) (Kind, bool) {
	parts := nameParts(column)
	if len(parts) == 0 || measured(parts) {
		return "", false
	}
	found, span := Kind(""), 0
	better := func(k Kind, s int) bool {
		return found == "" || s > span || s == span && priorityOf[k] < priorityOf[found]
	}
	for i := range parts {
		for j := i + 1; j <= len(parts) && j <= i+4; j++ {
			if k, ok := kindOf(strings.Join(parts[i:j], "")); ok && better(k, j-i) {
				found, span = k, j-i
			}
		}
		if k, ok := ownedWords[parts[i]]; ok && !(i > 0 && ownerWords[parts[i-1]]) && better(k, 1) {
			found, span = k, 1
		}
	}
	if found != "" {
		return found, true
	}
	for _, p := range parts {
		if known(p) {
			continue
		}
		for _, s := range substringStems {
			if strings.Contains(p, s.stem) && better(s.kind, 0) {
				found = s.kind
			}
		}
	}
	return found, found != ""
}

// measured reports whether the words name a measure of an activity or an
// aggregate rather than a person's data.
func measured(parts []string) bool {
	if countPrefixes[parts[0]] || parts[0] == "number" && len(parts) > 1 && parts[1] == "of" {
		return true
	}
	for _, p := range parts {
		if measureWords[p] {
			return true
		}
	}
	return false
}
