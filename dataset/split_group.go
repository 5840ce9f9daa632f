package dataset

import "sort"

// GroupSplitIndex splits the rows 0..len(groups)-1 so that every row of a
// group (an account met at several cutoffs) lands on the same side: an
// account is never both in training and in evaluation. The distinct
// groups, sorted, are split by StratifiedSplitIndex with testFraction and
// seed (so the test side holds ceil(testFraction·groups) groups), stratified
// on each group's class: the greatest of its rows' labels as strings ("1"
// when an account churned at any cutoff, with 0/1 labels). labels may be
// nil (no stratification). Both index lists are sorted ascending.
func GroupSplitIndex(groups, labels []string, testFraction float64, seed uint64) (train, test []int, err error) {
	class := map[string]string{}
	for i, g := range groups {
		l := ""
		if labels != nil {
			l = labels[i]
		}
		if c, ok := class[g]; !ok || l > c {
			class[g] = l
		}
	}
	names := make([]string, 0, len(class))
	for g := range class {
		names = append(names, g)
	}
	sort.Strings(names)
	classes := make([]string, len(names))
	for k, g := range names {
		classes[k] = class[g]
	}
	_, testG, err := StratifiedSplitIndex(classes, testFraction, seed)
	if err != nil {
		return nil, nil, err
	}
	inTest := make(map[string]bool, len(testG))
	for _, k := range testG {
		inTest[names[k]] = true
	}
	for i, g := range groups {
		if inTest[g] {
			test = append(test, i)
		} else {
			train = append(train, i)
		}
	}
	return train, test, nil
}
