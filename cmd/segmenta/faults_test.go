//go:build unix

package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/segmenta/segmenta/batch"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The bad-input and fault matrix of issue 13 (reader, outputs, limits):
// each case runs the real command line on copies of a fitted model and its
// inputs, and checks the exit code, the message and the state of every file
// of the folder: a file the case does not name as changed keeps its bytes,
// mode and type, and no temporary file is left.

// faultCase is one row of the matrix. args may use {dir}, {acc} (the
// accounts file), {model}. changed lists the files (relative to the folder)
// the run may create or replace; check looks at them.
type faultCase struct {
	name    string
	setup   func(t *testing.T, dir string)
	args    []string
	code    int
	msg     string
	changed []string
	check   func(t *testing.T, dir, stdout string)
	// secret is a value of the input no message may quote (personal
	// data, or a value of a column the job does not use).
	secret string
}

// fileState is what a file is: its type, permissions, content digest or
// link target.
type fileState struct {
	mode os.FileMode
	data string
}

func folderState(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	st := map[string]fileState{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		s := fileState{mode: info.Mode()}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			s.data, _ = os.Readlink(p)
		case info.Mode().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			s.data = hex.EncodeToString(sum[:])
		}
		st[rel] = s
		return nil
	}))
	return st
}

// faultFixture is a folder with accounts.csv (3,000 synthetic accounts)
// and the model fitted on them, copied into each case's folder.
type faultFixture struct{ acc, model []byte }

func newFaultFixture(t *testing.T) *faultFixture {
	dir := t.TempDir()
	acc := filepath.Join(dir, "accounts.csv")
	writeAccounts(t, acc, 3000, 11)
	model := filepath.Join(dir, "model.json")
	code, _, stderr := cli(t, "fit", "-o", model, "-segments", "3", acc)
	require.Equal(t, exitOK, code, stderr)
	fx := &faultFixture{}
	var err error
	fx.acc, err = os.ReadFile(acc)
	require.NoError(t, err)
	fx.model, err = os.ReadFile(model)
	require.NoError(t, err)
	return fx
}

func (fx *faultFixture) run(t *testing.T, c faultCase) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "accounts.csv"), fx.acc, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "model.json"), fx.model, 0o644))
	if c.setup != nil {
		c.setup(t, dir)
	}
	before := folderState(t, dir)
	args := make([]string, len(c.args))
	for i, a := range c.args {
		a = strings.ReplaceAll(a, "{acc}", filepath.Join(dir, "accounts.csv"))
		a = strings.ReplaceAll(a, "{model}", filepath.Join(dir, "model.json"))
		args[i] = strings.ReplaceAll(a, "{dir}", dir)
	}
	code, stdout, stderr := cli(t, args...)
	assert.Equal(t, c.code, code, "exit code; stderr:\n%s", stderr)
	if c.msg != "" {
		assert.Contains(t, stderr, c.msg)
	}
	if c.secret != "" {
		assert.NotContains(t, stderr, c.secret, "a message quotes a value")
	}
	after := folderState(t, dir)
	changed := map[string]bool{}
	for _, n := range c.changed {
		changed[n] = true
	}
	for name, s := range before {
		if changed[name] {
			continue
		}
		got, ok := after[name]
		if assert.True(t, ok, "%s was removed", name) {
			assert.Equal(t, s, got, "%s was changed", name)
		}
	}
	for name := range after {
		_, existed := before[name]
		assert.True(t, existed || changed[name], "unexpected new file %s", name)
	}
	if c.check != nil {
		c.check(t, dir, stdout)
	}
}

// injectStray puts a quote that never closes at the start of the last
// field (contact_email, which no model reads) of data row k.
func injectStray(t *testing.T, path string, k int) {
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := strings.SplitAfter(string(b), "\n")
	l := lines[k]
	i := strings.LastIndexByte(l, ',')
	lines[k] = l[:i+1] + `"` + l[i+1:]
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(lines, "")), 0o644))
}

// appendLines appends raw lines to a file.
func appendLines(t *testing.T, path string, lines ...string) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	defer f.Close()
	for _, l := range lines {
		_, err := f.WriteString(l + "\n")
		require.NoError(t, err)
	}
}

func countLines(t *testing.T, path string) int {
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return bytes.Count(b, []byte("\n"))
}

func TestFaults(t *testing.T) {
	fx := newFaultFixture(t)
	scoreOK := []string{"scores.csv", "scores.rejects.csv", "scores.manifest.json"}
	score := func(extra ...string) []string {
		return append([]string{"score", "-model", "{model}"}, extra...)
	}
	groups := map[string][]faultCase{
		"reader": {
			{name: "stray quote costs one row, 3000 rows in", setup: func(t *testing.T, dir string) {
				injectStray(t, filepath.Join(dir, "accounts.csv"), 700)
			}, args: score("-o", "{dir}/scores.csv", "{acc}"), code: exitOK, changed: append(scoreOK, "accounts.csv"),
				check: func(t *testing.T, dir, stdout string) {
					assert.Contains(t, stdout, "3000 rows in = 2999 scored + 1 rejected")
					assert.Equal(t, 3000, countLines(t, filepath.Join(dir, "scores.csv")))
					rej, _ := os.ReadFile(filepath.Join(dir, "scores.rejects.csv"))
					assert.Contains(t, string(rej), "701,")
					assert.Contains(t, string(rej), "resumes at line 702")
				}},
			{name: "line past the record limit stops with a clear error", setup: func(t *testing.T, dir string) {
				appendLines(t, filepath.Join(dir, "accounts.csv"), "A9,"+strings.Repeat("x", 5<<20))
			}, args: score("-o", "{dir}/scores.csv", "{acc}"), code: exitData, msg: "MaxRecordBytes", changed: []string{"accounts.csv"}},
			{name: "header past the column limit", setup: func(t *testing.T, dir string) {
				var sb strings.Builder
				sb.WriteString("account_id")
				for j := 0; j < 70000; j++ {
					fmt.Fprintf(&sb, ",c%d", j)
				}
				require.NoError(t, os.WriteFile(filepath.Join(dir, "wide.csv"), []byte(sb.String()+"\n"), 0o644))
			}, args: []string{"fit", "-o", "{dir}/m2.json", "{dir}/wide.csv"}, code: exitData, msg: "too many fields"},
		},
		"outputs": {
			{name: "-o is the input", args: score("-o", "{acc}", "{acc}"), code: exitUsage, msg: "refusing to overwrite"},
			{name: "-o is the input through ./", args: score("-o", "{dir}/./accounts.csv", "{acc}"), code: exitUsage, msg: "refusing to overwrite"},
			{name: "-o is the input through a symlink", setup: func(t *testing.T, dir string) {
				require.NoError(t, os.Symlink("accounts.csv", filepath.Join(dir, "link.csv")))
			}, args: score("-o", "{dir}/link.csv", "{acc}"), code: exitUsage, msg: "refusing to overwrite"},
			{name: "-o is the model", args: score("-o", "{model}", "{acc}"), code: exitUsage, msg: "refusing to overwrite"},
			{name: "-rejects is the input", args: score("-o", "{dir}/scores.csv", "-rejects", "{acc}", "{acc}"), code: exitUsage, msg: "refusing to overwrite"},
			{name: "-o is -rejects", args: score("-o", "{dir}/scores.csv", "-rejects", "{dir}/./scores.csv", "{acc}"), code: exitUsage, msg: "same file"},
			{name: "-o is a FIFO", setup: func(t *testing.T, dir string) {
				require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o600))
			}, args: score("-o", "{dir}/fifo", "{acc}"), code: exitUsage, msg: "not a regular file"},
			// A null device of the case's own: a build that renames onto a
			// device must not get to replace the system's /dev/null when
			// the tests run as root (the code before the fix did).
			{name: "-o is a device", setup: func(t *testing.T, dir string) {
				if err := syscall.Mknod(filepath.Join(dir, "null"), syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
					t.Skipf("mknod needs root: %v", err)
				}
			}, args: score("-o", "{dir}/null", "{acc}"), code: exitUsage, msg: "not a regular file",
				check: func(t *testing.T, dir, stdout string) {
					st, err := os.Lstat(filepath.Join(dir, "null"))
					require.NoError(t, err)
					assert.NotZero(t, st.Mode()&fs.ModeCharDevice, "the device is still a device")
				}},
			{name: "-o is a folder", setup: func(t *testing.T, dir string) {
				require.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
			}, args: score("-o", "{dir}/sub", "{acc}"), code: exitUsage, msg: "not a regular file"},
			{name: "fit -o is the input", args: []string{"fit", "-o", "{acc}", "{acc}"}, code: exitUsage, msg: "refusing to overwrite"},
			{name: "fit -metrics is -o", args: []string{"fit", "-o", "{dir}/m2.json", "-metrics", "{dir}/m2.json", "{acc}"}, code: exitUsage, msg: "same file"},
			{name: "-cpuprofile is the input", args: append([]string{"-cpuprofile", "{acc}"}, score("-o", "{dir}/scores.csv", "{acc}")...), code: exitUsage, msg: "refusing to overwrite"},
			{name: "-cpuprofile after the command", args: []string{"evaluate", "-model", "{model}", "-cpuprofile", "{dir}/cpu.prof", "{acc}"}, code: exitOK, changed: []string{"cpu.prof"}},
			{name: "-cpuprofile= after the command is the input", args: score("-cpuprofile={acc}", "-o", "{dir}/scores.csv", "{acc}"), code: exitUsage, msg: "refusing to overwrite"},
			{name: "-cpuprofile replaces a symlink, not its target", setup: func(t *testing.T, dir string) {
				require.NoError(t, os.WriteFile(filepath.Join(dir, "precious.txt"), []byte("keep me"), 0o644))
				require.NoError(t, os.Symlink("precious.txt", filepath.Join(dir, "cpu.prof")))
			}, args: []string{"-cpuprofile", "{dir}/cpu.prof", "evaluate", "-model", "{model}", "{acc}"}, code: exitOK, changed: []string{"cpu.prof"},
				check: func(t *testing.T, dir, stdout string) {
					st, err := os.Lstat(filepath.Join(dir, "cpu.prof"))
					require.NoError(t, err)
					assert.True(t, st.Mode().IsRegular(), "the link is replaced by the profile")
				}},
			{name: "outputs respect the umask; row data is private", args: score("-o", "{dir}/scores.csv", "{acc}"), code: exitOK, changed: scoreOK,
				check: func(t *testing.T, dir, stdout string) {
					for name, want := range map[string]os.FileMode{"scores.csv": 0o600, "scores.rejects.csv": 0o600, "scores.manifest.json": 0o666 &^ testUmask} {
						st, err := os.Stat(filepath.Join(dir, name))
						require.NoError(t, err)
						assert.Equal(t, want, st.Mode().Perm(), name)
					}
				}},
			{name: "manifest matches what was published", setup: func(t *testing.T, dir string) {
				appendLines(t, filepath.Join(dir, "accounts.csv"), "bad-1,,,")
			}, args: score("-o", "{dir}/scores.csv", "{acc}"), code: exitOK, changed: append(scoreOK, "accounts.csv"),
				check: func(t *testing.T, dir, stdout string) {
					var m scoreManifest
					b, err := os.ReadFile(filepath.Join(dir, "scores.manifest.json"))
					require.NoError(t, err)
					require.NoError(t, json.Unmarshal(b, &m))
					assert.Equal(t, manifestFormat, m.Format)
					assert.Equal(t, []int64{3001, 3000, 1}, []int64{m.Rows, m.Scored, m.Rejected})
					sum, err := fileSHA256(filepath.Join(dir, "model.json"))
					require.NoError(t, err)
					assert.Equal(t, sum, m.ModelSHA256)
					require.Len(t, m.Files, 2)
					for _, f := range m.Files {
						sum, err := fileSHA256(filepath.Join(dir, f.Name))
						require.NoError(t, err)
						assert.Equal(t, f.SHA256, sum, f.Name)
					}
				}},
			{name: "stale temporary files of killed runs are removed", setup: func(t *testing.T, dir string) {
				old := time.Now().Add(-time.Hour)
				for _, n := range []string{".scores.csv.tmp-999999999-0a1b2c", ".scores.csv.tmp-1-0a1b2c"} {
					p := filepath.Join(dir, n)
					require.NoError(t, os.WriteFile(p, []byte("partial"), 0o600))
					require.NoError(t, os.Chtimes(p, old, old))
				}
			}, args: score("-o", "{dir}/scores.csv", "{acc}"), code: exitOK,
				// pid 999999999 is gone: removed; pid 1 runs: kept.
				changed: append(scoreOK, ".scores.csv.tmp-999999999-0a1b2c"),
				check: func(t *testing.T, dir, stdout string) {
					assert.NoFileExists(t, filepath.Join(dir, ".scores.csv.tmp-999999999-0a1b2c"))
					assert.FileExists(t, filepath.Join(dir, ".scores.csv.tmp-1-0a1b2c"))
				}},
		},
		"limits": {
			{name: "-max-reject-rate NaN", args: score("-max-reject-rate", "NaN", "-o", "{dir}/scores.csv", "{acc}"), code: exitUsage, msg: "want a share in [0, 1]"},
			{name: "-max-reject-rate -0.5", args: score("-max-reject-rate", "-0.5", "-o", "{dir}/scores.csv", "{acc}"), code: exitUsage, msg: "want a share in [0, 1]"},
			{name: "-max-reject-rate 0 allows no reject; rejects kept, old scores kept", setup: func(t *testing.T, dir string) {
				appendLines(t, filepath.Join(dir, "accounts.csv"), "bad-1,,,")
				require.NoError(t, os.WriteFile(filepath.Join(dir, "scores.csv"), []byte("old scores\n"), 0o600))
				require.NoError(t, os.WriteFile(filepath.Join(dir, "scores.manifest.json"), []byte("{}\n"), 0o644))
			}, args: score("-max-reject-rate", "0", "-o", "{dir}/scores.csv", "{acc}"), code: exitData, msg: "no rejected row allowed",
				changed: []string{"accounts.csv", "scores.rejects.csv", "scores.manifest.json"},
				check: func(t *testing.T, dir, stdout string) {
					rej, err := os.ReadFile(filepath.Join(dir, "scores.rejects.csv"))
					require.NoError(t, err)
					assert.Contains(t, string(rej), "3002,")
					assert.NoFileExists(t, filepath.Join(dir, "scores.manifest.json"), "the old manifest no longer vouches for these files")
				}},
			{name: "reject limit trips: the reject file is kept", setup: func(t *testing.T, dir string) {
				for i := 0; i < 100; i++ {
					appendLines(t, filepath.Join(dir, "accounts.csv"), fmt.Sprintf("bad-%d,,,", i))
				}
			}, args: score("-max-reject-rate", "0.01", "-o", "{dir}/scores.csv", "{acc}"), code: exitData, msg: "reject rate above",
				changed: []string{"accounts.csv", "scores.rejects.csv"},
				check: func(t *testing.T, dir, stdout string) {
					assert.Equal(t, 101, countLines(t, filepath.Join(dir, "scores.rejects.csv")))
					assert.NoFileExists(t, filepath.Join(dir, "scores.csv"))
				}},
			{name: "no flag keeps the 5% default", setup: func(t *testing.T, dir string) {
				appendLines(t, filepath.Join(dir, "accounts.csv"), "bad-1,,,")
			}, args: score("-o", "{dir}/scores.csv", "{acc}"), code: exitOK, changed: append(scoreOK, "accounts.csv")},
		},
	}
	for _, area := range []string{"reader", "outputs", "limits"} {
		for _, c := range groups[area] {
			t.Run(area+"/"+c.name, func(t *testing.T) { fx.run(t, c) })
		}
	}
}

// testUmask is the process umask (read once, restored at once).
var testUmask = func() os.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return os.FileMode(m)
}()

// A scores file is published only with its reject file: when the reject
// file cannot be completed, neither replaces the previous ones.
func TestScoreOutputsBothOrNeither(t *testing.T) {
	dir := t.TempDir()
	out, rej := filepath.Join(dir, "s.csv"), filepath.Join(dir, "s.rejects.csv")
	require.NoError(t, os.WriteFile(out, []byte("old scores\n"), 0o600))
	require.NoError(t, os.WriteFile(rej, []byte("old rejects\n"), 0o600))
	s, err := openScoreOutputs(context.Background(), &env{}, out, rej, nil)
	require.NoError(t, err)
	defer s.abort()
	s.out.Write([]byte("new scores\n"))
	s.onReject(7, "bad")
	s.rej.f.Close() // the reject file fails at its sync, as on a full disk
	require.Error(t, s.commit(nil, "in.csv", filepath.Join(dir, "missing-model"), batch.Shard{}))
	s.abort()
	got, _ := os.ReadFile(out)
	assert.Equal(t, "old scores\n", string(got))
	got, _ = os.ReadFile(rej)
	assert.Equal(t, "old rejects\n", string(got))
	assert.Empty(t, temps(t, dir))
}

// SIGINT ends a job whose type inference waits on a slow standard input,
// in fit and in score.
func TestInterruptDuringInference(t *testing.T) {
	fx := newFaultFixture(t)
	dir := t.TempDir()
	model := filepath.Join(dir, "model.json")
	require.NoError(t, os.WriteFile(model, fx.model, 0o644))
	// More than a pipe buffer of rows, fewer than the inference sample:
	// once written, the job has started reading and waits for more.
	lines := strings.SplitAfter(string(fx.acc), "\n")
	rows := []byte(strings.Join(lines[:901], ""))
	require.Greater(t, len(rows), 1<<17)
	for _, args := range [][]string{
		{"fit", "-o", filepath.Join(dir, "m.json"), "-"},
		{"score", "-model", model, "-o", filepath.Join(dir, "scores.csv"), "-"},
	} {
		t.Run(args[0], func(t *testing.T) {
			cmd := exec.Command(os.Args[0], args...)
			cmd.Env = append(os.Environ(), "SEGMENTA_TEST_MAIN=1")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			stdin, err := cmd.StdinPipe()
			require.NoError(t, err)
			require.NoError(t, cmd.Start())
			defer stdin.Close()
			_, err = stdin.Write(rows)
			require.NoError(t, err)
			require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
			// A hang guard only (no timing asserted): a job that ignores
			// SIGINT is killed and fails the test.
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err = <-done:
			case <-ctx.Done():
				cmd.Process.Kill()
				<-done
				t.Fatal("SIGINT ignored while inference waits on standard input")
			}
			var ee *exec.ExitError
			require.ErrorAs(t, err, &ee)
			assert.Equal(t, 128+int(syscall.SIGINT), ee.ExitCode(), stderr.String())
			assert.Contains(t, stderr.String(), "interrupted")
			assertNoTemp(t, dir)
		})
	}
}
