/// Reads the intent of an element from its `class` and `id` names: page furniture (`sidebar`,
/// `comment-list`, `share-buttons`, `cookie-banner`) or main content (`article-body`, `entry-content`).
///
/// This is the heuristic every main-text extractor relies on (Readability's positive/negative class
/// weights, trafilatura's discard and body XPaths, jusText's and boilerpipe's use of markup): site
/// builders name their blocks after what they are. The pattern list here is our own, tuned on the
/// ScrapingHub and WCXB development pages (see BENCHMARKS.md, "HTML extraction").
///
/// Matching runs once over the lower-cased names, dispatching on each byte to the few patterns that start
/// with it, so an element costs a few comparisons per name byte and no allocation.
struct ClassNamePatterns: Sendable {
    /// What the names say.
    struct Verdict: Equatable {
        /// Names of furniture: navigation, comments, sharing, related links, ads, cookie notices, ...
        var furniture = false
        /// Names of content containers (`article`, `content`, `post`, `entry`, `story`, `text`, ...).
        var content = false
        /// Names that mark the main article body itself (`article-body`, `entry-content`, `post-content`).
        var articleBody = false
    }

    private enum Category: UInt8 { case furniture, content, articleBody, neutral }

    private struct Pattern {
        var bytes: [UInt8]
        var category: Category
        /// The match must start at a name boundary (start, or after a non-alphanumeric byte).
        var atStart: Bool
        /// The match must end at a name boundary.
        var atEnd: Bool
        /// Boundaries are whole class names (separated by spaces), not parts of names.
        var wholeToken: Bool
    }

    /// A pattern in the flat tables: its bytes are `pool[start ..< start + length]`.
    private struct FlatPattern {
        var start: Int32
        var length: Int32
        var category: Category
        var atStart: Bool
        var atEnd: Bool
        var wholeToken: Bool
    }

    // The patterns live in flat arrays (no array inside an array), so that `classify` runs over unsafe buffers
    // with no reference counting per name byte: `patterns[firstByteStart[b] ..< firstByteStart[b + 1]]` are
    // the patterns whose first byte is `b`, in the order they were added; their bytes are in `pool`.
    private let pool: [UInt8]
    private let patterns: [FlatPattern]
    private let firstByteStart: [Int32]

    static let standard = ClassNamePatterns()

    private init() {
        // Spelled `|word|` = whole word (words end at any non-alphanumeric byte: `main-nav` has the word
        // `nav`), `|word` = word start, `word` = anywhere, `^word$` = a whole class name (`hidden`, but not
        // Drupal's `field--label-hidden`).
        let furniture = [
            "comment", "disqus", "sidebar", "side-bar", "breadcrumb", "newsletter", "subscri", "cookie", "consent",
            "gdpr", "footer", "masthead", "related", "recommend", "outbrain", "taboola", "sponsor", "advert",
            "social", "sharing", "|share", "sharedaddy", "pagination", "|pager", "popup", "modal", "banner",
            "navbar", "navigation", "|nav|", "|nav", "subnav", "|menu", "-menu", "toolbar", "byline", "|author",
            "|tags|", "tag-list", "tagcloud", "tag-cloud", "|meta|", "-meta|", "|meta-", "post-meta", "entry-meta",
            "|skip", "promo", "signup", "sign-up", "|login", "|search", "^hidden$", "^hide$", "^d-none$", "^is-hidden$",
            "sr-only", "screen-reader", "visually-hidden", "visuallyhidden", "teaser", "most-popular",
            "mostpopular", "trending", "more-stories", "read-more", "readmore", "|next-", "|prev-", "|rating",
            "|vote", "|reply", "|ad|", "|ads|", "|ad-", "-ad|", "-ad-", "|ads-", "adsense", "dfp-", "|rss",
            "|print|", "|share-", "|follow", "|widget-area", "|jp-relatedposts", "author-bio", "author-box",
            "about-author", "|bio|", "|caption|", "|credit", "|copyright", "|legal", "|sitemap", "|header|",
            "site-header", "page-header", "|topbar", "top-bar", "|alert", "|notice", "|lightbox", "|overlay",
            "|slider", "carousel", "|gallery", "|thumbnail",
        ]
        let content = [
            "article", "content", "|entry", "|main", "|post|", "|post-", "|post_", "|text|", "story", "|blog",
            "hentry", "h-entry", "|body|", "-body|", "|page-content", "|prose",
        ]
        let articleBody = [
            "articlebody", "article-body", "article_body", "articlebody", "article__body", "article-content",
            "article__content", "article-text", "articletext", "entry-content", "post-content", "postcontent",
            "post-body", "post_content", "post-entry", "post-text", "story-body", "storybody", "story-content",
            "body-text", "bodytext", "main-content", "maincontent", "page-content", "single-content",
            "blog-content", "content-body", "content-main", "field-body", "rich-text", "richtext",
        ]
        // Names that look like furniture but are content ("commentary", "shared-content" stay).
        let neutral = ["commentary", "sharedcontent", "shared-content", "shared_content"]
        var table = [[Pattern]](repeating: [], count: 256)
        func add(_ spelled: String, _ category: Category) {
            var text = Substring(spelled)
            let wholeToken = text.hasPrefix("^")
            let atStart = text.hasPrefix("|") || wholeToken
            if atStart { text = text.dropFirst() }
            let atEnd = text.hasSuffix("|") || text.hasSuffix("$")
            if atEnd { text = text.dropLast() }
            let bytes = Array(text.utf8)
            table[Int(bytes[0])].append(
                Pattern(bytes: bytes, category: category, atStart: atStart, atEnd: atEnd, wholeToken: wholeToken))
        }
        for spelled in neutral { add(spelled, .neutral) }
        for spelled in articleBody { add(spelled, .articleBody) }
        for spelled in furniture { add(spelled, .furniture) }
        for spelled in content { add(spelled, .content) }
        var pool: [UInt8] = []
        var patterns: [FlatPattern] = []
        var firstByteStart: [Int32] = []
        for group in table {
            firstByteStart.append(Int32(patterns.count))
            for pattern in group {
                patterns.append(FlatPattern(
                    start: Int32(pool.count), length: Int32(pattern.bytes.count), category: pattern.category,
                    atStart: pattern.atStart, atEnd: pattern.atEnd, wholeToken: pattern.wholeToken))
                pool += pattern.bytes
            }
        }
        firstByteStart.append(Int32(patterns.count))
        self.pool = pool
        self.patterns = patterns
        self.firstByteStart = firstByteStart
    }

    @inline(__always)
    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80
    }

    /// Whether the word at `index` follows a modifier (`no-`, `not-`, `has-`, `with-`, `without-`).
    private static func isModified(_ names: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index >= 3, names[index - 1] == 0x2D || names[index - 1] == 0x5F else { return false }
        var start = index - 1
        while start > 0, names[start - 1] >= 0x61 && names[start - 1] <= 0x7A { start -= 1 }
        let word = String(decoding: UnsafeBufferPointer(rebasing: names[start..<(index - 1)]), as: UTF8.self)
        return word == "no" || word == "not" || word == "has" || word == "with" || word == "without"
    }

    /// Classifies lower-cased names (class and id joined by a space).
    func classify(_ names: UnsafeBufferPointer<UInt8>) -> Verdict {
        pool.withUnsafeBufferPointer { pool in
            patterns.withUnsafeBufferPointer { patterns in
                firstByteStart.withUnsafeBufferPointer { firstByteStart in
                    Self.classify(names, pool: pool, patterns: patterns, firstByteStart: firstByteStart)
                }
            }
        }
    }

    private static func classify(
        _ names: UnsafeBufferPointer<UInt8>, pool: UnsafeBufferPointer<UInt8>, patterns: UnsafeBufferPointer<FlatPattern>,
        firstByteStart: UnsafeBufferPointer<Int32>
    ) -> Verdict {
        var verdict = Verdict()
        let count = names.count
        var index = 0
        while index < count {
            let first = Int(names[index])
            let lower = Int(firstByteStart[first])
            let upper = Int(firstByteStart[first + 1])
            if lower < upper {
                var skipTo = index + 1
                for candidate in lower..<upper {
                    let pattern = patterns[candidate]
                    let length = Int(pattern.length)
                    guard index + length <= count else { continue }
                    if pattern.wholeToken {
                        if index > 0, names[index - 1] != 0x20 { continue }
                        if index + length < count, names[index + length] != 0x20 { continue }
                    }
                    if pattern.atStart, index > 0, Self.isNameByte(names[index - 1]) { continue }
                    if pattern.atEnd, index + length < count, Self.isNameByte(names[index + length]) { continue }
                    let start = Int(pattern.start)
                    var matches = true
                    for offset in 1..<max(length, 1) where names[index + offset] != pool[start + offset] {
                        matches = false
                        break
                    }
                    guard matches else { continue }
                    switch pattern.category {
                    case .furniture:
                        // `has-sidebar`, `no-comments`, `wsite-not-footer` describe a page or its neighbours.
                        if !Self.isModified(names, at: index) { verdict.furniture = true }
                    case .content: verdict.content = true
                    case .articleBody:
                        verdict.articleBody = true
                        verdict.content = true
                    case .neutral:
                        // Jump over the whole neutral word so its furniture-looking prefix does not match.
                        skipTo = max(skipTo, index + length)
                    }
                    if pattern.category == .neutral { break }
                }
                index = skipTo
                continue
            }
            index += 1
        }
        return verdict
    }
}
