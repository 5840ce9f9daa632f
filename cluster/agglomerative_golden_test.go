package cluster

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// hcGolden is one file written by benchmarks/peers/linkage_golden.py.
type hcGolden struct {
	N       int         `json:"n"`
	D       int         `json:"d"`
	Points  [][]float64 `json:"points"`
	Methods map[string]struct {
		Z        [][]float64      `json:"Z"`
		MaxClust map[string][]int `json:"maxclust"`
		Distance []struct {
			T      float64 `json:"t"`
			Labels []int   `json:"labels"`
		} `json:"distance"`
		Leaves   []int    `json:"leaves"`
		Cophenet *float64 `json:"cophenet"`
	} `json:"methods"`
}

// hcWholesale reads the six spending columns of the UCI wholesale customers
// data, applies log1p and standardises each column (ddof=0), as the golden
// script does.
func hcWholesale(t *testing.T) *mat.Dense {
	path := filepath.Join("..", "..", "shared", "data", "wholesale_customers.csv")
	f, err := os.Open(path)
	require.NoError(t, err, "the wholesale golden test needs %s (see ../shared/data/README.md)", path)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.Greater(t, len(recs), 1)
	cols := []string{"Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicatessen"}
	idx := make([]int, len(cols))
	for j, c := range cols {
		idx[j] = -1
		for k, h := range recs[0] {
			if strings.TrimSpace(h) == c {
				idx[j] = k
			}
		}
		require.GreaterOrEqual(t, idx[j], 0, "column %s missing from %s", c, path)
	}
	n := len(recs) - 1
	X := mat.NewDense(n, len(cols), nil)
	for i, r := range recs[1:] {
		for j, k := range idx {
			v, err := strconv.ParseFloat(strings.TrimSpace(r[k]), 64)
			require.NoError(t, err, "row %d column %s", i+1, cols[j])
			X.Set(i, j, math.Log1p(v))
		}
	}
	for j := range cols {
		col := mat.Col(nil, j, X)
		mean := 0.0
		for _, v := range col {
			mean += v
		}
		mean /= float64(n)
		ss := 0.0
		for _, v := range col {
			ss += (v - mean) * (v - mean)
		}
		sd := math.Sqrt(ss / float64(n))
		for i, v := range col {
			X.Set(i, j, (v-mean)/sd)
		}
	}
	return X
}

func hcRelClose(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*math.Max(math.Abs(a), math.Abs(b)) || math.Abs(a-b) < 1e-300
}

// TestLinkageMatchesScipy checks every linkage method against scipy on the
// golden sets: identical merged pairs and sizes, heights to 1e-9 relative,
// identical flat clusters (labels + 1 = scipy's), leaf order and the
// cophenetic correlation.
func TestLinkageMatchesScipy(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "linkage_*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "golden files missing: run benchmarks/peers/linkage_golden.py")
	sort.Strings(files)
	for _, file := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(file), "linkage_"), ".json")
		if name == "weights" { // TestWeightedWardMatchesScipy
			continue
		}
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(file)
			require.NoError(t, err)
			var g hcGolden
			require.NoError(t, json.Unmarshal(b, &g))
			var X *mat.Dense
			if g.Points != nil {
				X = mat.NewDense(g.N, g.D, nil)
				for i, p := range g.Points {
					X.SetRow(i, p)
				}
			} else {
				X = hcWholesale(t)
			}
			r, c := X.Dims()
			require.Equal(t, g.N, r)
			require.Equal(t, g.D, c)
			for _, method := range hcMethodNames {
				want, ok := g.Methods[method]
				require.True(t, ok, method)
				t.Run(method, func(t *testing.T) {
					tree, err := Agglomerative{Linkage: method}.Fit(X)
					require.NoError(t, err)
					got := tree.Merges()
					require.Len(t, got, len(want.Z))
					for i, z := range want.Z {
						require.Equal(t, [2]int{int(z[0]), int(z[1])}, [2]int{got[i].A, got[i].B}, "merge %d", i)
						require.True(t, hcRelClose(z[2], got[i].Height, 1e-9), "merge %d height %v, scipy %v", i, got[i].Height, z[2])
						require.Equal(t, z[3], got[i].Size, "merge %d size", i)
					}
					for ks, wantLabels := range want.MaxClust {
						k, _ := strconv.Atoi(ks)
						labels, err := tree.CutK(k)
						require.NoError(t, err)
						require.Equal(t, wantLabels, hcPlusOne(labels), "CutK(%d)", k)
					}
					for _, cut := range want.Distance {
						labels, err := tree.CutHeight(cut.T)
						require.NoError(t, err)
						require.Equal(t, cut.Labels, hcPlusOne(labels), "CutHeight(%v)", cut.T)
					}
					require.Equal(t, want.Leaves, tree.LeafOrder())
					// scipy's own Z, loaded, cuts and orders the same way.
					zs := mat.NewDense(len(want.Z), 4, nil)
					for i, z := range want.Z {
						zs.SetRow(i, z)
					}
					theirs, err := NewDendrogram(zs)
					require.NoError(t, err)
					require.Equal(t, want.Leaves, theirs.LeafOrder())
					for ks, wantLabels := range want.MaxClust {
						k, _ := strconv.Atoi(ks)
						labels, err := theirs.CutK(k)
						require.NoError(t, err)
						require.Equal(t, wantLabels, hcPlusOne(labels), "scipy Z, CutK(%d)", k)
					}
					if want.Cophenet != nil {
						c, err := tree.Cophenetic(X)
						require.NoError(t, err)
						require.InDelta(t, *want.Cophenet, c, 1e-9)
					}
				})
			}
		})
	}
}

func hcPlusOne(labels []int) []int {
	out := make([]int, len(labels))
	for i, l := range labels {
		out[i] = l + 1
	}
	return out
}

// hcWardCentroids runs the centroid Ward algorithm whatever n, so the small
// golden sets exercise the path that large inputs take.
func hcWardCentroids(t *testing.T, X *mat.Dense, weights []float64) *Dendrogram {
	data, n, d, err := hcDense(X)
	require.NoError(t, err)
	size := make([]float64, n)
	for i := range size {
		size[i] = 1
		if weights != nil {
			size[i] = weights[i]
		}
	}
	merges, err := hcWardNNChain(context.Background(), data, n, d, size, nil)
	require.NoError(t, err)
	return hcFinish(hcWard, merges, n, weights)
}

// TestWardCentroidsMatchScipy checks the O(n d) Ward algorithm against
// scipy's Lance-Williams Ward: same merges and heights to 1e-9, except on
// the integer grids where equal heights round differently in the two
// formulas and only the sorted heights and the sizes can be compared.
func TestWardCentroidsMatchScipy(t *testing.T) {
	for _, name := range []string{"gauss", "dups", "grid2", "grid3", "line", "equal", "two", "wholesale"} {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "linkage_"+name+".json"))
			require.NoError(t, err)
			var g hcGolden
			require.NoError(t, json.Unmarshal(b, &g))
			var X *mat.Dense
			if g.Points != nil {
				X = mat.NewDense(g.N, g.D, nil)
				for i, p := range g.Points {
					X.SetRow(i, p)
				}
			} else {
				X = hcWholesale(t)
			}
			got := hcWardCentroids(t, X, nil).Merges()
			want := g.Methods["ward"].Z
			require.Len(t, got, len(want))
			exact := name != "grid2" && name != "grid3"
			for i, z := range want {
				if exact {
					require.Equal(t, [2]int{int(z[0]), int(z[1])}, [2]int{got[i].A, got[i].B}, "merge %d", i)
					require.Equal(t, z[3], got[i].Size, "merge %d size", i)
				}
				require.True(t, hcRelClose(z[2], got[i].Height, 1e-9), "merge %d height %v, scipy %v", i, got[i].Height, z[2])
			}
		})
	}
}

// TestWeightedWardMatchesScipy: Ward with initial sizes w equals scipy's
// Ward on the points repeated w times, after the duplicates merge at 0.
func TestWeightedWardMatchesScipy(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "linkage_weights.json"))
	require.NoError(t, err)
	var g struct {
		Points  [][]float64 `json:"points"`
		Weights []float64   `json:"weights"`
		Heights []float64   `json:"heights"`
		Sizes   []float64   `json:"sizes"`
	}
	require.NoError(t, json.Unmarshal(b, &g))
	X := mat.NewDense(len(g.Points), len(g.Points[0]), nil)
	for i, p := range g.Points {
		X.SetRow(i, p)
	}
	viaMatrix, err := Agglomerative{Weights: g.Weights}.Fit(X)
	require.NoError(t, err)
	for _, tree := range []*Dendrogram{viaMatrix, hcWardCentroids(t, X, g.Weights)} {
		got := tree.Merges()
		require.Len(t, got, len(g.Heights))
		for i := range got {
			require.True(t, hcRelClose(g.Heights[i], got[i].Height, 1e-9), "merge %d height %v, scipy %v", i, got[i].Height, g.Heights[i])
			require.Equal(t, g.Sizes[i], got[i].Size, "merge %d size", i)
		}
	}
}

// TestGenericMatchesScipyChain checks the algorithm used above hcChainMax
// points for complete, average and weighted linkage against scipy's
// nearest-neighbour chain on the golden sets without tied distances.
func TestGenericMatchesScipyChain(t *testing.T) {
	for _, name := range []string{"gauss", "wholesale"} {
		b, err := os.ReadFile(filepath.Join("testdata", "linkage_"+name+".json"))
		require.NoError(t, err)
		var g hcGolden
		require.NoError(t, json.Unmarshal(b, &g))
		var X *mat.Dense
		if g.Points != nil {
			X = mat.NewDense(g.N, g.D, nil)
			for i, p := range g.Points {
				X.SetRow(i, p)
			}
		} else {
			X = hcWholesale(t)
		}
		for _, method := range []hcMethod{hcComplete, hcAverage, hcWeighted, hcWard} {
			t.Run(name+"/"+method.String(), func(t *testing.T) {
				data, n, d, err := hcDense(X)
				require.NoError(t, err)
				size := make([]float64, n)
				for i := range size {
					size[i] = 1
				}
				merges, err := hcGeneric(context.Background(), hcPdist[float64](data, n, d, method, size), n, method, size, false, nil)
				require.NoError(t, err)
				got := hcFinish(method, merges, n, nil).Merges()
				for i, z := range g.Methods[method.String()].Z {
					require.Equal(t, [2]int{int(z[0]), int(z[1])}, [2]int{got[i].A, got[i].B}, "merge %d", i)
					require.True(t, hcRelClose(z[2], got[i].Height, 1e-12), "merge %d height", i)
					require.Equal(t, z[3], got[i].Size)
				}
			})
		}
	}
}
