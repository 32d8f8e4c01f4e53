package discordtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// bodyKind is what a request body is, for the checks the spec misses.
type bodyKind int

const (
	kindNone          bodyKind = iota
	kindMessageCreate          // POST /channels/{id}/messages, POST /webhooks/{app}/{token}
	kindMessageEdit            // PATCH .../messages/{id}
	kindCallback               // POST /interactions/{id}/{token}/callback
	kindCommands               // PUT .../commands
)

func kindOf(method string, p []string) bodyKind {
	switch {
	case method == "PUT" && p[len(p)-1] == "commands":
		return kindCommands
	case method == "POST" && p[0] == "interactions":
		return kindCallback
	case method == "POST" && (p[0] == "webhooks" || p[0] == "channels"):
		return kindMessageCreate
	case method == "PATCH" && len(p) > 2 && p[len(p)-2] == "messages":
		return kindMessageEdit
	}
	return kindNone
}

// checkSpec validates a request against the spec and Discord's other limits. Any problem is
// recorded as a violation and answered as Discord does: 400 with code 50035 (or 50006 for an
// empty message).
func (s *Server) checkSpec(req *request) *restError {
	method, path := req.r.Method, req.path
	kind := kindOf(method, req.parts)
	var doc any
	if len(bytes.TrimSpace(req.body)) > 0 {
		dec := json.NewDecoder(bytes.NewReader(req.body))
		dec.UseNumber()
		if err := dec.Decode(&doc); err != nil {
			s.violate("%s %s: body is not JSON: %v", method, path, err)
			return invalidForm(map[string]any{"_errors": []any{errItem("BASE_TYPE_BAD_REQUEST", err.Error())}})
		}
	}
	var errs fieldErrors
	body := req.body
	if doc != nil {
		fixed, changed := normalise(kind, doc)
		if changed {
			b, err := json.Marshal(fixed)
			if err != nil {
				return &restError{status: http.StatusInternalServerError, Msg: err.Error()}
			}
			body = b
		}
	}
	if s.spec != nil && !s.cfg.skipSpec {
		if err := s.spec.validate(req.r.Context(), req.r, body); err != nil {
			errs.add("", "SPEC_VIOLATION", "%s", shorten(err.Error(), 1500))
		}
	}
	empty := false
	switch kind {
	case kindMessageCreate:
		empty = checkMessage(&errs, "", asMap(doc), true, req.files)
	case kindMessageEdit:
		checkMessage(&errs, "", asMap(doc), false, req.files)
	case kindCallback:
		empty = checkCallback(&errs, asMap(doc), req.files)
	case kindCommands:
		checkCommands(&errs, doc)
	}
	if len(errs) > 0 {
		s.violate("%s %s: %s", method, path, errs)
		return invalidForm(errs.tree())
	}
	if empty {
		s.violate("%s %s: empty message (no content, embeds, components, stickers, poll or files)", method, path)
		return &restError{status: http.StatusBadRequest, Code: 50006, Msg: "Cannot send an empty message"}
	}
	s.checkHygiene(method, req.parts, kind, asMap(doc))
	return nil
}

// checkHygiene records, without rejecting (Discord accepts them), messages that could ping
// people: a bot that relays feed text must never turn "@everyone" in an article into a ping.
func (s *Server) checkHygiene(method string, p []string, kind bodyKind, doc map[string]any) {
	create := kind == kindMessageCreate
	if kind == kindCallback {
		t, _ := asInt(doc["type"])
		data := asMap(doc["data"])
		create, doc = t == 4, data
	}
	if kind == kindMessageEdit && p[0] == "webhooks" && p[len(p)-1] == "@original" {
		// The first edit after a deferred response is what people see as the reply.
		create = s.isFirstEditAfterDefer(p[2])
	}
	if !create || doc == nil {
		return
	}
	if msg := allowedMentionsProblem(doc["allowed_mentions"]); msg != "" {
		s.violate("%s /%s: %s", method, strings.Join(p, "/"), msg)
	}
}

func allowedMentionsProblem(v any) string {
	am, ok := v.(map[string]any)
	if !ok {
		return "allowed_mentions is missing: Discord then pings @everyone, roles and users named in the content"
	}
	parse, _ := am["parse"].([]any)
	for _, p := range parse {
		switch p {
		case "everyone", "roles", "users":
			return fmt.Sprintf("allowed_mentions.parse contains %q: content could ping people", p)
		}
	}
	return ""
}

// fieldError is one entry of Discord's nested "errors" object.
type fieldError struct {
	path, code, msg string
}

type fieldErrors []fieldError

func (e *fieldErrors) add(path, code, format string, args ...any) {
	*e = append(*e, fieldError{path: path, code: code, msg: fmt.Sprintf(format, args...)})
}

func (e fieldErrors) String() string {
	parts := make([]string, len(e))
	for i, f := range e {
		parts[i] = f.msg
		if f.path != "" {
			parts[i] = f.path + ": " + f.msg
		}
	}
	return strings.Join(parts, "; ")
}

// tree nests errors as Discord does: {"embeds":{"0":{"title":{"_errors":[…]}}}}.
func (e fieldErrors) tree() map[string]any {
	root := map[string]any{}
	for _, f := range e {
		node := root
		if f.path != "" {
			for _, k := range strings.Split(f.path, ".") {
				next, ok := node[k].(map[string]any)
				if !ok {
					next = map[string]any{}
					node[k] = next
				}
				node = next
			}
		}
		list, _ := node["_errors"].([]any)
		node["_errors"] = append(list, errItem(f.code, f.msg))
	}
	return root
}

func errItem(code, msg string) map[string]any {
	return map[string]any{"code": code, "message": msg}
}

func invalidForm(errors map[string]any) *restError {
	return &restError{status: http.StatusBadRequest, Code: 50035, Msg: "Invalid Form Body", Errors: errors}
}

func join(path string, key any) string {
	if path == "" {
		return fmt.Sprint(key)
	}
	return fmt.Sprintf("%s.%v", path, key)
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func asSlice(v any) []any {
	a, _ := v.([]any)
	return a
}

func asString(v any) string {
	s, _ := v.(string)
	return s
}

func asInt(v any) (int64, bool) {
	switch n := v.(type) {
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	case float64:
		return int64(n), true
	}
	return 0, false
}
