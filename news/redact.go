package news

import (
	"net/url"
	"regexp"
	"strings"
)

// Redacted stands for a secret taken out of a text.
const Redacted = "REDACTED"

// secretParams are query parameters and DSN keys that hold secrets.
var secretParams = []string{"password", "sslpassword", "token", "access_token", "api_key", "apikey", "key", "secret"}

// dsnPassword finds password=… in a PostgreSQL key/value connection string:
// a quoted value (with \' and \\ escapes) or a bare word.
var dsnPassword = regexp.MustCompile(`(?i)\b((?:ssl)?password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s]*)`)

// userInfo finds the user info of a URL that url.Parse refuses.
var userInfo = regexp.MustCompile(`(://)[^/?#\s]*@`)

// RedactURL returns s, a URL or a PostgreSQL key/value connection string,
// with the secrets it may carry replaced by REDACTED: the password of its
// user info, and the values of password-like query parameters or keys.
// Anything else is returned as it is. Every place that turns a URL or a
// DSN into text for people or logs goes through it.
func RedactURL(s string) string {
	if !strings.Contains(s, "://") {
		return dsnPassword.ReplaceAllString(s, "${1}"+Redacted)
	}
	u, err := url.Parse(s)
	if err != nil {
		return dsnPassword.ReplaceAllString(userInfo.ReplaceAllString(s, "${1}"+Redacted+"@"), "${1}"+Redacted)
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), Redacted)
		}
	}
	if u.RawQuery != "" {
		q := u.Query()
		changed := false
		for k := range q {
			for _, p := range secretParams {
				if strings.EqualFold(k, p) {
					q[k] = []string{Redacted}
					changed = true
				}
			}
		}
		if changed {
			u.RawQuery = q.Encode()
		}
	}
	return u.String()
}
