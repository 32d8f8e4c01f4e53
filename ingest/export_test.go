package ingest

// Internals under table tests.
var (
	IsTeaser = isTeaser
	Backoff  = backoff
)
