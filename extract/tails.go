package extract

import "strings"

// Tail headings head a block of links to other stories, which ends the
// article ("Related stories", "More from BBC News", "Leia também").

var (
	// strongTails are headings (as words joined by one space) that always
	// start a block of other stories, as are strongTailPrefixes followed by
	// more words ("More from BBC News").
	strongTails = setOf(
		"related article", "related articles", "related stories", "related story", "related coverage",
		"related content", "related news", "related links", "related posts", "related reading",
		"related topics", "related video", "related videos",
		"more stories", "more news", "more articles", "more headlines", "more top stories",
		"more like this", "more to explore",
		"you may like", "you may enjoy", "you may be interested in",
		"you may also like", "you may also enjoy", "you may also be interested in",
		"you might like", "you might enjoy", "you might be interested in",
		"you might also like", "you might also enjoy", "you might also be interested in",
		"you may have missed",
		"recommended", "recommended for you", "recommended stories", "recommended articles",
		"recommended reading", "recommended videos",
		"most read", "most popular", "most viewed", "most shared", "most watched",
		"trending", "trending now", "trending stories", "trending news",
		"also read", "see also", "top stories", "latest news", "latest stories", "latest headlines",
		"what to read next", "read next", "up next", "editor's picks", "further reading",
		"around the web", "from around the web",
		"sponsored content", "sponsored stories", "sponsored links", "promoted stories", "promoted content",
		"don't miss",
		// The same in the languages news pages are most often written in.
		"leia também", "veja também", "notícias relacionadas", "artigos relacionados", "posts relacionados",
		"matérias relacionadas", "mais lidas", "mais lidos", "você também pode gostar",
		"lee también", "te puede interesar", "también te puede interesar", "noticias relacionadas",
		"artículos relacionados", "lo más leído", "más leídas", "más leídos", "te recomendamos",
		"à lire aussi", "lire aussi", "sur le même sujet", "articles similaires", "les plus lus", "voir aussi",
		"mehr zum thema", "das könnte sie auch interessieren", "lesen sie auch", "meistgelesen", "ähnliche artikel",
		"leggi anche", "articoli correlati", "potrebbe interessarti", "i più letti",
		"baca juga", "artikel terkait", "berita terkait", "berita lainnya", "artikel lainnya", "terpopuler",
		"читайте также", "похожие статьи", "похожие записи", "похожие новости", "смотрите также",
		"самые популярные", "関連記事", "人気記事", "おすすめ記事", "あわせて読みたい",
		"相关文章", "相关新闻", "热门文章", "推荐阅读", "相關文章", "相關新聞", "관련기사", "많이 본 뉴스",
	)
	strongTailPrefixes = []string{"more from ", "more on ", "more in ", "more about ", "elsewhere on ", "самые популярные "}
	// weakTails may also be a button inside the article, so they cut only
	// what is no longer than the text before them.
	weakTails = setOf("related", "read more", "more", "read also")
)

// tailHeading reports whether a line l, whose key (see appendKey) has n
// words, heads a block of links to other stories, and whether it is strong
// (see strongTails).
func tailHeading(l string, key []byte, n int) (heading, strong bool) {
	if len(l) > 100 || strings.HasSuffix(l, ".") || n == 0 || n > 8 {
		return false, false
	}
	if strongTails[string(key)] {
		return true, true
	}
	for _, p := range strongTailPrefixes {
		if len(key) > len(p) && string(key[:len(p)]) == p {
			return true, true
		}
	}
	return weakTails[string(key)], false
}
