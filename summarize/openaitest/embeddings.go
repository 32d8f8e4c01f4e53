package openaitest

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"hash/fnv"
	"math"
	"net/http"
	"strings"
	"unicode"
)

// EmbeddingRequest is one embeddings request as the server received it,
// its input as a list of texts whether it came as one string or several.
type EmbeddingRequest struct {
	Model          string
	Input          []string
	EncodingFormat string
	Dimensions     int
}

// DefaultDimensions is the length of the vectors the server returns when
// the request names no dimensions.
const DefaultDimensions = 256

// SetEmbedder replaces the default embedder (ConceptVector), which makes
// the vector of each input text for calls that have no queued behaviour.
func (s *Server) SetEmbedder(f func(text string, dims int) []float32) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.embedder = f
}

// EmbeddingsStatus queues, for the next embeddings call, a response with
// the given status code, headers and body (as Status does for chat).
func (s *Server) EmbeddingsStatus(code int, header http.Header, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.embedScript = append(s.embedScript, behaviour{kind: kindStatus, code: code, header: header.Clone(), text: body})
}

// EmbeddingsHang queues an embeddings call that never answers.
func (s *Server) EmbeddingsHang() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.embedScript = append(s.embedScript, behaviour{kind: kindHang})
}

// EmbeddingRequests returns the well-formed embeddings requests received
// so far, in order of arrival.
func (s *Server) EmbeddingRequests() []EmbeddingRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]EmbeddingRequest(nil), s.embedRequests...)
}

// EmbeddingCalls counts every request that reached the embeddings
// endpoint, rejected ones included.
func (s *Server) EmbeddingCalls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.embedCalls
}

func (s *Server) handleEmbeddings(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.embedCalls++
	s.mu.Unlock()
	body, ok := s.admit(w, r)
	if !ok {
		return
	}
	var raw struct {
		Model          string          `json:"model"`
		Input          json.RawMessage `json:"input"`
		EncodingFormat string          `json:"encoding_format"`
		Dimensions     int             `json:"dimensions"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "invalid_json",
			"We could not parse the JSON body of your request.")
		return
	}
	req := EmbeddingRequest{Model: raw.Model, EncodingFormat: raw.EncodingFormat, Dimensions: raw.Dimensions}
	var one string
	inputOK := json.Unmarshal(raw.Input, &one) == nil
	if inputOK {
		req.Input = []string{one}
	} else {
		inputOK = json.Unmarshal(raw.Input, &req.Input) == nil
	}
	switch {
	case req.Model == "":
		writeError(w, http.StatusBadRequest, "invalid_request_error", "model", "missing_required_parameter",
			"you must provide a model parameter")
		return
	case !inputOK || len(req.Input) == 0 || len(req.Input) > 2048:
		writeError(w, http.StatusBadRequest, "invalid_request_error", "input", "invalid_value",
			"'input' must be a string or an array of 1 to 2048 strings.")
		return
	case req.EncodingFormat != "" && req.EncodingFormat != "float" && req.EncodingFormat != "base64":
		writeError(w, http.StatusBadRequest, "invalid_request_error", "encoding_format", "invalid_value",
			"'encoding_format' must be float or base64.")
		return
	}
	s.mu.Lock()
	s.embedRequests = append(s.embedRequests, req)
	embedder := s.embedder
	var b behaviour
	queued := len(s.embedScript) > 0
	if queued {
		b, s.embedScript = s.embedScript[0], s.embedScript[1:]
	}
	s.mu.Unlock()
	if !s.wait(r) {
		return
	}
	if !queued {
		b = behaviour{kind: kindReply}
	}
	s.behave(w, r, b, func() { writeEmbeddings(w, req, embedder) })
}

func writeEmbeddings(w http.ResponseWriter, req EmbeddingRequest, embedder func(string, int) []float32) {
	dims := req.Dimensions
	if dims <= 0 {
		dims = DefaultDimensions
	}
	data := make([]map[string]any, len(req.Input))
	tokens := 0
	for i, text := range req.Input {
		v := embedder(text, dims)
		var e any = v
		if req.EncodingFormat == "base64" {
			b := make([]byte, 4*len(v))
			for k, x := range v {
				binary.LittleEndian.PutUint32(b[4*k:], math.Float32bits(x))
			}
			e = base64.StdEncoding.EncodeToString(b)
		}
		data[i] = map[string]any{"object": "embedding", "index": i, "embedding": e}
		tokens += Tokens(text)
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"object": "list",
		"data":   data,
		"model":  req.Model,
		"usage":  map[string]any{"prompt_tokens": tokens, "total_tokens": tokens},
	})
}

// concepts maps words to a word of the same meaning, so that reports of
// one event in other words get close vectors, as a real embeddings model
// would give them; tests build their texts from these.
var concepts = map[string]string{
	"quake": "earthquake", "tremor": "earthquake", "temblor": "earthquake",
	"blaze": "fire", "inferno": "fire", "wildfire": "fire",
	"dead": "killed", "died": "killed", "death": "killed", "fatalities": "killed", "kill": "killed", "killing": "killed",
	"scores": "dozen", "harbour": "port", "harbor": "port", "struck": "hit", "shook": "hit",
	"vote": "election", "ballot": "election", "poll": "election",
	"automaker": "carmaker", "ceo": "chief", "boss": "chief",
	"unveils": "launch", "unveiled": "launch", "introduces": "launch", "debuts": "launch", "launches": "launch",
	"sacked": "fired", "dismissed": "fired", "ousted": "fired",
}

// stopWords carry no meaning a vector should keep.
var stopWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "in": true, "on": true,
	"at": true, "to": true, "and": true, "or": true, "is": true, "was": true, "for": true, "by": true,
	"with": true, "as": true, "its": true, "it": true, "has": true, "have": true, "after": true}

// ConceptVector is the default embedder: a deterministic stand-in for an
// embeddings model. Each word, lower-cased, with a plural s dropped and
// mapped to its concept (quake, tremor → earthquake; blaze → fire…), is
// hashed to a dimension and a sign; the counts are L2-normalised.
func ConceptVector(text string, dims int) []float32 {
	v := make([]float32, dims)
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for _, w := range words {
		if c, ok := concepts[w]; ok {
			w = c
		} else if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-1]
			if c, ok := concepts[w]; ok {
				w = c
			}
		}
		if stopWords[w] {
			continue
		}
		h := fnv.New64a()
		_, _ = h.Write([]byte(w))
		x := h.Sum64()
		sign := float32(1)
		if x>>63 == 1 {
			sign = -1
		}
		v[x%uint64(dims)] += sign
	}
	var norm float64
	for _, x := range v {
		norm += float64(x) * float64(x)
	}
	if norm > 0 {
		n := float32(math.Sqrt(norm))
		for i := range v {
			v[i] /= n
		}
	}
	return v
}
