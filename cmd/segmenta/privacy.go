package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/privacy"
	"github.com/segmenta/segmenta/report"
)

// pseudonymFlags are the pseudonymisation flags of score, profile, demo
// and fit.
type pseudonymFlags struct {
	keyFile *string
	fromEnv *bool
}

func addPseudonymFlags(fs *flag.FlagSet, what string) pseudonymFlags {
	return pseudonymFlags{
		keyFile: fs.String("pseudonymise-key", "", "pseudonymise account IDs in "+what+" with HMAC-SHA256 under the key in this file"),
		fromEnv: fs.Bool("pseudonymise-env", false, "pseudonymise account IDs in "+what+" with the key in $"+privacy.EnvPseudonymKey),
	}
}

// pseudonymiser returns the Pseudonymiser the flags ask for, nil without
// them. required is the model's requirement: a model fitted with
// pseudonymised IDs refuses outputs without a key.
func (f pseudonymFlags) pseudonymiser(required bool) (*privacy.Pseudonymiser, error) {
	switch {
	case *f.keyFile != "" && *f.fromEnv:
		return nil, usagef("-pseudonymise-key and -pseudonymise-env are exclusive")
	case *f.keyFile != "":
		p, err := privacy.LoadPseudonymiser(*f.keyFile, privacy.PseudonymOptions{})
		if err != nil {
			return nil, usagef("%v", err)
		}
		return p, nil
	case *f.fromEnv:
		p, err := privacy.PseudonymiserFromEnv(privacy.PseudonymOptions{})
		if err != nil {
			return nil, usagef("%v", err)
		}
		return p, nil
	case required:
		return nil, usagef("the model was fitted with pseudonymised IDs: give -pseudonymise-key FILE or -pseudonymise-env")
	}
	return nil, nil
}

// input is the key file as an input of the job: no output may replace it.
func (f pseudonymFlags) input() pathRole { return pathRole{"-pseudonymise-key", *f.keyFile} }

// set reports whether a pseudonymisation flag was given.
func (f pseudonymFlags) set() bool { return *f.keyFile != "" || *f.fromEnv }

// printPrivacy prints the fit's privacy summary: what the guard refused
// and why (column, rule, kind, counts, never a value), the consent counts,
// and whether IDs are pseudonymised.
func printPrivacy(w io.Writer, p segmenta.Privacy) {
	refused := 0
	for _, f := range p.Findings {
		if !f.Allowed {
			refused++
		}
	}
	fmt.Fprintf(w, "privacy guard: %d column(s) refused as features, %d allowed\n", refused, len(p.Findings)-refused)
	if len(p.Findings) > 0 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  column\trule\tkind\tmatched\tdecision\treason")
		for _, f := range p.Findings {
			matched, decision := "-", "refused"
			if f.Rule == privacy.RuleValues {
				matched = fmt.Sprintf("%d/%d", f.Matched, f.Sampled)
			}
			if f.Allowed {
				decision = "allowed"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", f.Column, f.Rule, f.Kind, matched, decision, f.Reason())
		}
		tw.Flush()
	}
	if c := p.Consent; c != nil {
		fmt.Fprintf(w, "consent (%s): %d rows, %d with consent fitted, %d without left out (%d no, %d missing, %d unrecognised)\n",
			p.ConsentColumn, c.Rows, c.Given, c.Without(), c.Refused, c.Missing, c.Invalid)
	}
	if p.PseudonymiseIDs {
		fmt.Fprintln(w, "account IDs: to be pseudonymised in every output (score refuses to run without the key; give it to profile too)")
	}
}

// warnPersonalIDs warns when the account IDs look personal and nothing
// pseudonymises them.
func warnPersonalIDs(e *env, p segmenta.Privacy) {
	if p.IDs == nil || p.PseudonymiseIDs {
		return
	}
	e.log.Warn("the account IDs look like personal data: pseudonymise them in outputs (-pseudonymise-key FILE or -pseudonymise-env)",
		"column", p.IDs.Column, "kind", p.IDs.Kind, "matched", p.IDs.Matched, "sampled", p.IDs.Sampled)
}

// withheldValues returns err with the value of a reader's row error
// withheld when the column's name or the value looks personal
// (privacy.QuoteValue); the error chain is kept for errors.Is/As. Readers
// that read every column (fit, profile) quote values only then; 'score'
// reads only the model's columns, so a value of an unused column never
// reaches a message.
func withheldValues(err error) error {
	var re *dataset.RowError
	if !errors.As(err, &re) || re.Column == "" || privacy.QuoteValue(re.Column, re.Value) {
		return err
	}
	safe := fmt.Sprintf("line %d, column %q, value withheld: %v", re.Line, re.Column, re.Err)
	return &redactedError{msg: strings.Replace(err.Error(), re.Error(), safe, 1), err: err}
}

// redactedError is an error whose text has a value withheld.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// splitList splits a comma-separated flag value, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// scoreIndex maps account IDs to their row in scores. With a
// pseudonymiser, the accounts' IDs of t are replaced by their pseudonyms
// (so that the report never shows a raw ID), and a score matches an
// account whether the score file holds raw IDs (score run without a key)
// or pseudonyms made with the same key; the scores' IDs become pseudonyms.
func scoreIndex(scores []segmenta.Score, t *dataset.Table, p *privacy.Pseudonymiser) map[string]int {
	byID := make(map[string]int, len(scores))
	if p == nil {
		for i := range scores {
			byID[scores[i].ID] = i
		}
		return byID
	}
	for i := range t.IDs {
		t.IDs[i] = p.Pseudonym(t.IDs[i])
	}
	raw := map[string]bool{}
	for i := range scores {
		byID[scores[i].ID] = i
		ps := p.Pseudonym(scores[i].ID)
		if _, taken := byID[ps]; !taken {
			byID[ps] = i
			raw[ps] = true
		}
	}
	for _, id := range t.IDs {
		if k, ok := byID[id]; ok && raw[id] {
			scores[k].ID = id
		}
	}
	return byID
}

// pseudonymiseRisky replaces the IDs of the report's account rows (risky
// accounts, outliers) by their pseudonyms (no-op without a pseudonymiser).
func pseudonymiseRisky(rep *report.Report, p *privacy.Pseudonymiser) {
	if p == nil {
		return
	}
	for i := range rep.RiskyAccounts {
		rep.RiskyAccounts[i].ID = p.Pseudonym(rep.RiskyAccounts[i].ID)
	}
	for i := range rep.Outliers {
		rep.Outliers[i].ID = p.Pseudonym(rep.Outliers[i].ID)
	}
}

// warnFairness logs the warnings of the report's fairness audit.
func warnFairness(e *env, rep *report.Report) {
	if rep == nil {
		return
	}
	for _, a := range rep.Fairness {
		for _, w := range a.Warnings {
			e.log.Warn("fairness: "+w, "column", a.Column)
		}
	}
}
