package imgcheck

import (
	"image"
	"image/color"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheck(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 20, 20))
	_, err := Check(img)
	assert.ErrorContains(t, err, "looks blank (20x20, 1 colours, 0.0% off the main colour)")
	// The background and 15 colours on one row (3.75% of the pixels):
	// enough variety.
	for x := range 15 {
		img.Set(x, 0, color.RGBA{uint8(x), 0, 0, 255})
	}
	s, err := Check(img)
	require.NoError(t, err)
	assert.Equal(t, Stats{Width: 20, Height: 20, Colours: 16, OffMain: 15.0 / 400}, s)
	// 15 colours are too few.
	img.Set(14, 0, color.RGBA{})
	_, err = Check(img)
	assert.Error(t, err)
	_, err = Check(image.NewRGBA(image.Rect(0, 0, 0, 0)))
	assert.Error(t, err)
}
