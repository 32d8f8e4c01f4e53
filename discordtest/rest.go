package discordtest

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"time"
)

// apiPrefix is the only API version discordgo v0.29.0 speaks.
const apiPrefix = "/api/v9"

// maxBody bounds request bodies; Discord's own upload limit for bots is 25 MiB.
const maxBody = 25 << 20

// request is one parsed REST call handed to a route handler.
type request struct {
	r      *http.Request
	path   string   // after /api/v9, e.g. "/channels/1/messages"
	parts  []string // path split on "/", without the leading empty element
	body   []byte   // the JSON body (payload_json for multipart)
	files  int      // attachments in a multipart body
	bucket string
}

// restError is an error response in Discord's shape.
type restError struct {
	status int
	Code   int            `json:"code"`
	Msg    string         `json:"message"`
	Errors map[string]any `json:"errors,omitempty"`
}

func (e *restError) Error() string { return fmt.Sprintf("%d %s (code %d)", e.status, e.Msg, e.Code) }

func notFound() *restError {
	return &restError{status: http.StatusNotFound, Code: 0, Msg: "404: Not Found"}
}

func unknown(code int, what string) *restError {
	return &restError{status: http.StatusNotFound, Code: code, Msg: "Unknown " + what}
}

// handler routes everything: /gw is the gateway, the rest is REST.
func (s *Server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/gw", s.gw.serve)
	mux.HandleFunc("/gw/", s.gw.serve)
	mux.HandleFunc("/", s.serveREST)
	return mux
}

func (s *Server) serveREST(w http.ResponseWriter, r *http.Request) {
	if !s.cfg.checkResponses || s.spec == nil {
		s.serveRESTUnchecked(w, r)
		return
	}
	rec := httptest.NewRecorder()
	s.serveRESTUnchecked(rec, r)
	res := rec.Result()
	if res.StatusCode < 300 {
		if err := s.spec.validateResponse(r.Context(), r, res.StatusCode, res.Header, rec.Body.Bytes()); err != nil {
			s.violate("discordtest bug: %s %s: %v", r.Method, r.URL.Path, err)
		}
	}
	for k, v := range res.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(res.StatusCode)
	_, _ = w.Write(rec.Body.Bytes()) // the client went away; nothing to tell it
}

func (s *Server) serveRESTUnchecked(w http.ResponseWriter, r *http.Request) {
	path, ok := strings.CutPrefix(r.URL.Path, apiPrefix)
	if !ok || !strings.HasPrefix(path, "/") {
		s.violate("%s %s: not under %s", r.Method, r.URL.Path, apiPrefix)
		writeError(w, notFound())
		return
	}
	req := &request{r: r, path: path, parts: strings.Split(strings.Trim(path, "/"), "/")}
	req.bucket = bucketOf(r.Method, req.parts)
	if r.Header.Get("Authorization") != "Bot "+s.Token {
		s.violate("%s %s: Authorization is not \"Bot <token>\"", r.Method, path)
		writeError(w, &restError{status: http.StatusUnauthorized, Msg: "401: Unauthorized"})
		return
	}
	if d, ok := s.globalLimited(); ok {
		writeRateLimited(w, req.bucket, d, true)
		return
	}
	if rule := s.takeRateLimit(r.Method, path); rule != nil {
		writeRateLimited(w, req.bucket, rule.retryAfter, false)
		return
	}
	if err := readBody(req); err != nil {
		s.violate("%s %s: %v", r.Method, path, err)
		writeError(w, invalidForm(map[string]any{"_errors": []any{errItem("BASE_TYPE_BAD_REQUEST", err.Error())}}))
		return
	}
	h := s.route(r.Method, req.parts)
	if h == nil {
		if s.spec != nil && s.spec.knows(r) {
			s.violate("%s %s: a Discord route discordtest does not implement yet", r.Method, path)
		} else {
			s.violate("%s %s: no such route on Discord", r.Method, path)
		}
		writeError(w, notFound())
		return
	}
	if err := s.checkSpec(req); err != nil {
		writeError(w, err)
		return
	}
	if err := s.channelFailure(r.Method, req.parts); err != nil {
		writeRateHeaders(w, req.bucket)
		writeError(w, err)
		return
	}
	status, v, rerr := h(req)
	writeRateHeaders(w, req.bucket)
	if rerr != nil {
		writeError(w, rerr)
		return
	}
	if status == http.StatusNoContent {
		w.WriteHeader(status)
		return
	}
	writeJSON(w, status, v)
}

// handlerFunc answers one route: a status and a value to encode, or a Discord error.
type handlerFunc func(*request) (int, any, *restError)

// route maps method and path segments to a handler; nil means Discord has no such route.
func (s *Server) route(method string, p []string) handlerFunc {
	at := func(i int) string {
		if i < len(p) {
			return p[i]
		}
		return ""
	}
	n := len(p)
	switch {
	case method == "GET" && n == 1 && p[0] == "gateway":
		return s.getGateway
	case method == "GET" && n == 2 && p[0] == "gateway" && p[1] == "bot":
		return s.getGatewayBot
	case method == "GET" && n == 2 && p[0] == "users" && p[1] == "@me":
		return s.getMe
	case method == "GET" && n == 2 && p[0] == "applications" && p[1] == "@me",
		method == "GET" && n == 3 && p[0] == "oauth2" && p[1] == "applications" && p[2] == "@me":
		return s.getApplication
	case p[0] == "applications" && (n == 3 && at(2) == "commands" || n == 5 && at(2) == "guilds" && at(4) == "commands"):
		switch method {
		case "GET":
			return s.getCommands
		case "PUT":
			return s.putCommands
		}
	case method == "POST" && n == 4 && p[0] == "interactions" && p[3] == "callback":
		return s.postCallback
	case p[0] == "webhooks" && n == 3 && method == "POST":
		return s.postFollowup
	case p[0] == "webhooks" && n == 5 && p[3] == "messages":
		switch method {
		case "GET":
			return s.getWebhookMessage
		case "PATCH":
			return s.patchWebhookMessage
		case "DELETE":
			return s.deleteWebhookMessage
		}
	case p[0] == "channels" && n == 2 && method == "GET":
		return s.getChannel
	case p[0] == "channels" && n == 3 && at(2) == "messages" && method == "POST":
		return s.postMessage
	case p[0] == "channels" && n == 4 && at(2) == "messages":
		switch method {
		case "GET":
			return s.getMessage
		case "PATCH":
			return s.patchMessage
		}
	}
	return nil
}

// readBody reads a JSON body, or the payload_json and files of a multipart one (discordgo
// sends multipart whenever files are attached).
func readBody(req *request) error {
	r := req.r
	if r.Body == nil {
		return nil
	}
	ct := r.Header.Get("Content-Type")
	mt, params, _ := mime.ParseMediaType(ct)
	if mt != "multipart/form-data" {
		b, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
		if err != nil {
			return fmt.Errorf("read body: %w", err)
		}
		if len(b) > 0 && mt != "application/json" {
			return fmt.Errorf("Content-Type %q with a body, want application/json", ct)
		}
		req.body = b
		return nil
	}
	mr := multipart.NewReader(io.LimitReader(r.Body, maxBody), params["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read multipart body: %w", err)
		}
		b, err := io.ReadAll(part)
		if err != nil {
			return fmt.Errorf("read multipart part: %w", err)
		}
		switch name := part.FormName(); {
		case name == "payload_json":
			req.body = b
		case strings.HasPrefix(name, "files["), name == "file":
			req.files++
		}
	}
}

// bucketOf names a rate-limit bucket the way Discord groups routes: by major parameter.
func bucketOf(method string, p []string) string {
	key := method + " " + p[0]
	if len(p) > 1 && (p[0] == "channels" || p[0] == "webhooks" || p[0] == "interactions") {
		key += "/" + p[1]
	}
	return strconv.FormatUint(fnv32(key), 16)
}

func fnv32(s string) uint64 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return uint64(h)
}

// bucketLimit is what every bucket advertises; the server does not enforce it, but the values
// must parse, because discordgo fails even a 200 whose rate-limit headers do not.
const bucketLimit = 5

func writeRateHeaders(w http.ResponseWriter, bucket string) {
	h := w.Header()
	reset := time.Now().Add(time.Second)
	h.Set("X-RateLimit-Limit", strconv.Itoa(bucketLimit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(bucketLimit-1))
	h.Set("X-RateLimit-Reset", strconv.FormatFloat(float64(reset.UnixMilli())/1000, 'f', 3, 64))
	h.Set("X-RateLimit-Reset-After", "1.000")
	h.Set("X-RateLimit-Bucket", bucket)
}

func writeRateLimited(w http.ResponseWriter, bucket string, after time.Duration, global bool) {
	secs := after.Seconds()
	h := w.Header()
	h.Set("X-RateLimit-Limit", strconv.Itoa(bucketLimit))
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset", strconv.FormatFloat(float64(time.Now().Add(after).UnixMilli())/1000, 'f', 3, 64))
	h.Set("X-RateLimit-Reset-After", strconv.FormatFloat(secs, 'f', 3, 64))
	h.Set("X-RateLimit-Bucket", bucket)
	h.Set("X-RateLimit-Scope", "user")
	if global {
		// A global limit has no bucket: only these say so.
		h.Del("X-RateLimit-Limit")
		h.Del("X-RateLimit-Remaining")
		h.Del("X-RateLimit-Reset")
		h.Del("X-RateLimit-Reset-After")
		h.Del("X-RateLimit-Bucket")
		h.Set("X-RateLimit-Global", "true")
		h.Set("X-RateLimit-Scope", "global")
	}
	h.Set("Retry-After", strconv.Itoa(int(math.Ceil(secs))))
	writeJSON(w, http.StatusTooManyRequests, map[string]any{
		"message":     "You are being rate limited.",
		"retry_after": secs,
		"global":      global,
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the client went away; nothing to tell it
}

func writeError(w http.ResponseWriter, e *restError) {
	writeJSON(w, e.status, e)
}

// decodeBody unmarshals the request body into v, as a 50035 error when it is not valid JSON.
func decodeBody(req *request, v any) *restError {
	if err := json.Unmarshal(req.body, v); err != nil {
		return invalidForm(map[string]any{"_errors": []any{errItem("BASE_TYPE_BAD_REQUEST", err.Error())}})
	}
	return nil
}
