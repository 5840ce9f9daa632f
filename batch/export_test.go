package batch

// ScoreBlockRows is the block size of the scoring loop, for the tests.
const ScoreBlockRows = scoreBlockRows
