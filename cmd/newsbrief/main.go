// Command newsbrief stores news articles and turns them into briefings.
// main only wires the process to run, so tests can call run directly.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	// Schedules name IANA time zones; the binary carries their data so
	// that minimal containers without /usr/share/zoneinfo accept them.
	_ "time/tzdata"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args, os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "newsbrief:", err)
		os.Exit(exitCode(err))
	}
}
