package main

import (
	"os"

	"github.com/segmenta/segmenta/pgio"
	"path/filepath"
	"strings"
)

// A job must never replace a file it reads, nor write two outputs to one
// file: checkPaths refuses, before anything is created, any output that
// resolves to an input or to another output, however it is spelled
// ("./x", "dir/../x", a symbolic link, a hard link).

// pathRole is one file a command names, with what it is for the messages.
type pathRole struct {
	role string // "input", "model", "-o", "-rejects", ...
	path string
}

// resolved is how a path is compared: its absolute form with every symbolic
// link of its folder resolved (the path itself may not exist yet), and the
// file it names when it exists.
type resolved struct {
	canon string
	info  os.FileInfo
}

func resolve(path string) resolved {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = filepath.Clean(path)
	}
	r := resolved{canon: abs}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		r.canon = filepath.Join(dir, filepath.Base(abs))
	}
	if full, err := filepath.EvalSymlinks(abs); err == nil {
		r.canon = full // a link names its target
	}
	if st, err := os.Stat(path); err == nil {
		r.info = st
	}
	return r
}

func (r resolved) same(o resolved) bool {
	if r.info != nil && o.info != nil && os.SameFile(r.info, o.info) {
		return true
	}
	return r.canon == o.canon
}

// checkPaths returns a usage error when an output (other than "-" or "")
// is the same file as an input or as another output. The global
// -cpuprofile file counts as an output of every command; on refusal it is
// discarded, so that a refused run writes nothing.
func checkPaths(e *env, inputs, outputs []pathRole) error {
	if e.profile != nil {
		outputs = append(outputs, pathRole{"-cpuprofile", e.profile.path})
	}
	err := conflict(inputs, outputs)
	if err != nil && e.profile != nil {
		e.profile.Abort()
	}
	return err
}

func conflict(inputs, outputs []pathRole) error {
	// A database (postgres://) is no file: its tables are checked by the
	// command (dbFlags.sink).
	named := func(p pathRole) bool { return p.path != "" && p.path != "-" && !pgio.IsDSN(p.path) }
	var in []resolved
	var inRole []pathRole
	for _, p := range inputs {
		if named(p) {
			in = append(in, resolve(p.path))
			inRole = append(inRole, p)
		}
	}
	var out []resolved
	var outRole []pathRole
	for _, p := range outputs {
		if !named(p) {
			continue
		}
		r := resolve(p.path)
		for k, q := range in {
			if r.same(q) {
				return usagef("%s %s is the %s %s: refusing to overwrite a file the job reads", p.role, p.path, inRole[k].role, inRole[k].path)
			}
		}
		for k, q := range out {
			if r.same(q) {
				return usagef("%s %s and %s %s are the same file", outRole[k].role, outRole[k].path, p.role, p.path)
			}
		}
		if err := checkTarget(p.path); err != nil {
			return err
		}
		out = append(out, r)
		outRole = append(outRole, p)
	}
	return nil
}

// argPaths returns the arguments of a command line that may name files:
// the arguments themselves and the values of "-flag=value", for the
// -cpuprofile check of commands that declare no paths of their own.
// withoutFlag returns args less the flag name given after the command
// (-name V, --name V, -name=V): its value is not a file the command reads.
func withoutFlag(args []string, name string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := strings.TrimPrefix(strings.TrimPrefix(args[i], "-"), "-")
		switch {
		case args[i] == "--":
			return append(out, args[i:]...)
		case a == name && strings.HasPrefix(args[i], "-"):
			i++ // and its value
		case strings.HasPrefix(a, name+"=") && strings.HasPrefix(args[i], "-"):
		default:
			out = append(out, args[i])
		}
	}
	return out
}

func argPaths(args []string) []pathRole {
	var ps []pathRole
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			if _, v, ok := strings.Cut(a, "="); ok {
				ps = append(ps, pathRole{"argument", v})
			}
			continue
		}
		ps = append(ps, pathRole{"argument", a})
	}
	return ps
}
