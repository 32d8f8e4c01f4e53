package main

import (
	"context"
	"fmt"
	"text/tabwriter"
)

func cmdConfig(ctx context.Context, a *app, args []string) error {
	fs := newFlagSet(a, "config", "config [--json]\n\nPrints every setting's effective value (secrets redacted) and where it came from.")
	asJSON := fs.Bool("json", false, "print a JSON array")
	if _, err := parseArgs(fs, args); err != nil {
		return ignoreHelp(err)
	}
	settings := a.cfg.Dump()
	if *asJSON {
		return writeJSON(a, settings)
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	for _, s := range settings {
		fmt.Fprintf(tw, "%s=%s\t# %s\n", s.Name, s.Value, s.Source)
	}
	return tw.Flush()
}
