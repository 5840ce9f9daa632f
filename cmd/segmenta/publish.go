package main

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/parquetio"
	"github.com/segmenta/segmenta/pgio"
)

// Publication of a scoring job's outputs, both or neither.
//
// The scores and the reject list are written to temporary files, then,
// once both are complete and synced:
//
//  1. the manifest of the previous run (OUTPUT.manifest.json) is removed;
//  2. the reject file, then the scores file, are renamed to their names;
//  3. a new manifest is written (atomically) beside them: counts, the
//     SHA-256 and length of each file, the SHA-256 of the model file.
//
// A reader takes the scores and rejects as one complete publication only
// when the manifest exists and both files match its checksums; a run killed
// at any step leaves either the previous publication whole or no manifest
// (or a manifest whose checksums do not match). A failure before step 1
// (a full disk while writing or syncing) publishes nothing. When the
// reject limit trips, the reject file alone is published (so the rejected
// rows can be examined), the manifest is removed and the scores are not.

// manifestFormat names the manifest layout; a reader checks it.
const manifestFormat = "segmenta-score-manifest/1"

// scoreManifest is the JSON manifest of a scoring run.
type scoreManifest struct {
	Format      string         `json:"format"`
	Created     string         `json:"created"`
	Input       string         `json:"input"`
	Model       string         `json:"model"`
	ModelSHA256 string         `json:"model_sha256"`
	Shard       string         `json:"shard"`
	Rows        int64          `json:"rows"`
	Scored      int64          `json:"scored"`
	Rejected    int64          `json:"rejected"`
	OtherShards int64          `json:"other_shards"`
	NoConsent   int64          `json:"no_consent,omitempty"`
	Files       []manifestFile `json:"files"`
}

// manifestFile is one published file, named relative to the manifest.
type manifestFile struct {
	Role   string `json:"role"`
	Name   string `json:"name"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// manifestPath is the manifest beside scores file out ("" for stdout).
// A database output has none: its transaction is the publication.
func manifestPath(out string) string {
	if out == "-" || out == "" || pgio.IsDSN(out) {
		return ""
	}
	return outputStem(out) + ".manifest.json"
}

// scoreOutputs are the outputs of one scoring job: scores, rejects (may be
// nil) and the manifest path ("" when scores go to stdout).
type scoreOutputs struct {
	e        *env
	out, rej *atomicFile
	// w receives the scores CSV: out itself, the Parquet converter
	// writing to out (pq), or the database's staging COPY (db, and out is
	// nil).
	w        io.Writer
	pq       *parquetio.Writer
	db       *pgio.Writer
	rejCSV   *csv.Writer
	manifest string
	// limitZero: -max-reject-rate 0, no row may be rejected; the first
	// reject cancels the job through cancel.
	limitZero bool
	cancel    context.CancelCauseFunc
	logged    int
}

// errNoRejectAllowed is the cancellation cause of the first reject under
// -max-reject-rate 0.
var errNoRejectAllowed = errors.New("no rejected row allowed")

// openScoreOutputs creates the temporary files of a scoring job. Row data
// files are private (modePrivate, masked by the umask).
func openScoreOutputs(ctx context.Context, e *env, outPath, rejPath string, sink *pgio.Sink) (*scoreOutputs, error) {
	s := &scoreOutputs{e: e, manifest: manifestPath(outPath)}
	var err error
	switch {
	case sink != nil:
		if s.db, err = sink.Open(ctx); err != nil {
			return nil, err
		}
		s.w = s.db
	default:
		if s.out, err = createAtomicMode(outPath, modePrivate); err != nil {
			return nil, err
		}
		s.out.hashed()
		s.w = s.out
		if isParquet(outPath) {
			s.pq = parquetio.NewWriter(s.out, scoreParquetTypes())
			s.w = s.pq
		}
	}
	if rejPath != "" {
		if s.rej, err = createAtomicMode(rejPath, modePrivate); err != nil {
			s.abort()
			return nil, err
		}
		s.rej.hashed()
		s.rejCSV = csv.NewWriter(s.rej)
		s.rejCSV.Write([]string{"line", "reason"})
	}
	return s, nil
}

// abort discards whatever was not published; it can be deferred.
func (s *scoreOutputs) abort() {
	if s.pq != nil {
		s.pq.Abort()
	}
	if s.db != nil {
		s.db.Abort()
	}
	s.out.Abort()
	s.rej.Abort()
}

// bind routes the job's rejects to the reject file (or the log) and, under
// -max-reject-rate 0, makes the first reject stop the job. The reject file
// is written here rather than by ScoreCSV so that it is complete up to the
// row that tripped a limit.
func (s *scoreOutputs) bind(ctx context.Context, opt *batch.Options) context.Context {
	if opt.MaxRejectRate == 0 {
		s.limitZero = true
		ctx, s.cancel = context.WithCancelCause(ctx)
	}
	opt.Rejects = nil
	opt.OnReject = s.onReject
	return ctx
}

func (s *scoreOutputs) onReject(line int, reason string) {
	if s.rejCSV != nil {
		s.rejCSV.Write([]string{strconv.Itoa(line), reason})
	} else if s.logged++; s.logged <= 20 {
		s.e.log.Warn("rejected", "line", line, "reason", reason)
	}
	if s.limitZero {
		s.cancel(fmt.Errorf("%w: %w (-max-reject-rate 0): line %d rejected", batch.ErrRejectRate, errNoRejectAllowed, line))
	}
}

// failed turns the error of ScoreCSV into the job's error. When the reject
// limit tripped, the reject file is published (and the previous manifest
// removed), so that the rows that failed the job can be read.
func (s *scoreOutputs) failed(ctx context.Context, err error) error {
	if s.limitZero && errors.Is(context.Cause(ctx), errNoRejectAllowed) {
		err = context.Cause(ctx)
	}
	if !errors.Is(err, batch.ErrRejectRate) || s.rej == nil {
		return err
	}
	s.abortScores()
	s.rejCSV.Flush()
	if cerr := s.rejCSV.Error(); cerr != nil {
		return errors.Join(err, cerr)
	}
	if perr := s.rej.prepare(); perr != nil {
		return errors.Join(err, perr)
	}
	s.unpublishManifest()
	if perr := s.rej.publish(); perr != nil {
		return errors.Join(err, perr)
	}
	return fmt.Errorf("%w; the rejected rows are in %s, no scores were written", err, s.rej.path)
}

// abortScores discards the scores (file, Parquet conversion or staged
// rows), keeping the reject file.
func (s *scoreOutputs) abortScores() {
	if s.pq != nil {
		s.pq.Abort()
	}
	if s.db != nil {
		s.db.Abort()
	}
	s.out.Abort()
}

// unpublishManifest removes the manifest of a previous run, making its
// files an incomplete publication from now on.
func (s *scoreOutputs) unpublishManifest() {
	if s.manifest == "" {
		return
	}
	if err := os.Remove(s.manifest); err == nil || !errors.Is(err, fs.ErrNotExist) {
		syncDir(filepath.Dir(s.manifest))
	}
}

// commit publishes the scores and rejects together, then their manifest
// (see the protocol above).
func (s *scoreOutputs) commit(counts *batch.Counts, inPath, modelPath string, shard batch.Shard) error {
	if s.rejCSV != nil {
		s.rejCSV.Flush()
		if err := s.rejCSV.Error(); err != nil {
			return fmt.Errorf("write %s: %w", s.rej.path, err)
		}
	}
	if s.pq != nil {
		if err := s.pq.Close(); err != nil {
			return fmt.Errorf("write %s: %w", s.out.path, err)
		}
	}
	if s.out != nil {
		if err := s.out.prepare(); err != nil {
			return err
		}
	}
	if s.rej != nil {
		if err := s.rej.prepare(); err != nil {
			return err
		}
	}
	s.unpublishManifest()
	if s.rej != nil {
		if err := s.rej.publish(); err != nil {
			return err
		}
	}
	if s.db != nil {
		// The staged scores replace the previous ones in one transaction.
		return s.db.Commit()
	}
	if err := s.out.publish(); err != nil {
		return err
	}
	if s.manifest == "" {
		return nil
	}
	modelSum, err := fileSHA256(modelPath)
	if err != nil {
		return err
	}
	m := scoreManifest{Format: manifestFormat, Created: time.Now().UTC().Format(time.RFC3339),
		Input: inPath, Model: modelPath, ModelSHA256: modelSum, Shard: shard.String(),
		Rows: counts.Rows, Scored: counts.Scored, Rejected: counts.Rejected, OtherShards: counts.OtherShards,
		NoConsent: counts.NoConsent}
	for _, f := range []struct {
		role string
		a    *atomicFile
	}{{"scores", s.out}, {"rejects", s.rej}} {
		if f.a != nil {
			m.Files = append(m.Files, manifestFile{Role: f.role, Name: relTo(s.manifest, f.a.path), Bytes: f.a.n, SHA256: f.a.digest()})
		}
	}
	return writeFileAtomic(s.manifest, func(w io.Writer) error { return writeJSON(w, m) })
}

// relTo names path relative to the folder of the manifest, or absolute
// when it cannot.
func relTo(manifest, path string) string {
	absM, err1 := filepath.Abs(filepath.Dir(manifest))
	absP, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return path
	}
	if rel, err := filepath.Rel(absM, absP); err == nil {
		return rel
	}
	return absP
}

// fileSHA256 returns the hex SHA-256 of a file's content.
func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
