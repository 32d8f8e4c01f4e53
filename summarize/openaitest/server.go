// Package openaitest runs a local server that speaks the OpenAI chat
// completions and embeddings wire formats, for tests of anything that
// summarizes or embeds through an OpenAI-compatible API. By default it
// answers like a faithful model: it returns the first sentences of the
// text between the prompt's article delimiters, and deterministic vectors
// (see ConceptVector). Tests queue other behaviours (a scripted reply, an
// HTTP error, a hang, a connection dropped mid-body) for the next calls.
package openaitest

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Message is one chat message as the server received it.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// Request is one chat completion request as the server received it.
type Request struct {
	Model               string    `json:"model"`
	Messages            []Message `json:"messages"`
	MaxTokens           int       `json:"max_tokens"`
	MaxCompletionTokens int       `json:"max_completion_tokens"`
	Stream              bool      `json:"stream"`
}

// System returns the content of the request's system messages.
func (r Request) System() string { return r.join("system") }

// User returns the content of the request's user messages.
func (r Request) User() string { return r.join("user") }

func (r Request) join(role string) string {
	var parts []string
	for _, m := range r.Messages {
		if m.Role == role {
			parts = append(parts, m.Content)
		}
	}
	return strings.Join(parts, "\n")
}

type kind int

const (
	kindReply kind = iota
	kindStatus
	kindHang
	kindCloseMidBody
)

type behaviour struct {
	kind   kind
	text   string
	code   int
	header http.Header
}

// Server is a fake OpenAI chat completions endpoint. Its methods are safe
// for concurrent use.
type Server struct {
	// URL is the server's root, e.g. http://127.0.0.1:1234; an OpenAI
	// client takes BaseURL(), which is URL + "/v1".
	URL string

	srv  *httptest.Server
	key  string
	done chan struct{}

	mu        sync.Mutex
	script    []behaviour
	requests  []Request
	calls     int
	inFlight  int
	maxFlight int
	latency   time.Duration
	responder func(Request) string
	closeOnce sync.Once

	embedder      func(string, int) []float32
	embedScript   []behaviour
	embedRequests []EmbeddingRequest
	embedCalls    int
}

// Option configures a Server.
type Option func(*Server)

// WithAPIKey makes the server require "Authorization: Bearer <key>" and
// answer other requests with a 401, as OpenAI does. Without it any key, or
// none, is accepted.
func WithAPIKey(key string) Option { return func(s *Server) { s.key = key } }

// NewServer starts a server, closed when tb's test ends (when tb is nil,
// the caller closes it).
func NewServer(tb testing.TB, opts ...Option) *Server {
	s := &Server{done: make(chan struct{}), responder: Faithful, embedder: ConceptVector}
	for _, o := range opts {
		o(s)
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.handle))
	s.URL = s.srv.URL
	if tb != nil {
		tb.Cleanup(s.Close)
	}
	return s
}

// BaseURL is what an OpenAI client takes as its base URL: URL + "/v1".
func (s *Server) BaseURL() string { return s.srv.URL + "/v1" }

// Close releases hanging requests and shuts the server down. It may be
// called more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
		s.srv.CloseClientConnections()
		s.srv.Close()
	})
}

// Reply queues a 200 response whose message content is text.
func (s *Server) Reply(text string) { s.push(behaviour{kind: kindReply, text: text}) }

// Status queues a response with the given status code, headers and body
// (sent as is; a body starting with "{" gets Content-Type application/json
// unless header sets one).
func (s *Server) Status(code int, header http.Header, body string) {
	s.push(behaviour{kind: kindStatus, code: code, header: header.Clone(), text: body})
}

// Hang queues a call that never answers: the handler holds the request
// until the client goes away or the server is closed.
func (s *Server) Hang() { s.push(behaviour{kind: kindHang}) }

// CloseMidBody queues a call that sends the headers of a 200 JSON response
// and the start of its body, then drops the connection.
func (s *Server) CloseMidBody() { s.push(behaviour{kind: kindCloseMidBody}) }

// SetLatency makes every later call wait d before it is answered (or until
// the client goes away).
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// SetResponder replaces the default responder (Faithful), which writes the
// reply content for calls that have no queued behaviour.
func (s *Server) SetResponder(f func(Request) string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.responder = f
}

// Requests returns the well-formed chat completion requests received so
// far, in order of arrival.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Calls counts every request that reached the chat completions endpoint,
// rejected ones included.
func (s *Server) Calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

// MaxInFlight is the largest number of chat completion calls the server
// was handling at the same time.
func (s *Server) MaxInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxFlight
}

func (s *Server) push(b behaviour) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.script = append(s.script, b)
}

func (s *Server) next() (behaviour, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.script) == 0 {
		return behaviour{}, false
	}
	b := s.script[0]
	s.script = s.script[1:]
	return b, true
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/v1/chat/completions":
		s.handleChat(w, r)
	case "/v1/embeddings":
		s.handleEmbeddings(w, r)
	default:
		writeError(w, http.StatusNotFound, "invalid_request_error", "", "unknown_url",
			fmt.Sprintf("Invalid URL (%s %s)", r.Method, r.URL.Path))
	}
}

func (s *Server) handleChat(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.calls++
	s.inFlight++
	s.maxFlight = max(s.maxFlight, s.inFlight)
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}()
	body, ok := s.admit(w, r)
	if !ok {
		return
	}
	var req Request
	err := json.Unmarshal(body, &req)
	switch {
	case err != nil:
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "invalid_json",
			"We could not parse the JSON body of your request.")
		return
	case req.Model == "":
		writeError(w, http.StatusBadRequest, "invalid_request_error", "model", "missing_required_parameter",
			"you must provide a model parameter")
		return
	case len(req.Messages) == 0:
		writeError(w, http.StatusBadRequest, "invalid_request_error", "messages", "empty_array",
			"Invalid 'messages': empty array. Expected an array with minimum length 1.")
		return
	case req.Stream:
		writeError(w, http.StatusBadRequest, "invalid_request_error", "stream", "unsupported_value",
			"streaming is not supported by this test server")
		return
	}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	responder := s.responder
	s.mu.Unlock()
	if !s.wait(r) {
		return
	}
	b, ok := s.next()
	if !ok {
		b = behaviour{kind: kindReply, text: responder(req)}
	}
	s.behave(w, r, b, func() { writeCompletion(w, req, b.text) })
}

// admit checks what every endpoint checks (method, key, content type)
// and reads the body; on false the error response is written.
func (s *Server) admit(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeError(w, http.StatusMethodNotAllowed, "invalid_request_error", "", "method_not_allowed",
			"Method not allowed; use POST.")
		return nil, false
	}
	if s.key != "" && r.Header.Get("Authorization") != "Bearer "+s.key {
		writeError(w, http.StatusUnauthorized, "invalid_request_error", "", "invalid_api_key",
			"Incorrect API key provided.")
		return nil, false
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, "invalid_request_error", "", "unsupported_media_type",
			"Content-Type must be application/json.")
		return nil, false
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 16<<20))
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "invalid_json",
			"We could not read the body of your request.")
		return nil, false
	}
	return body, true
}

// wait holds the call for the server's latency; false when the client
// went away or the server closed meanwhile.
func (s *Server) wait(r *http.Request) bool {
	s.mu.Lock()
	latency := s.latency
	s.mu.Unlock()
	if latency <= 0 {
		return true
	}
	select {
	case <-time.After(latency):
		return true
	case <-r.Context().Done():
	case <-s.done:
	}
	return false
}

// behave carries out b; reply writes a kindReply's success response.
func (s *Server) behave(w http.ResponseWriter, r *http.Request, b behaviour, reply func()) {
	switch b.kind {
	case kindReply:
		reply()
	case kindStatus:
		for k, v := range b.header {
			w.Header()[k] = v
		}
		if w.Header().Get("Content-Type") == "" {
			ct := "text/plain; charset=utf-8"
			if strings.HasPrefix(strings.TrimSpace(b.text), "{") {
				ct = "application/json"
			} else if strings.HasPrefix(strings.TrimSpace(b.text), "<") {
				ct = "text/html; charset=utf-8"
			}
			w.Header().Set("Content-Type", ct)
		}
		w.WriteHeader(b.code)
		_, _ = io.WriteString(w, b.text)
	case kindHang:
		select {
		case <-r.Context().Done():
		case <-s.done:
		}
	case kindCloseMidBody:
		closeMidBody(w)
	}
}

// closeMidBody promises a body it never finishes, as a proxy or server
// that dies mid-response does.
func closeMidBody(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("openaitest: response writer cannot be hijacked")
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	partial := `{"id":"chatcmpl-cut","object":"chat.completion","choices":[{"index":0,"message":{"role":"assis`
	fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		len(partial)+200, partial)
	_ = buf.Flush()
}

// writeError writes OpenAI's error envelope.
func writeError(w http.ResponseWriter, code int, typ, param, errCode, msg string) {
	var p any
	if param != "" {
		p = param
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{
		"message": msg, "type": typ, "param": p, "code": errCode,
	}})
}

func writeCompletion(w http.ResponseWriter, req Request, content string) {
	prompt := 0
	for _, m := range req.Messages {
		prompt += 4 + Tokens(m.Content)
	}
	completion := Tokens(content) + 1
	resp := map[string]any{
		"id":      "chatcmpl-" + strconv.FormatInt(time.Now().UnixNano(), 36),
		"object":  "chat.completion",
		"created": time.Now().Unix(),
		"model":   req.Model,
		"choices": []map[string]any{{
			"index":         0,
			"message":       map[string]any{"role": "assistant", "content": content},
			"logprobs":      nil,
			"finish_reason": "stop",
		}},
		"usage": map[string]any{
			"prompt_tokens":     prompt,
			"completion_tokens": completion,
			"total_tokens":      prompt + completion,
		},
		"system_fingerprint": "fp_openaitest",
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

// Tokens estimates the tokens of text as OpenAI's rule of thumb does:
// about four characters each.
func Tokens(text string) int { return (len(text) + 3) / 4 }

var (
	blockRe = regexp.MustCompile(`(?s)<<<(ARTICLE|STORY)[^\n]*\n(.*?)\n(ARTICLE|STORY)>>>`)
	countRe = regexp.MustCompile(`(?i)\bwrite (\d+) plain sentences?`)
)

// Faithful is the default responder: the first N sentences of the text
// between the prompt's <<<ARTICLE … ARTICLE>>> (or <<<STORY … STORY>>>)
// delimiters, N parsed from "write N plain sentences" in the prompt or 2.
// Header lines ("Title: …", "Source: …", "---") inside a block are skipped.
func Faithful(req Request) string {
	all := req.System() + "\n" + req.User()
	n := 2
	if m := countRe.FindStringSubmatch(all); m != nil {
		if v, err := strconv.Atoi(m[1]); err == nil && v > 0 {
			n = v
		}
	}
	var text []string
	for _, m := range blockRe.FindAllStringSubmatch(req.User(), -1) {
		for _, line := range strings.Split(m[2], "\n") {
			t := strings.TrimSpace(line)
			if t == "---" || strings.HasPrefix(t, "Title:") || strings.HasPrefix(t, "Source:") {
				continue
			}
			text = append(text, t)
		}
	}
	sents := splitSentences(strings.Join(text, " "))
	return strings.Join(sents[:min(n, len(sents))], " ")
}

// splitSentences is a plain splitter: after ".", "!" or "?" followed by a
// space and an uppercase letter or a digit.
func splitSentences(text string) []string {
	var out []string
	fields := strings.Fields(text)
	start := 0
	for i, f := range fields {
		last := f[len(f)-1]
		if (last == '.' || last == '!' || last == '?') && i+1 < len(fields) {
			c := fields[i+1][0]
			if 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80 {
				out = append(out, strings.Join(fields[start:i+1], " "))
				start = i + 1
			}
		}
	}
	if start < len(fields) {
		out = append(out, strings.Join(fields[start:], " "))
	}
	return out
}
