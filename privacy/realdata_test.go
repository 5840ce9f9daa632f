package privacy

import (
	"os"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Real transaction and customer data hold no personal data by name or
// value (product descriptions, country names, numeric customer IDs): the
// guard flags nothing there.
func TestRealDataNoFindings(t *testing.T) {
	for _, p := range []string{"../../shared/data/online_retail.csv.gz", "../../shared/data/wholesale_customers.csv"} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("real data set %s not found (expected the shared/ directory beside the repository): %v", p, err)
		}
		tb, err := dataset.ReadCSVFile(p, dataset.CSVOptions{IDColumn: dataset.NoID})
		require.NoError(t, err)
		assert.Empty(t, Guard{}.Check(tb), p)
	}
}
