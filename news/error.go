package news

import (
	"errors"
	"fmt"
)

// Error codes. Callers branch on codes, never on message text.
const (
	EINVALID  = "invalid"   // the input is wrong; the message says how
	ENOTFOUND = "not_found" // the thing asked for does not exist
	ECONFLICT = "conflict"  // the thing exists already
	EINTERNAL = "internal"  // a bug or an outage; details go to the log
)

// Error is an error meant for the user: Message is safe to show.
type Error struct {
	Code    string
	Message string
	// Err is the cause, for errors.Is and As and the log; never shown.
	Err error
}

func (e *Error) Error() string { return e.Message }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// WrapErrorf is Errorf keeping err as the cause: the message says what
// went wrong in words, err keeps the details for code and logs.
func WrapErrorf(err error, code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message to show a user: the *Error's own message,
// or a generic one so internal details never leak.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}
