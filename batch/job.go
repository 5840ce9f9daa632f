package batch

import "github.com/segmenta/segmenta/dataset"

// runJob scores one batch and formats its output lines into j.out, in
// steps: rejects of the reader (shardRejects), this shard's rows
// (shardRows), scores (scoreRefusing), refused rows merged into the
// rejects (mergeRefused), then the output lines (format). A row's line
// depends on that row alone (rows are scored on their own, in fixed
// blocks), so the output is bit-identical whatever batch a row falls in and
// whichever worker runs the job.
func (st *stream) runJob(j *job, sc *scratch) {
	b := j.batch
	st.shardRejects(j)
	if b.Table == nil || b.Table.Len() == 0 {
		return
	}
	t, lines, other := shardRows(b.Table, b.Lines, st.opt.Shard)
	j.other += other
	t, lines = st.consented(j, t, lines)
	if t.Len() == 0 {
		return
	}
	j.unseen = map[string]int64{}
	scores, refused, err := st.s.scoreRefusing(t, j.scores, j.unseen, sc)
	j.scores = scores
	if err != nil {
		j.err = err
		return
	}
	bad := make(map[int]string, len(refused))
	for _, rf := range refused {
		bad[rf.row] = rf.reason
	}
	if len(refused) > 0 {
		j.rej = mergeRefused(j.rej, bad, lines)
	}
	st.format(j, scores, bad, lines)
	if !st.opt.SkipDrift {
		if j.drift, err = st.s.tally(t, scores, bad); err != nil {
			j.err = err
			return
		}
	}
	if st.opt.OnScore != nil {
		j.lines, j.bad = lines, bad
	}
}

// shardRejects keeps the reader's rejects of this shard in j.rej (in line
// order) and counts the others in j.other.
func (st *stream) shardRejects(j *job) {
	for _, re := range j.batch.Rejects {
		if st.opt.Shard.hasLine(re.Line) {
			j.rej = append(j.rej, lineReject{re.Line, rejectReason(re, st.opt.Pseudonymise == nil)})
		} else {
			j.other++
		}
	}
}

// shardRows returns the rows of t in shard sh with their input lines, and
// the number of rows left to other shards.
func shardRows(t *dataset.Table, lines []int, sh Shard) (*dataset.Table, []int, int64) {
	if sh.all() {
		return t, lines, 0
	}
	keep := make([]int, 0, t.Len()/sh.Count+16)
	for i, id := range t.IDs {
		if sh.hasID(id) {
			keep = append(keep, i)
		}
	}
	sub := make([]int, len(keep))
	for k, i := range keep {
		sub[k] = lines[i]
	}
	return t.Subset(keep), sub, int64(t.Len() - len(keep))
}

// mergeRefused merges the rows the model refused (bad, by row of the
// scored table, whose input lines are lines) into the reader's rejects rej,
// keeping line order.
func mergeRefused(rej []lineReject, bad map[int]string, lines []int) []lineReject {
	merged := make([]lineReject, 0, len(rej)+len(bad))
	k := 0
	for i, line := range lines {
		reason, isBad := bad[i]
		if !isBad {
			continue
		}
		for k < len(rej) && rej[k].line < line {
			merged = append(merged, rej[k])
			k++
		}
		merged = append(merged, lineReject{line, reason})
	}
	return append(merged, rej[k:]...)
}

// format writes the output line of every scored row (those not in bad) to
// j.out, in row order, and counts them in j.scored. lines are the input
// lines of the scored rows, which find their kept fields in the batch
// (shards and consent keep a subsequence of its rows).
func (st *stream) format(j *job, scores []Score, bad map[int]string, lines []int) {
	out := j.buf[:0]
	j.buf = nil
	if cap(out) == 0 {
		out = make([]byte, 0, 192*len(scores))
	}
	kept, all := j.batch.Kept, j.batch.Lines
	k := 0
	for i := range scores {
		if _, isBad := bad[i]; isBad {
			continue
		}
		out = appendScore(out, &scores[i], st.f)
		if kept != nil {
			for all[k] != lines[i] {
				k++
			}
			out = append(out[:len(out)-1], kept[k]...) // before the newline
			out = append(out, '\n')
		}
		j.scored++
	}
	j.out = out
}

// onScore calls Options.OnScore for each scored row of a written job, in
// row order.
func (st *stream) onScore(j *job) {
	for i := range j.scores {
		if _, isBad := j.bad[i]; !isBad {
			st.opt.OnScore(j.lines[i], &j.scores[i])
		}
	}
}
