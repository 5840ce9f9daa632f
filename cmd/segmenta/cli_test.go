package main

// The CLI conventions suite (issue 20): flags after arguments, help on
// standard output, a short usage line on usage errors, exit codes for
// usage, data errors, SIGINT and SIGTERM, JSON logs that parse, completion
// scripts that load in bash, zsh and fish.

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cliRaw runs the command in-process without the -quiet cli adds.
func cliRaw(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestFlagsAfterArguments(t *testing.T) {
	fx := newFaultFixture(t)
	dir := t.TempDir()
	acc := filepath.Join(dir, "accounts.csv")
	model := filepath.Join(dir, "model.json")
	require.NoError(t, os.WriteFile(acc, fx.acc, 0o644))
	require.NoError(t, os.WriteFile(model, fx.model, 0o644))
	before, after := filepath.Join(dir, "before.csv"), filepath.Join(dir, "after.csv")
	code, _, stderr := cli(t, "score", "-model", model, "-o", before, acc)
	require.Equal(t, exitOK, code, stderr)
	// The report: flags after the file were ignored and -model
	// was then "required". Global flags after the command name too.
	code, _, stderr = cliRaw(t, "score", acc, "-model", model, "-quiet", "-o", after)
	require.Equal(t, exitOK, code, stderr)
	assert.Empty(t, stderr, "-quiet after the command name is honoured")
	a, err := os.ReadFile(before)
	require.NoError(t, err)
	b, err := os.ReadFile(after)
	require.NoError(t, err)
	assert.Equal(t, a, b)
	// Flags between arguments: both files are arguments.
	code, _, stderr = cli(t, "score", "-model", model, acc, "extra.csv")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "want exactly one INPUT file, got 2")
}

func TestParseInterleaved(t *testing.T) {
	e := &env{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
	for _, c := range []struct {
		args []string
		o    string
		b    bool
		pos  []string
	}{
		{[]string{"a", "-o", "x", "b"}, "x", false, []string{"a", "b"}},
		{[]string{"-b", "a", "-o=y"}, "y", true, []string{"a"}},
		{[]string{"a", "--", "-o", "z"}, "", false, []string{"a", "-o", "z"}},
		{[]string{"-", "-b"}, "", true, []string{"-"}},
		{nil, "", false, nil},
	} {
		fs := newFlagSet(e, "t", "", "")
		o := fs.String("o", "", "")
		b := fs.Bool("b", false, "")
		require.NoError(t, parseFlags(fs, c.args), c.args)
		assert.Equal(t, c.o, *o, c.args)
		assert.Equal(t, c.b, *b, c.args)
		if len(c.pos) == 0 {
			assert.Empty(t, fs.Args(), c.args)
		} else {
			assert.Equal(t, c.pos, fs.Args(), c.args)
		}
	}
}

func TestHelpOnStdout(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"-v", "-help"}} {
		code, stdout, stderr := cliRaw(t, args...)
		assert.Equal(t, exitOK, code, args)
		assert.Empty(t, stderr, args)
		assert.Contains(t, stdout, "Commands:", args)
		assert.Contains(t, stdout, "Exit codes:", args)
	}
	for _, c := range commands() {
		for _, args := range [][]string{{c.name, "-h"}, {c.name, "--help"}, {"help", c.name}, {c.name, "x.csv", "-h"}} {
			code, stdout, stderr := cliRaw(t, args...)
			assert.Equal(t, exitOK, code, args)
			assert.Empty(t, stderr, args)
			assert.True(t, strings.HasPrefix(stdout, "Usage: segmenta "+c.name+" "), "%v: %q", args, firstLine(stdout))
			assert.Contains(t, stdout, "-log-format", args) // global flags listed too
		}
	}
}

func TestUsageErrorShort(t *testing.T) {
	for _, c := range []struct {
		args []string
		msg  string
		line string
	}{
		{nil, "no command", "usage: segmenta [global flags]"},
		{[]string{"scor"}, `unknown command "scor" (did you mean "score"?)`, "usage: segmenta [global flags]"},
		{[]string{"-nosuch"}, "flag provided but not defined: -nosuch", "usage: segmenta [global flags]"},
		{[]string{"score", "x.csv"}, "-model is required", "usage: segmenta score -model FILE"},
		{[]string{"fit", "-nosuchflag", "x.csv"}, "flag provided but not defined: -nosuchflag", "usage: segmenta fit "},
		{[]string{"score", "x.csv", "-model"}, "flag needs an argument: -model", "usage: segmenta score "},
		{[]string{"-log-format", "xml", "version"}, `-log-format "xml": want text or json`, ""},
		{[]string{"version", "-log-format", "yaml"}, `-log-format "yaml": want text or json`, "usage: segmenta version"},
		{[]string{"completion", "tcsh"}, `unknown shell "tcsh"`, "usage: segmenta completion"},
		{[]string{"fit", "-linear-only", "-additive-only", "x.csv"}, "-linear-only and -additive-only (linear_only, additive_only) are exclusive", "usage: segmenta fit "},
	} {
		code, stdout, stderr := cliRaw(t, c.args...)
		assert.Equal(t, exitUsage, code, c.args)
		assert.Empty(t, stdout, c.args)
		assert.Contains(t, stderr, c.msg, c.args)
		assert.Contains(t, stderr, c.line, c.args)
		assert.Contains(t, stderr, "for help.", c.args)
		// Short: the message, the usage line, where help is; never the
		// whole help.
		assert.LessOrEqual(t, strings.Count(stderr, "\n"), 3, "%v:\n%s", c.args, stderr)
		assert.NotContains(t, stderr, "Commands:", c.args)
	}
}

func TestDataErrorExitCode(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	require.NoError(t, os.WriteFile(bad, []byte("account_id,mrr\na,1\nb,\"unterminated\n"), 0o644))
	code, stdout, stderr := cli(t, "fit", "-o", filepath.Join(dir, "m.json"), bad)
	assert.Equal(t, exitData, code, stderr)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "line")
	assert.NoFileExists(t, filepath.Join(dir, "m.json"))
}

// SIGINT and SIGTERM end a job blocked on its input with 128 + the signal
// number, no output and no temporary file.
func TestSignalExitCodes(t *testing.T) {
	fx := newFaultFixture(t)
	dir := t.TempDir()
	model := filepath.Join(dir, "model.json")
	require.NoError(t, os.WriteFile(model, fx.model, 0o644))
	for _, c := range []struct {
		sig  syscall.Signal
		code int
		name string
	}{{syscall.SIGINT, 130, "SIGINT"}, {syscall.SIGTERM, 143, "SIGTERM"}} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, "scores-"+c.name+".csv")
			cmd := exec.Command(os.Args[0], "-log-format", "json", "score", "-model", model, "-batch", "64", "-o", out, "-")
			cmd.Env = append(os.Environ(), "SEGMENTA_TEST_MAIN=1")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			stdin, err := cmd.StdinPipe()
			require.NoError(t, err)
			require.NoError(t, cmd.Start())
			defer stdin.Close()
			_, err = stdin.Write(fx.acc[:len(fx.acc)/2])
			require.NoError(t, err)
			// Midway: the temporary output exists, the rest of the input
			// never comes.
			deadline := time.Now().Add(time.Minute)
			for len(temps(t, dir)) == 0 && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			require.NotEmpty(t, temps(t, dir), "temporary output file")
			require.NoError(t, cmd.Process.Signal(c.sig))
			err = cmd.Wait()
			var ee *exec.ExitError
			require.ErrorAs(t, err, &ee)
			assert.Equal(t, c.code, ee.ExitCode(), stderr.String())
			assert.Contains(t, stderr.String(), "interrupted by "+c.name)
			assert.NoFileExists(t, out)
			assertNoTemp(t, dir)
			assertJSONLines(t, stderr.String())
		})
	}
}

// assertJSONLines checks that every line of s is one JSON object with the
// log/slog keys, and returns them.
func assertJSONLines(t *testing.T, s string) []map[string]any {
	t.Helper()
	var recs []map[string]any
	for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		var rec map[string]any
		if !assert.NoError(t, json.Unmarshal([]byte(line), &rec), "log line %q", line) {
			continue
		}
		assert.Contains(t, rec, "time")
		assert.Contains(t, rec, "level")
		assert.Contains(t, rec, "msg")
		recs = append(recs, rec)
	}
	return recs
}

func TestJSONLogs(t *testing.T) {
	dir := t.TempDir()
	acc := filepath.Join(dir, "accounts.csv")
	writeAccounts(t, acc, 2000, 5)
	model := filepath.Join(dir, "model.json")
	// Global flag after the command name, -v for debug lines too.
	code, _, stderr := cliRaw(t, "fit", "-o", model, "-segments", "3", acc, "-log-format", "json", "-v")
	require.Equal(t, exitOK, code, stderr)
	recs := assertJSONLines(t, stderr)
	require.NotEmpty(t, recs)
	code, _, stderr = cliRaw(t, "-log-format", "json", "score", "-model", model, "-o", filepath.Join(dir, "s.csv"), acc)
	require.Equal(t, exitOK, code, stderr)
	recs = assertJSONLines(t, stderr)
	var scored bool
	for _, r := range recs {
		if r["msg"] == "scored" {
			scored = true
			assert.EqualValues(t, 2000, r["rows"])
		}
	}
	assert.True(t, scored, stderr)
	// A failure is a JSON line too.
	code, _, stderr = cliRaw(t, "-log-format", "json", "score", "-model", filepath.Join(dir, "none.json"), acc)
	assert.Equal(t, exitFailure, code)
	recs = assertJSONLines(t, stderr)
	require.Len(t, recs, 1)
	assert.Equal(t, "ERROR", recs[0]["level"])
	assert.Equal(t, "score", recs[0]["command"])
}

// shell returns the path of a shell, failing under CI when it is missing
// (.ci/run installs bash, zsh and fish) and skipping elsewhere.
func shell(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed (.ci/run installs it)", name)
		}
		t.Skipf("%s is not installed", name)
	}
	return p
}

// completionScript writes the script for sh to a file.
func completionScript(t *testing.T, sh string) string {
	code, stdout, stderr := cliRaw(t, "completion", sh)
	require.Equal(t, exitOK, code, stderr)
	path := filepath.Join(t.TempDir(), "segmenta."+sh)
	require.NoError(t, os.WriteFile(path, []byte(stdout), 0o644))
	return path
}

func TestCompletionBash(t *testing.T) {
	bash := shell(t, "bash")
	script := completionScript(t, "bash")
	// Load it as the README says (source <(segmenta completion bash)) and
	// ask the completion function what it offers.
	prog := `source <(cat "$1") || exit 1
complete -p segmenta || exit 1
shift
for line in "$@"; do
    read -ra COMP_WORDS <<< "$line"
    [[ $line == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _segmenta
    echo "${COMPREPLY[*]}"
done`
	cases := []struct{ line, want string }{
		{"segmenta sc", "score"},
		{"segmenta -v compl", "completion"},
		{"segmenta -v comp", "compare completion"},
		{"segmenta compare -model-", "-model-new"},
		{"segmenta score -mo", "-model"},
		{"segmenta score accounts.csv -shar", "-shard"},
		{"segmenta -log-format js", "json"},
		{"segmenta fit -log-format ", "text json"},
		{"segmenta completion ", "bash zsh fish"},
		{"segmenta help clu", "cluster"},
		{"segmenta profile -disc", "-discount-rate"},
		{"segmenta profile -tenure-u", "-tenure-unit"},
		{"segmenta score -model ", ""}, // a file name: the shell's default
	}
	args := []string{"-c", prog, "bash", script}
	for _, c := range cases {
		args = append(args, c.line)
	}
	out, err := exec.Command(bash, args...).CombinedOutput()
	require.NoError(t, err, string(out))
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	require.Len(t, lines, len(cases)+1, string(out))
	assert.Contains(t, lines[0], "-F _segmenta segmenta")
	for i, c := range cases {
		assert.Equal(t, c.want, lines[i+1], c.line)
	}
}

func TestCompletionZsh(t *testing.T) {
	zsh := shell(t, "zsh")
	script := completionScript(t, "zsh")
	out, err := exec.Command(zsh, "-n", script).CombinedOutput()
	require.NoError(t, err, "zsh -n: %s", out)
	out, err = exec.Command(zsh, "-f", "-c", `autoload -Uz compinit && compinit -u -D && source "$1" && print -r -- ${_comps[segmenta]}`, "zsh", script).CombinedOutput()
	require.NoError(t, err, string(out))
	assert.Equal(t, "_segmenta", strings.TrimSpace(string(out)))
}

func TestCompletionFish(t *testing.T) {
	fish := shell(t, "fish")
	script := completionScript(t, "fish")
	// fish completes a command line itself (complete -C): the real test of
	// the generated rules.
	prog := `source $argv[1]; or exit 1
for line in $argv[2..-1]
    complete -C $line | string split -f1 \t | string join ' '
end
true`
	cases := []struct{ line, want string }{
		{"segmenta sco", "score"},
		{"segmenta score -mod", "-model"},
		{"segmenta -log-format j", "json"},
		{"segmenta completion z", "zsh"},
	}
	args := []string{"--no-config", "-c", prog, script}
	for _, c := range cases {
		args = append(args, c.line)
	}
	cmd := exec.Command(fish, args...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	require.Len(t, lines, len(cases), string(out))
	for i, c := range cases {
		assert.Equal(t, c.want, lines[i], c.line)
	}
}

func TestCompletionCoversEveryCommand(t *testing.T) {
	specs, err := completionSpecs()
	require.NoError(t, err)
	names := map[string]bool{}
	for _, s := range specs[1:] {
		names[s.name] = true
		if s.name == "help" {
			continue
		}
		// Every command's flags, its own and the global ones.
		var flags []string
		for _, f := range s.flags {
			flags = append(flags, f.name)
		}
		assert.Contains(t, flags, "h", s.name)
	}
	for _, c := range commands() {
		assert.True(t, names[c.name], c.name)
	}
}

func TestVersion(t *testing.T) {
	code, stdout, stderr := cliRaw(t, "version")
	require.Equal(t, exitOK, code, stderr)
	assert.True(t, strings.HasPrefix(stdout, "segmenta "), stdout)
	code, stdout2, _ := cliRaw(t, "-version")
	require.Equal(t, exitOK, code)
	assert.Equal(t, stdout, stdout2)
	code, stdout, _ = cliRaw(t, "version", "-json")
	require.Equal(t, exitOK, code)
	var v buildVersion
	require.NoError(t, json.Unmarshal([]byte(stdout), &v))
	assert.Equal(t, "github.com/segmenta/segmenta", v.Module)
	assert.NotEmpty(t, v.Version)
}
