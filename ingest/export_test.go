package ingest

// Internals under table tests.
var (
	ContentText = contentText
	IsTeaser    = isTeaser
	Backoff     = backoff
)
