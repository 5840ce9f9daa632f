package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/segmenta/segmenta"
)

// buildVersion is what 'segmenta version' reports, from the build
// information the go command embeds: the main module's version (a tag such
// as v0.2.0 when built at a tagged commit or installed as
// module@version, "(devel)" or a pseudo-version otherwise) and the VCS
// revision of a build inside a checkout.
type buildVersion struct {
	Module   string `json:"module"`
	Version  string `json:"version"`
	Revision string `json:"revision,omitempty"`
	Time     string `json:"time,omitempty"`
	Modified bool   `json:"modified,omitempty"`
	Library  string `json:"library"`
	Go       string `json:"go"`
	Platform string `json:"platform"`
}

func readBuildVersion() buildVersion {
	v := buildVersion{Version: "unknown", Library: segmenta.Version, Go: runtime.Version(),
		Platform: runtime.GOOS + "/" + runtime.GOARCH}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	// The command may be built inside another module (go run from a
	// dependent module): report the segmenta module, not the main one.
	v.Module, v.Version = bi.Main.Path, bi.Main.Version
	for _, d := range bi.Deps {
		if d.Path == "github.com/segmenta/segmenta" {
			v.Module, v.Version = d.Path, d.Version
			if d.Replace != nil {
				v.Version += " => " + d.Replace.Path
			}
		}
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

func runVersion(_ context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "version", "[-json]",
		`Print the module version of this binary (the git tag it was built at,
"(devel)" or a pseudo-version otherwise), the VCS revision and time of the
build's checkout, the model library version, the Go version and platform.`)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	v := readBuildVersion()
	if *asJSON {
		return writeJSON(e.stdout, v)
	}
	fmt.Fprintf(e.stdout, "segmenta %s\n", v.Version)
	if v.Revision != "" {
		mod := ""
		if v.Modified {
			mod = " (modified)"
		}
		fmt.Fprintf(e.stdout, "revision %s %s%s\n", v.Revision, v.Time, mod)
	}
	fmt.Fprintf(e.stdout, "module %s, model library %s, %s %s\n", v.Module, v.Library, v.Go, v.Platform)
	return nil
}
