// Package levelcache is a small cache of category level codes keyed by the
// address of a string's bytes, for columns whose equal values share their
// bytes (dataset.Column.Interned). features uses it to one-hot encode,
// drift to count levels into bins: one copy of the idea for both.
package levelcache
