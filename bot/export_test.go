package bot

// WriteBBCArticles lets the external tests share writeBBCArticles.
var WriteBBCArticles = writeBBCArticles
