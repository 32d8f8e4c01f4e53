package discordtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// specValidator checks requests against Discord's OpenAPI spec.
type specValidator struct {
	doc    *openapi3.T
	router routers.Router
}

// The spec is 1.2 MB and takes ~0.4 s to load and index, so every Server in the process shares
// one immutable copy; this is the package's only package-level state, and it is read-only once
// loaded.
var (
	specOnce sync.Once
	specVal  *specValidator
	specErr  error
)

// specBase is the server URL the spec is rebased onto: the API version discordgo speaks, on
// loopback, so routing does not depend on the test server's port.
const specBase = "http://127.0.0.1/api/v9"

// specPath locates <repo>/../shared/discord/openapi.json from this source file, so tests find
// it whatever their working directory.
func specPath() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return ""
	}
	repo := filepath.Dir(filepath.Dir(file))
	return filepath.Join(filepath.Dir(repo), "shared", "discord", "openapi.json")
}

// loadSpec returns the shared validator, or nil with no error when the spec file is absent.
func loadSpec() (*specValidator, error) {
	specOnce.Do(func() { specVal, specErr = readSpec(specPath()) })
	return specVal, specErr
}

func readSpec(path string) (*specValidator, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) || path == "" {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read spec: %w", err)
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("load spec %s: %w", path, err)
	}
	doc.Servers = openapi3.Servers{{URL: specBase}}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("route spec: %w", err)
	}
	return &specValidator{doc: doc, router: router}, nil
}

// validate checks method, path, query and a JSON body (already normalised) against the spec.
// It returns nil for routes the spec does not know: the caller's own router decides about those.
func (v *specValidator) validate(ctx context.Context, r *http.Request, body []byte) error {
	u := *r.URL
	u.Scheme, u.Host = "http", "127.0.0.1"
	req, err := http.NewRequestWithContext(ctx, r.Method, u.String(), bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("spec request: %w", err)
	}
	if len(body) > 0 {
		req.Header.Set("Content-Type", "application/json")
	}
	req.ContentLength = int64(len(body))
	route, params, err := v.router.FindRoute(req)
	if err != nil {
		return fmt.Errorf("no such route in the spec: %w", err)
	}
	opts := &openapi3filter.Options{
		AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
		MultiError:         true,
	}
	// kin-openapi appends the whole schema and value to each message; a 6000-character
	// embed would drown the test log, so keep just where and why.
	opts.WithCustomSchemaErrorFunc(func(e *openapi3.SchemaError) string {
		if e.Reason != "" {
			return e.Reason
		}
		return e.Error()
	})
	in := &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: params,
		Route:      route,
		Options:    opts,
	}
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, req.Body)
	return nil
}

// validateResponse checks one of the server's own responses against the spec; the package's
// tests turn it on to keep the fake faithful.
func (v *specValidator) validateResponse(ctx context.Context, r *http.Request, status int, header http.Header, body []byte) error {
	u := *r.URL
	u.Scheme, u.Host = "http", "127.0.0.1"
	req, err := http.NewRequestWithContext(ctx, r.Method, u.String(), nil)
	if err != nil {
		return fmt.Errorf("spec request: %w", err)
	}
	route, params, err := v.router.FindRoute(req)
	if err != nil {
		return nil // the request was already reported
	}
	opts := &openapi3filter.Options{
		AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
		MultiError:            true,
		IncludeResponseStatus: true,
	}
	opts.WithCustomSchemaErrorFunc(func(e *openapi3.SchemaError) string {
		if e.Reason != "" {
			return e.Reason
		}
		return e.Error()
	})
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts},
		Status:                 status,
		Header:                 header,
		Options:                opts,
	}
	in.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(ctx, in); err != nil {
		return fmt.Errorf("response: %w", err)
	}
	return nil
}

// knows says whether the spec has the request's route.
func (v *specValidator) knows(r *http.Request) bool {
	u := *r.URL
	u.Scheme, u.Host = "http", "127.0.0.1"
	req, err := http.NewRequestWithContext(r.Context(), r.Method, u.String(), nil)
	if err != nil {
		return false
	}
	_, _, err = v.router.FindRoute(req)
	return err == nil
}
