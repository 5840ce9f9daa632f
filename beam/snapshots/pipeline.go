package snapshots

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/segmenta/segmenta/beam/internal/beamfs"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/snapshot"
)

func init() {
	register.DoFn3x1[context.Context, int, func(Part), error](&splitFn{})
	register.DoFn4x1[context.Context, Part, func(string, []byte), func([]int64), error](&readFn{})
	register.DoFn6x1[context.Context, string, func(*string) bool, func(*[]byte) bool, func(string, []byte), func([]int64), error](&joinFn{})
	register.DoFn3x0[string, []byte, func(string, string)](&keyRefFn{})
	register.DoFn3x1[string, func(*string) bool, func(string, string), error](&keyCheckFn{})
	register.DoFn3x0[string, []byte, func(int64)](&atFn{})
	register.DoFn3x0[string, []byte, func(int, []byte)](&bucketFn{})
	register.DoFn5x1[context.Context, int, func(*[]byte) bool, int64, func(string), error](&pivotCountFn{})
	register.DoFn2x1[string, func(string), error](&levelsFn{})
	register.DoFn6x1[context.Context, int, func(*[]byte) bool, int64, string, func([]int64), error](&groupFn{})
	register.DoFn4x1[context.Context, []int64, int64, string, error](&summaryFn{})
	register.Combiner1[[]int64](&countsFn{})
	register.Combiner1[int64](&maxFn{})
	register.Combiner1[string](&mergeCountsFn{})
	register.Emitter1[Part]()
	register.Emitter1[[]int64]()
	register.Emitter1[int64]()
	register.Emitter1[string]()
	register.Emitter2[string, []byte]()
	register.Emitter2[string, string]()
	register.Emitter2[int, []byte]()
	register.Iter1[string]()
	register.Iter1[[]byte]()
	beam.RegisterType(reflect.TypeOf((*Part)(nil)).Elem())
}

// DefaultPartRecords is the Config.PartRecords default.
const DefaultPartRecords = 200_000

// DefaultBuckets is the Config.Buckets default.
const DefaultBuckets = 64

// Config configures a snapshot job.
type Config struct {
	// Spec is the data spec file (local); its tables' paths resolve
	// against its folder, on any Beam filesystem.
	Spec string
	// Cutoffs are the cutoffs (snapshot.ParseCutoffs: one date, dates
	// separated by commas, or FROM..TO/STEP).
	Cutoffs string
	// Stack stacks the snapshots of every cutoff into one table keyed by
	// account and cutoff (segmenta snapshot -cutoffs); without it there
	// must be one cutoff (segmenta snapshot -cutoff).
	Stack bool
	// Out is the output folder: snapshots/snapshot-BUCKET.csv (each with
	// the header line) and summary.json.
	Out string
	// PartRecords is the number of records per part of an uncompressed
	// table; zero means DefaultPartRecords.
	PartRecords int
	// Buckets is the number of groups accounts are hashed into (each
	// group's rows are held by one worker at a time, and give one output
	// file); zero means DefaultBuckets.
	Buckets int
}

func (c *Config) check() error {
	switch {
	case c.Spec == "":
		return fmt.Errorf("%w: no data spec", ErrConfig)
	case c.Cutoffs == "":
		return fmt.Errorf("%w: no cutoff", ErrConfig)
	case c.Out == "":
		return fmt.Errorf("%w: no output folder", ErrConfig)
	case c.PartRecords < 0 || c.Buckets < 0:
		return fmt.Errorf("%w: PartRecords %d, Buckets %d", ErrConfig, c.PartRecords, c.Buckets)
	}
	return nil
}

// Job is what every stage needs: the spec (its text, parsed on each
// worker), the table plans and the cutoffs. Exported fields only: the
// runner serialises them to the workers.
type Job struct {
	SpecText string
	Dir      string
	Plans    string // JSON of []snapshot.TablePlan, in spec order
	Cutoffs  string
	Stack    bool
	Out      string

	spec    *snapshot.Spec
	plans   []*snapshot.TablePlan
	cutoffs []time.Time
	layout  layout
}

func (j *Job) open() error {
	if j.spec != nil {
		return nil
	}
	spec, err := snapshot.ParseSpec(strings.NewReader(j.SpecText))
	if err != nil {
		return err
	}
	spec.Dir = j.Dir
	var plans []*snapshot.TablePlan
	if err := json.Unmarshal([]byte(j.Plans), &plans); err != nil {
		return err
	}
	cs, err := snapshot.ParseCutoffs(j.Cutoffs)
	if err != nil {
		return err
	}
	j.spec, j.plans, j.cutoffs = spec, plans, cs
	j.layout = layout{tables: len(spec.Tables), cutoffs: len(cs)}
	return nil
}

// Part is one part of a table's file (dataset.CSVPart), or the whole file.
type Part struct {
	Table, Index               int
	Path                       string
	Whole                      bool
	HeaderBytes, Offset, Bytes int64
	FirstLine                  int
	Records                    int64
}

// Build adds the snapshot job of cfg to the pipeline of scope s. The spec
// is read and each table's header and first rows checked here, before
// any row is read: a column the spec names and the file lacks is a
// *snapshot.SpecError.
func Build(s beam.Scope, cfg Config) error {
	if err := cfg.check(); err != nil {
		return err
	}
	if cfg.PartRecords == 0 {
		cfg.PartRecords = DefaultPartRecords
	}
	if cfg.Buckets == 0 {
		cfg.Buckets = DefaultBuckets
	}
	text, err := os.ReadFile(cfg.Spec)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrConfig, err)
	}
	spec, err := snapshot.ReadSpecFile(cfg.Spec)
	if err != nil {
		return err
	}
	cs, err := snapshot.ParseCutoffs(cfg.Cutoffs)
	if err != nil {
		return err
	}
	if !cfg.Stack && len(cs) != 1 {
		return fmt.Errorf("%w: %d cutoffs without Stack", ErrConfig, len(cs))
	}
	paths := spec.TablePaths()
	plans := make([]*snapshot.TablePlan, len(spec.Tables))
	for i := range spec.Tables {
		ts := &spec.Tables[i]
		if ts.Query != "" {
			return fmt.Errorf("%w: table %q is a database query; the Beam job reads files only", ErrConfig, ts.Name)
		}
		p := paths[i]
		src := snapshot.StreamSource{Open: func() (io.ReadCloser, error) {
			in, _, err := beamfs.OpenInput(context.Background(), p)
			return in, err
		}}
		if plans[i], err = spec.PlanTable(ts.Name, src); err != nil {
			return err
		}
	}
	pj, err := json.Marshal(plans)
	if err != nil {
		return err
	}
	job := Job{SpecText: string(text), Dir: spec.Dir, Plans: string(pj), Cutoffs: cfg.Cutoffs, Stack: cfg.Stack, Out: cfg.Out}
	lay := layout{tables: len(spec.Tables), cutoffs: len(cs)}
	byName := map[string]*snapshot.TablePlan{}
	parents := map[string]bool{}
	for _, p := range plans {
		byName[p.Table] = p
		parents[p.Parent] = true
	}
	fixed := spec.FixedDataEnd()

	counts := []beam.PCollection{beam.Create(s, lay.zero())}
	ats := []beam.PCollection{beam.Create(s, int64(noTime))}
	var buckets []beam.PCollection
	keys := map[string]beam.PCollection{}
	for _, name := range spec.LoadOrder() {
		p := byName[name]
		sc := s.Scope(name)
		parts := beam.ParDo(sc, &splitFn{Job: job, PartRecords: cfg.PartRecords}, beam.Create(sc, p.Index))
		parts = beam.Reshuffle(sc, parts)
		rows, c := beam.ParDo2(sc, &readFn{Job: job}, parts)
		counts = append(counts, c)
		if p.Parent != "" {
			joined := beam.CoGroupByKey(sc, keys[p.Parent], rows)
			rows, c = beam.ParDo2(sc, &joinFn{Job: job, Table: p.Index}, joined)
			counts = append(counts, c)
		}
		if p.Key != "" {
			refs := beam.GroupByKey(sc, beam.ParDo(sc, &keyRefFn{}, rows))
			k := beam.ParDo(sc, &keyCheckFn{Table: p.Table, Column: p.Key}, refs)
			if parents[name] {
				keys[name] = k
			}
		}
		if fixed.IsZero() {
			ats = append(ats, beam.ParDo(sc, &atFn{}, rows))
		}
		buckets = append(buckets, beam.ParDo(sc, &bucketFn{Buckets: cfg.Buckets}, rows))
	}
	var dataEnd beam.PCollection
	if fixed.IsZero() {
		dataEnd = beam.Combine(s.Scope("data_end"), &maxFn{}, beam.Flatten(s, ats...))
	} else {
		dataEnd = beam.Create(s, fixed.UnixNano())
	}
	grouped := beam.GroupByKey(s.Scope("accounts"), beam.Flatten(s, buckets...))
	var levels beam.PCollection
	if spec.HasTopPivots() {
		pc := beam.ParDo(s.Scope("pivot_counts"), &pivotCountFn{Job: job}, grouped, beam.SideInput{Input: dataEnd})
		merged := beam.Combine(s.Scope("pivot_counts"), &mergeCountsFn{}, beam.Flatten(s, pc, beam.Create(s, "{}")))
		levels = beam.ParDo(s.Scope("pivot_levels"), &levelsFn{Job: job}, merged)
	} else {
		levels = beam.Create(s, "{}")
	}
	gc := beam.ParDo(s.Scope("snapshot"), &groupFn{Job: job}, grouped, beam.SideInput{Input: dataEnd}, beam.SideInput{Input: levels})
	counts = append(counts, gc)
	total := beam.Combine(s.Scope("counts"), &countsFn{}, beam.Flatten(s, counts...))
	beam.ParDo0(s.Scope("summary"), &summaryFn{Job: job}, total, beam.SideInput{Input: dataEnd}, beam.SideInput{Input: levels})
	return nil
}

// splitFn cuts a table's file into parts: an uncompressed file at the
// record boundaries dataset.SplitCSV finds, a gzip file whole.
type splitFn struct {
	Job         Job
	PartRecords int
}

func (fn *splitFn) Setup() error { return fn.Job.open() }

func (fn *splitFn) ProcessElement(ctx context.Context, table int, emit func(Part)) error {
	p := fn.Job.spec.TablePaths()[table]
	in, gz, err := beamfs.OpenInput(ctx, p)
	if err != nil {
		return err
	}
	defer in.Close()
	if gz {
		emit(Part{Table: table, Path: p, Whole: true})
		return nil
	}
	sp, err := dataset.SplitCSV(in, dataset.CSVOptions{}, fn.PartRecords)
	if err != nil {
		return fmt.Errorf("table %q: %s: %w", fn.Job.plans[table].Table, p, err)
	}
	if len(sp.Parts) == 0 {
		emit(Part{Table: table, Path: p, Whole: true})
		return nil
	}
	for i, pt := range sp.Parts {
		emit(Part{Table: table, Index: i, Path: p, HeaderBytes: sp.HeaderBytes, Offset: pt.Offset, Bytes: pt.Bytes,
			FirstLine: pt.FirstLine, Records: pt.Records})
	}
	return nil
}

// readFn reads a part with the table's plan, parses its dates with the
// core, drops and counts the rows after the data end and those without an
// account, and emits the others keyed by their relation value (the
// account, or the bridge key).
type readFn struct {
	Job Job
}

func (fn *readFn) Setup() error { return fn.Job.open() }

func (fn *readFn) ProcessElement(ctx context.Context, pt Part, emit func(string, []byte), emitCounts func([]int64)) error {
	j := &fn.Job
	p := j.plans[pt.Table]
	in, err := beamfs.OpenPart(ctx, pt.Path, pt.Whole, pt.HeaderBytes, pt.Offset)
	if err != nil {
		return err
	}
	defer in.Close()
	schema := &dataset.Schema{}
	for _, c := range p.Columns {
		schema.Columns = append(schema.Columns, dataset.ColumnSchema{Name: c, Kind: p.Kinds[c], Required: true})
	}
	opt := dataset.CSVOptions{IDColumn: dataset.NoID, Schema: schema, Columns: p.Columns}
	if !pt.Whole {
		opt.Part = &dataset.CSVPart{Offset: pt.Offset, Bytes: pt.Bytes, FirstLine: pt.FirstLine, Records: pt.Records}
	}
	cr, err := dataset.NewCSVReader(in, opt)
	if err != nil {
		return fmt.Errorf("snapshot: table %q: %w", p.Table, err)
	}
	defer cr.Close()
	c := j.layout.zero()
	c[cParts] = 1
	end := j.spec.FixedDataEnd()
	var buf []byte
	err = cr.EachBatch(0, func(b *dataset.Batch) error {
		raw := b.Table
		t, err := j.spec.ParseRows(p, raw, b.Lines)
		if err != nil {
			return err
		}
		c[j.layout.table(p.Index, tRows)] += int64(raw.Len())
		if !pt.Whole {
			c[cSplitRows] += int64(raw.Len())
		}
		var dated *dataset.Column
		if p.Dated != "" {
			dated, _ = t.DateColumn(p.Dated)
		}
		rel, _ := t.Categorical(p.Relation)
		var key *dataset.Column
		if p.Key != "" {
			key, _ = t.Categorical(p.Key)
		}
		for i := 0; i < raw.Len(); i++ {
			h := rowHead{table: p.Index, line: b.Lines[i], at: noTime}
			if dated != nil && !dated.IsMissing(i) {
				if !end.IsZero() && dated.Time[i].After(end) {
					c[j.layout.table(p.Index, tAfterEnd)]++
					continue
				}
				h.at = dated.Time[i].UnixNano()
			}
			if rel.IsMissing(i) || rel.Str[i] == "" {
				if p.IsAccounts {
					return &snapshot.DataError{Table: p.Table, Line: b.Lines[i], Column: p.Relation, Err: dataset.ErrEmptyID}
				}
				c[j.layout.table(p.Index, tMissing)]++
				continue
			}
			if key != nil && !key.IsMissing(i) {
				h.key, h.hasKey = key.Str[i], true
			}
			if buf, err = encodeRow(buf[:0], p, h, raw, i); err != nil {
				return err
			}
			emit(rel.Str[i], bytes.Clone(buf))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("%s (part %d, from line %d): %w", pt.Path, pt.Index, pt.FirstLine, err)
	}
	if !pt.Whole {
		c[cSplitRecs] = pt.Records
	}
	emitCounts(c)
	return nil
}

// joinFn resolves the rows holding a parent's key (a bridge key, or an
// account the accounts table must know): the key's account, else orphans.
type joinFn struct {
	Job   Job
	Table int
}

func (fn *joinFn) Setup() error { return fn.Job.open() }

func (fn *joinFn) ProcessElement(ctx context.Context, key string, accs func(*string) bool, rows func(*[]byte) bool,
	emit func(string, []byte), emitCounts func([]int64)) error {
	var acc string
	found := false
	var a string
	for accs(&a) {
		acc, found = a, true // keyCheckFn emits one account per key
	}
	var row []byte
	orphans := int64(0)
	for rows(&row) {
		if !found {
			orphans++
			continue
		}
		emit(acc, row)
	}
	if orphans > 0 {
		c := fn.Job.layout.zero()
		c[fn.Job.layout.table(fn.Table, tOrphans)] = orphans
		emitCounts(c)
	}
	return nil
}

// keyRefFn emits each keyed row's key with its account and line.
type keyRefFn struct{}

func (keyRefFn) ProcessElement(account string, row []byte, emit func(string, string)) {
	h, _, err := decodeHead(row)
	if err == nil && h.hasKey {
		emit(h.key, strconv.Itoa(h.line)+"\x00"+account)
	}
}

// keyCheckFn fails on a key held by rows of two accounts (the core's
// duplicate key error: rows of one account meet in one group, where the
// core checks them) and emits each key with its account.
type keyCheckFn struct {
	Table, Column string
}

func (fn *keyCheckFn) ProcessElement(key string, refs func(*string) bool, emit func(string, string)) error {
	type ref struct {
		line    int
		account string
	}
	var rs []ref
	var r string
	for refs(&r) {
		l, a, _ := strings.Cut(r, "\x00")
		n, _ := strconv.Atoi(l)
		rs = append(rs, ref{n, a})
	}
	sort.Slice(rs, func(a, b int) bool { return rs[a].line < rs[b].line })
	for _, x := range rs[1:] {
		if x.account != rs[0].account {
			return &snapshot.DataError{Table: fn.Table, Line: x.line, Column: fn.Column, Value: key,
				Err: fmt.Errorf("%w: first on line %d", dataset.ErrDuplicateID, rs[0].line)}
		}
	}
	emit(key, rs[0].account)
	return nil
}

// atFn emits each kept row's date, for the data end.
type atFn struct{}

func (atFn) ProcessElement(account string, row []byte, emit func(int64)) {
	if h, _, err := decodeHead(row); err == nil && h.at != noTime {
		emit(h.at)
	}
}

// bucketFn keys each row by the hash bucket of its account.
type bucketFn struct {
	Buckets int
}

func (fn *bucketFn) ProcessElement(account string, row []byte, emit func(int, []byte)) {
	emit(bucketOf(account, fn.Buckets), row)
}

func bucketOf(account string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(account))
	return int(h.Sum32() % uint32(n))
}

// loadGroup decodes a group's rows and loads them with the core.
func (j *Job) loadGroup(bucket int, rows func(*[]byte) bool, dataEnd int64) (*snapshot.Data, int64, error) {
	tables := make([]*tableRows, len(j.plans))
	for i, p := range j.plans {
		tables[i] = newTableRows(p)
	}
	var row []byte
	n := int64(0)
	for rows(&row) {
		h, d, err := decodeHead(row)
		if err != nil {
			return nil, 0, err
		}
		if h.table < 0 || h.table >= len(tables) {
			return nil, 0, errRow
		}
		if err := tables[h.table].add(h.line, d); err != nil {
			return nil, 0, err
		}
		n++
	}
	in := map[string]snapshot.GroupRows{}
	for _, t := range tables {
		g, err := t.group()
		if err != nil {
			return nil, 0, err
		}
		in[t.plan.Table] = g
	}
	end := time.Time{}
	if dataEnd != noTime {
		end = time.Unix(0, dataEnd).UTC()
	}
	d, err := snapshot.LoadGroup(j.spec, in, j.cutoffs, end)
	if err != nil {
		return nil, 0, fmt.Errorf("group %d: %w", bucket, err)
	}
	return d, n, nil
}

// pivotCountFn counts the levels of the pivots without fixed levels in a
// group, at the cutoff whose levels the core keeps (the latest).
type pivotCountFn struct {
	Job Job
}

func (fn *pivotCountFn) Setup() error { return fn.Job.open() }

func (fn *pivotCountFn) ProcessElement(ctx context.Context, bucket int, rows func(*[]byte) bool, dataEnd int64, emit func(string)) error {
	d, _, err := fn.Job.loadGroup(bucket, rows, dataEnd)
	if err != nil {
		return err
	}
	counts, err := d.PivotCounts(fn.Job.cutoffs[len(fn.Job.cutoffs)-1])
	if err != nil {
		return fmt.Errorf("group %d: %w", bucket, err)
	}
	b, err := json.Marshal(counts)
	if err != nil {
		return err
	}
	emit(string(b))
	return nil
}

// mergeCountsFn sums pivot level counts (JSON of map[string]map[string]int;
// a combiner).
type mergeCountsFn struct{}

func (mergeCountsFn) CreateAccumulator() string { return "{}" }

func (mergeCountsFn) AddInput(a, b string) string { return mergeCounts(a, b) }

func (mergeCountsFn) MergeAccumulators(a, b string) string { return mergeCounts(a, b) }

func (mergeCountsFn) ExtractOutput(a string) string { return a }

func mergeCounts(a, b string) string {
	var x, y map[string]map[string]int
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		panic("snapshots: corrupt pivot counts") // written by pivotCountFn only
	}
	if x == nil {
		x = map[string]map[string]int{}
	}
	for k, m := range y {
		if x[k] == nil {
			x[k] = map[string]int{}
		}
		for lv, n := range m {
			x[k][lv] += n
		}
	}
	out, _ := json.Marshal(x)
	return string(out)
}

// levelsFn chooses the pivot levels from the summed counts, as the core.
type levelsFn struct {
	Job Job
}

func (fn *levelsFn) Setup() error { return fn.Job.open() }

func (fn *levelsFn) ProcessElement(counts string, emit func(string)) error {
	var c map[string]map[string]int
	if err := json.Unmarshal([]byte(counts), &c); err != nil {
		return err
	}
	b, err := json.Marshal(fn.Job.spec.TopPivotLevels(c))
	if err != nil {
		return err
	}
	emit(string(b))
	return nil
}

// decodeLevels reads the levels side input; an empty list stays non-nil
// (the core then keeps no level rather than choosing its own).
func decodeLevels(s string) (map[string][]string, error) {
	var lv map[string][]string
	if err := json.Unmarshal([]byte(s), &lv); err != nil {
		return nil, err
	}
	for k, v := range lv {
		if v == nil {
			lv[k] = []string{}
		}
	}
	return lv, nil
}

// groupFn builds the snapshot rows of a group of accounts with the core,
// writes them as one shard and counts.
type groupFn struct {
	Job Job
}

func (fn *groupFn) Setup() error { return fn.Job.open() }

func (fn *groupFn) ProcessElement(ctx context.Context, bucket int, rows func(*[]byte) bool, dataEnd int64, levelsJSON string, emit func([]int64)) error {
	j := &fn.Job
	levels, err := decodeLevels(levelsJSON)
	if err != nil {
		return err
	}
	d, n, err := j.loadGroup(bucket, rows, dataEnd)
	if err != nil {
		return err
	}
	var t *dataset.Table
	var reps []*snapshot.Report
	if j.Stack {
		t, reps, err = d.StackLevels(j.cutoffs, levels)
	} else {
		var r *snapshot.Report
		t, r, err = d.SnapshotLevels(j.cutoffs[0], levels)
		reps = []*snapshot.Report{r}
	}
	if err != nil {
		return fmt.Errorf("group %d: %w", bucket, err)
	}
	var buf bytes.Buffer
	if err := dataset.WriteCSV(&buf, t); err != nil {
		return err
	}
	if err := beamfs.WriteFile(ctx, path.Join(j.Out, "snapshots", fmt.Sprintf("snapshot-%05d.csv", bucket)), buf.Bytes()); err != nil {
		return err
	}
	l := j.layout
	c := l.zero()
	c[cGroups] = 1
	c[cOutRows] = int64(t.Len())
	got := int64(0)
	for _, tr := range d.Reports() {
		if tr.AfterEnd+tr.MissingAccount+tr.Orphans != 0 {
			return fmt.Errorf("%w: group %d, table %q: the group found %d rows after the data end, %d without account, %d orphans the join let through",
				ErrCounts, bucket, tr.Table, tr.AfterEnd, tr.MissingAccount, tr.Orphans)
		}
		k := -1
		for _, p := range j.plans {
			if p.Table == tr.Table {
				k = p.Index
			}
		}
		c[l.table(k, tKept)] += int64(tr.Kept)
		c[l.table(k, tDups)] += int64(tr.Duplicates)
		c[l.table(k, tUnordered)] += int64(tr.Unordered)
		c[l.table(k, tGroupRows)] += int64(tr.Rows)
		got += int64(tr.Rows)
	}
	if got != n {
		return fmt.Errorf("%w: group %d: %d rows in, the core loaded %d", ErrCounts, bucket, n, got)
	}
	for k, r := range reps {
		set := func(f, v int) { c[l.cutoff(k, f)] = int64(v) }
		set(kAccounts, r.Accounts)
		set(kNotYet, r.NotYet)
		set(kExcluded, r.Excluded)
		set(kRows, r.Rows)
		set(kChurned, r.Churned)
		set(kUpsold, r.Upsold)
		set(kOverlapping, r.Overlapping)
		if r.Censored {
			set(kCensored, 1)
		}
		set(kGroups, 1)
	}
	emit(c)
	return nil
}

// summaryFn checks the summed counts and writes summary.json; a failed
// check fails the job.
type summaryFn struct {
	Job Job
}

func (fn *summaryFn) Setup() error { return fn.Job.open() }

func (fn *summaryFn) ProcessElement(ctx context.Context, c []int64, dataEnd int64, levelsJSON string) error {
	j := &fn.Job
	levels, err := decodeLevels(levelsJSON)
	if err != nil {
		return err
	}
	end := time.Time{}
	if dataEnd != noTime {
		end = time.Unix(0, dataEnd).UTC()
	}
	s, err := summarise(j.spec, j.cutoffs, end, levels, c)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return beamfs.WriteFile(ctx, path.Join(j.Out, "summary.json"), append(b, '\n'))
}
