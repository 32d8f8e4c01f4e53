package discordtest

// WithResponseValidation makes the server check its own 2xx responses against the spec and
// record any mismatch as a violation, so the package's tests keep the fake faithful.
func WithResponseValidation() Option {
	return func(c *config) { c.checkResponses = true }
}
