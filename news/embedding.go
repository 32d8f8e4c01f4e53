package news

// Embedding is an article's semantic vector under one embeddings model.
type Embedding struct {
	ArticleID int64
	// InputHash identifies the text that was embedded (title and lead):
	// a vector whose hash no longer matches the article's text is stale.
	InputHash string
	Vector    []float32
}
