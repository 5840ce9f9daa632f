package dataset

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestClosestName(t *testing.T) {
	names := []string{"account_id", "left_us", "is_lost", "mrr"}
	assert.Equal(t, "left_us", ClosestName("Left_Us", names))
	assert.Equal(t, "is_lost", ClosestName("islost", names))
	assert.Equal(t, "", ClosestName("churned", names))
	assert.Equal(t, 3, editDistance("kitten", "sitting"))
}
