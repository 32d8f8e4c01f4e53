package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"
)

// cmdHealthcheck asks a running newsbrief's /healthz on this host: the
// container health check of images without a shell or curl.
func cmdHealthcheck(ctx context.Context, a *app, args []string) error {
	flags := newFlagSet(a, "healthcheck", "healthcheck\n\nExits 0 when the newsbrief listening on HTTP_ADDR on this host answers /healthz, else 1.")
	rest, err := parseArgs(flags, args)
	if err != nil {
		return ignoreHelp(err)
	}
	if len(rest) > 0 {
		return usageErrorf("healthcheck: unexpected argument %q", rest[0])
	}
	if a.cfg.HTTPAddr == "" {
		return fmt.Errorf("healthcheck: HTTP_ADDR is not set, so there is no listener to ask")
	}
	host, port, err := net.SplitHostPort(a.cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("healthcheck: HTTP_ADDR: %w", err)
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+net.JoinHostPort(host, port)+"/healthz", nil)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: /healthz answered %s", resp.Status)
	}
	fmt.Fprintln(a.stdout, "ok")
	return nil
}
