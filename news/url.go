package news

import (
	"net"
	"net/url"
	"path"
	"sort"
	"strings"
)

// trackingParams are query parameters that say how a reader arrived, not
// which article they read. Prefixes end in "_".
var trackingParams = []string{
	"utm_", "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
	"mc_cid", "mc_eid", "igshid", "_ga", "_gl", "ref_src", "ref_url",
	"cmpid", "ocid", "ncid", "sr_share", "at_medium", "at_campaign", "at_custom",
	"spm", "oly_enc_id", "oly_anon_id", "vero_id", "__twitter_impression",
}

func isTrackingParam(name string) bool {
	name = strings.ToLower(name)
	for _, p := range trackingParams {
		if strings.HasSuffix(p, "_") && strings.HasPrefix(name, p) || name == p {
			return true
		}
	}
	return false
}

// CanonicalURL returns the form of an article URL used to recognise the
// same article under different links: scheme and host lower-cased, default
// ports, user info, fragments and tracking parameters (utm_*, fbclid, gclid,
// …) dropped, dot segments resolved, remaining query parameters sorted. Only
// http and https URLs with a host are accepted; anything else is an
// EINVALID error.
func CanonicalURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", Errorf(EINVALID, "invalid URL %q: %v", raw, err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", Errorf(EINVALID, "invalid URL %q: only http and https are supported", raw)
	}
	host, port := u.Hostname(), u.Port()
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "" {
		return "", Errorf(EINVALID, "invalid URL %q: no host", raw)
	}
	if port == "80" && u.Scheme == "http" || port == "443" && u.Scheme == "https" {
		port = ""
	}
	switch {
	case port != "":
		u.Host = net.JoinHostPort(host, port)
	case strings.Contains(host, ":"): // IPv6 literal
		u.Host = "[" + host + "]"
	default:
		u.Host = host
	}
	u.User = nil
	u.Fragment, u.RawFragment = "", ""

	// Resolve "." and ".." but keep a trailing slash: sites treat /a and
	// /a/ as different pages often enough.
	if u.Path == "" {
		u.Path = "/"
	} else {
		clean := path.Clean(u.Path)
		if strings.HasSuffix(u.Path, "/") && clean != "/" {
			clean += "/"
		}
		u.Path = clean
	}
	u.RawPath = ""

	q := u.Query()
	for name := range q {
		if isTrackingParam(name) {
			delete(q, name)
		}
	}
	for _, vs := range q {
		sort.Strings(vs)
	}
	u.RawQuery = q.Encode() // Encode sorts by key
	u.ForceQuery = false
	return u.String(), nil
}

// FeedURL checks a feed URL and normalises what is safe to normalise
// (scheme and host case, fragment), as feeds are stored: unlike an article
// URL its query and user info are the server's business.
func FeedURL(raw string) (string, error) {
	if _, err := CanonicalURL(raw); err != nil {
		return "", err
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", Errorf(EINVALID, "invalid URL %q: %v", raw, err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	u.Fragment, u.RawFragment = "", ""
	return u.String(), nil
}
