package dataset

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

func checkParse(t *testing.T, s string) {
	t.Helper()
	want, err := strconv.ParseFloat(s, 64)
	got, ok := parseFloat([]byte(s))
	if err != nil && err.(*strconv.NumError).Err != strconv.ErrRange {
		if ok {
			t.Fatalf("%q parsed as %v, strconv: %v", s, got, err)
		}
		return
	}
	if !ok {
		t.Fatalf("%q rejected, strconv gives %v", s, want)
	}
	if math.Float64bits(want) != math.Float64bits(got) {
		t.Fatalf("%q: got %v (%#x), strconv %v (%#x)", s, got, math.Float64bits(got), want, math.Float64bits(want))
	}
}

func TestParseFloatMatchesStrconv(t *testing.T) {
	for _, s := range []string{"0", "-0", "+0", "1", "-1", "1.5", ".5", "5.", ".", "", "-", "+", "e5", "1e", "1e+",
		"1e5", "1E-5", "123456789012345678", "1234567890123456789", "12345678901234567890",
		"9007199254740993", "9007199254740992", "9007199254740993.0", "0.1", "0.30000000000000004",
		"1e22", "1e23", "1e-22", "1e-23", "1e64", "1e-64", "1e65", "1e308", "1e309", "1e-324", "4.9e-324",
		"2.2250738585072014e-308", "1.7976931348623157e308", "1.7976931348623159e308", "NaN", "Inf", "-Inf",
		"inf", "infinity", "0x1p-2", "1_000", "0x_1p0", "00012", "-0.000", "1.0000000000000000000001",
		"000000000000000000001", "1e-400", "1e99999999999999", "0e99999999999", " 1", "1 ", "1..2", "1e1.5", "--1"} {
		checkParse(t, s)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	buf := make([]byte, 0, 32)
	for i := 0; i < 200_000; i++ {
		var v float64
		switch i % 4 {
		case 0:
			v = rng.Float64()
		case 1:
			v = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(60)-30))
		case 2:
			v = math.Float64frombits(rng.Uint64())
		default:
			v = float64(rng.Int64()) / 1e6
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		buf = strconv.AppendFloat(buf[:0], v, 'g', -1, 64)
		checkParse(t, string(buf))
		// Random 16 to 19 digit mantissas with small exponents, including
		// values strconv rounds from far below or above.
		m := rng.Uint64() % 1e19
		buf = strconv.AppendUint(buf[:0], m, 10)
		buf = append(buf, 'e')
		buf = strconv.AppendInt(buf, int64(rng.IntN(120)-60), 10)
		checkParse(t, string(buf))
	}
}

func FuzzParseFloat(f *testing.F) {
	for _, s := range []string{"1.5", "9007199254740993", "1e-30", "-0.000123"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkParse(t, s) })
}

// BenchmarkParseFloat parses the number mix of the CSV benchmark.
func BenchmarkParseFloat(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	var fields [][]byte
	for i := 0; i < 4096; i++ {
		var s []byte
		switch i % 4 {
		case 0:
			s = strconv.AppendInt(nil, int64(rng.IntN(100000)), 10)
		case 1:
			s = strconv.AppendFloat(nil, rng.NormFloat64()*100, 'f', 2, 64)
		case 2:
			s = strconv.AppendFloat(nil, rng.Float64(), 'g', -1, 64)
		default:
			s = strconv.AppendFloat(nil, rng.ExpFloat64()*1e4, 'f', 4, 64)
		}
		fields = append(fields, s)
	}
	b.Run("segmenta", func(b *testing.B) {
		sum := 0.0
		for i := 0; i < b.N; i++ {
			v, _ := parseFloat(fields[i%len(fields)])
			sum += v
		}
		_ = sum
	})
	b.Run("strconv", func(b *testing.B) {
		sum := 0.0
		for i := 0; i < b.N; i++ {
			v, _ := strconv.ParseFloat(string(fields[i%len(fields)]), 64)
			sum += v
		}
		_ = sum
	})
}
