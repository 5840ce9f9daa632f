package segmenta_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"log"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/modelsig"
)

// A model signed where it is fitted and verified where it is scored: an
// edit after signing is refused.
func ExampleLoadVerified() {
	accounts, _, err := synth.Generate(synth.Config{N: 1500, Seed: 2})
	if err != nil {
		log.Fatal(err)
	}
	model, err := segmenta.Fit(accounts, segmenta.Config{Seed: 2})
	if err != nil {
		log.Fatal(err)
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader) // segmenta keygen; modelsig.ParsePrivateKey reads its file
	if err != nil {
		log.Fatal(err)
	}
	var file bytes.Buffer
	if err := model.Save(&file); err != nil {
		log.Fatal(err)
	}
	sig := modelsig.Sign(file.Bytes(), priv) // the contents of model.json.sig

	loaded, err := segmenta.LoadVerified(bytes.NewReader(file.Bytes()), sig, pub)
	fmt.Println("signed file loads:", err == nil && loaded.NumSegments() == model.NumSegments())

	edited := bytes.Replace(file.Bytes(), []byte(`"high_risk": 0.`), []byte(`"high_risk": 0.0`), 1)
	_, err = segmenta.LoadVerified(bytes.NewReader(edited), sig, pub)
	fmt.Println("edited file refused:", errors.Is(err, segmenta.ErrSignature))
	// Output:
	// signed file loads: true
	// edited file refused: true
}
