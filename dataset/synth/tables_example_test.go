package synth_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/segmenta/segmenta/dataset/synth"
)

// A small export: its timeline and the first subscription rows. The first
// account, on an annual contract, renewed once and churned a year before
// the cutoff: a former customer, absent from truth.csv.
func ExampleWriteTables() {
	dir, err := os.MkdirTemp("", "synth-tables")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	cfg := synth.TablesConfig{N: 50, Seed: 1}
	if err := synth.WriteTables(dir, cfg); err != nil {
		fmt.Println(err)
		return
	}
	p, _ := cfg.Period()
	fmt.Println("cutoff", p.Cutoff.Format(time.DateOnly), "horizon end", p.HorizonEnd.Format(time.DateOnly))
	f, err := os.Open(filepath.Join(dir, "subscriptions.csv"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for k := 0; k < 4 && sc.Scan(); k++ {
		fmt.Println(sc.Text())
	}
	// Output:
	// cutoff 2025-07-01 horizon end 2025-09-29
	// subscription_id,account_id,plan,billing,seats,mrr,start_date,end_date,change
	// S0000001-01,A0000001,enterprise,annual,611,62243.74,2022-11-30,2023-11-30,new
	// S0000001-02,A0000001,enterprise,annual,611,62243.74,2023-11-30,2024-07-16,renewal
	// S0000002-01,A0000002,starter,monthly,14,233.44,2025-01-30,2025-05-15,new
}
