package summarize

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/url"

	openai "github.com/sashabaranov/go-openai"
)

// Reasons an LLM summary failed, short enough for a metric label.
const (
	ReasonTimeout       = "timeout"        // the call ran out of LLMConfig.Timeout
	ReasonRateLimited   = "rate_limited"   // 429 after retries
	ReasonServerError   = "server_error"   // 5xx after retries
	ReasonHTTPError     = "http_error"     // another 4xx, or a request the client would not send
	ReasonNetwork       = "network"        // no connection, or it broke, after retries
	ReasonBadResponse   = "bad_response"   // not a chat completion: unparseable, HTML, no choices
	ReasonRefused       = "refused"        // the model declined
	ReasonEmpty         = "empty"          // nothing to use
	ReasonTooLong       = "too_long"       // more sentences or characters than asked
	ReasonMentions      = "mentions"       // @everyone, @here or Discord mention syntax
	ReasonMarkup        = "markup"         // Markdown, HTML or a link
	ReasonWrongLanguage = "wrong_language" // not the language asked for or the article's
	ReasonUngrounded    = "ungrounded"     // words the text does not contain
	ReasonBudget        = "budget"         // the daily token budget is spent
	ReasonCircuitOpen   = "circuit_open"   // the LLM failed often enough to rest it
	ReasonCanceled      = "canceled"       // the caller gave up
	ReasonDeadline      = "deadline"       // the work's LLM time (Request.LLMDeadline) ran out before the call could start
)

// FailureError is an LLM summary that failed, and why.
type FailureError struct {
	Reason string // one of the Reason constants
	Err    error
}

func (e *FailureError) Error() string {
	if e.Err == nil {
		return "summarize: llm failed: " + e.Reason
	}
	return e.Err.Error()
}

func (e *FailureError) Unwrap() error { return e.Err }

// Reason returns the reason of the first *FailureError in err's chain, ""
// for a nil err, and "http_error" for any other error.
func Reason(err error) string {
	if err == nil {
		return ""
	}
	if fe, ok := errors.AsType[*FailureError](err); ok {
		return fe.Reason
	}
	return ReasonHTTPError
}

// outage reports whether reason says the LLM service is down or
// overloaded, as opposed to one reply being unusable.
func outage(reason string) bool {
	switch reason {
	case ReasonTimeout, ReasonRateLimited, ReasonServerError, ReasonNetwork, ReasonBadResponse:
		return true
	}
	return false
}

// classifyCall names the failure of a chat completion call. parent is the
// caller's context and call the one with LLMConfig.Timeout.
func classifyCall(parent, call context.Context, err error) string {
	if parent.Err() != nil {
		return ReasonCanceled
	}
	if errors.Is(err, context.DeadlineExceeded) || call.Err() != nil {
		return ReasonTimeout
	}
	code := 0
	if e, ok := errors.AsType[*openai.APIError](err); ok {
		code = e.HTTPStatusCode
	} else if e, ok := errors.AsType[*openai.RequestError](err); ok {
		code = e.HTTPStatusCode
	}
	switch {
	case code == 429:
		return ReasonRateLimited
	case code >= 500:
		return ReasonServerError
	case code == 408:
		return ReasonTimeout
	case code >= 400:
		return ReasonHTTPError
	case code > 0:
		return ReasonBadResponse
	}
	if errors.Is(err, errResponseTooLarge) {
		return ReasonBadResponse
	}
	if _, ok := errors.AsType[*url.Error](err); ok {
		return ReasonNetwork
	}
	// What is left came from decoding a 2xx body.
	_, syntax := errors.AsType[*json.SyntaxError](err)
	_, typ := errors.AsType[*json.UnmarshalTypeError](err)
	if syntax || typ || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return ReasonBadResponse
	}
	// go-openai refused to build the request (a model it knows to be
	// wrong for the endpoint, say): a setup error, like a 4xx.
	return ReasonHTTPError
}
