package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"
)

// Reason says in plain words why a fetch failed, for people: "its server
// answered 404 Not Found", "its host name does not exist". It never
// repeats a Go error string, whose text names the resolver's internal
// address or the dialled IP; the error itself stays for the log.
func Reason(err error) string {
	var se *StatusError
	var ke *kindError
	var dns *net.DNSError
	var cert *tls.CertificateVerificationError
	var unknownAuthority x509.UnknownAuthorityError
	var hostname x509.HostnameError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &se):
		return "its server answered " + se.Status
	case errors.Is(err, ErrBlocked):
		return "its address is not public, and this bot fetches public pages only"
	case errors.Is(err, ErrTooLarge):
		if errors.As(err, &ke) {
			return "it is " + strings.TrimPrefix(ke.msg, "response ") + ", the most this bot reads"
		}
		return "it is larger than this bot reads"
	case errors.Is(err, ErrTooManyRedirects):
		return "it redirects too many times"
	case errors.Is(err, ErrInvalidURL):
		return "it is not an http or https address with a host"
	case errors.Is(err, context.DeadlineExceeded):
		if errors.As(err, &ke) && strings.HasPrefix(ke.msg, "timed out after ") {
			return "its server did not answer within " + strings.TrimPrefix(ke.msg, "timed out after ")
		}
		return "its server did not answer in time"
	case errors.Is(err, context.Canceled):
		return "the request was cancelled"
	case errors.As(err, &dns) && dns.IsNotFound:
		return "its host name " + dns.Name + " does not exist"
	case errors.As(err, &dns):
		return "its host name " + dns.Name + " could not be looked up"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "its server refused the connection"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "its server closed the connection"
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return "its server cannot be reached from here"
	case errors.As(err, &cert), errors.As(err, &unknownAuthority), errors.As(err, &hostname):
		return "its HTTPS certificate is not valid"
	}
	return "its server could not be reached"
}
