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

// URLSecrets returns the secrets RedactURL would take out of s: the
// password of its user info and the values of password-like parameters or
// keys, so that they can also be looked for in text that quotes them
// without the URL around them.
func URLSecrets(s string) []string {
	var out []string
	if !strings.Contains(s, "://") {
		for _, m := range dsnPassword.FindAllStringSubmatch(s, -1) {
			out = append(out, strings.Trim(m[2], "'"))
		}
		return out
	}
	u, err := url.Parse(s)
	if err != nil {
		for _, m := range userInfo.FindAllString(s, -1) {
			if _, pw, ok := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(m, "://"), "@"), ":"); ok {
				out = append(out, pw)
			}
		}
		return out
	}
	if u.User != nil {
		if p, ok := u.User.Password(); ok {
			out = append(out, p)
		}
	}
	for k, vs := range u.Query() {
		for _, p := range secretParams {
			if strings.EqualFold(k, p) {
				out = append(out, vs...)
			}
		}
	}
	return out
}

// pgKeys are the keys of a libpq key/value connection string that name a
// server or a database; a string of key=value pairs with one of them is
// taken for one ("host=db dbname=news user=bot").
var pgKeys = []string{"host", "hostaddr", "dbname", "user", "port", "service"}

// IsPostgresDSN reports whether s names a PostgreSQL database: a
// postgres:// or postgresql:// URL, or a key/value connection string.
func IsPostgresDSN(s string) bool {
	if scheme, _, ok := strings.Cut(s, "://"); ok {
		return strings.EqualFold(scheme, "postgres") || strings.EqualFold(scheme, "postgresql")
	}
	fields := strings.Fields(dsnPassword.ReplaceAllString(s, "${1}x"))
	if len(fields) == 0 {
		return false
	}
	named := false
	for _, f := range fields {
		k, _, ok := strings.Cut(f, "=")
		if !ok || k == "" {
			return false
		}
		for _, pk := range pgKeys {
			named = named || strings.EqualFold(k, pk)
		}
	}
	return named
}
