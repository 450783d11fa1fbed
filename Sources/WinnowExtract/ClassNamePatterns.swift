/// Reads the intent of an element from its `class` and `id` names: page furniture (`sidebar`,
/// `comment-list`, `share-buttons`, `cookie-banner`) or main content (`article-body`, `entry-content`).
///
/// This is the heuristic every main-text extractor relies on (Readability's positive/negative class
/// weights, trafilatura's discard and body XPaths, jusText's and boilerpipe's use of markup): site
/// builders name their blocks after what they are. The pattern list here is our own, tuned on the
/// ScrapingHub and WCXB development pages (see BENCHMARKS.md, "HTML extraction").
///
/// Matching is one pass of an Aho–Corasick automaton (``ByteAutomaton``) over the lower-cased names: one
/// table read per name byte, and the boundary rules checked only where a pattern ends. No allocation.
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

    /// What a pattern needs besides its bytes, and what it says.
    private struct Rule {
        var length: Int32
        var category: Category
        /// The match must start at a name boundary (start, or after a non-alphanumeric byte).
        var atStart: Bool
        /// The match must end at a name boundary.
        var atEnd: Bool
        /// Boundaries are whole class names (separated by spaces), not parts of names.
        var wholeToken: Bool
        /// The pattern can start inside a neutral word, so a match must be checked against them.
        var mayStartInNeutral: Bool
    }

    /// The furniture, content and article-body patterns; match `i` is `rules[i]`.
    private let automaton: ByteAutomaton
    private let rules: [Rule]
    /// Words that look like furniture but are content ("commentary", "shared-content"): no pattern match
    /// starting inside one counts.
    private let neutralWords: [[UInt8]]

    static let standard = ClassNamePatterns()

    // The spelled patterns (internal: the tests check the automaton against a plain scan of them).
    // Spelled `|word|` = whole word (words end at any non-alphanumeric byte: `main-nav` has the word
    // `nav`), `|word` = word start, `word` = anywhere, `^word$` = a whole class name (`hidden`, but not
    // Drupal's `field--label-hidden`).
    static let furniture = [
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
    static let content = [
        "article", "content", "|entry", "|main", "|post|", "|post-", "|post_", "|text|", "story", "|blog",
        "hentry", "h-entry", "|body|", "-body|", "|page-content", "|prose",
    ]
    static let articleBody = [
        "articlebody", "article-body", "article_body", "articlebody", "article__body", "article-content",
        "article__content", "article-text", "articletext", "entry-content", "post-content", "postcontent",
        "post-body", "post_content", "post-entry", "post-text", "story-body", "storybody", "story-content",
        "body-text", "bodytext", "main-content", "maincontent", "page-content", "single-content",
        "blog-content", "content-body", "content-main", "field-body", "rich-text", "richtext",
    ]
    // Names that look like furniture but are content ("commentary", "shared-content" stay).
    static let neutral = ["commentary", "sharedcontent", "shared-content", "shared_content"]

    /// A pattern as spelled in the lists: `^word` a whole token, `|word` at a token's start, `word|` or `word$` at
    /// its end; returns the bytes and those three flags.
    static func parse(_ spelled: String) -> (bytes: [UInt8], atStart: Bool, atEnd: Bool, wholeToken: Bool) {
        var text = Substring(spelled)
        let wholeToken = text.hasPrefix("^")
        let atStart = text.hasPrefix("|") || wholeToken
        if atStart { text = text.dropFirst() }
        let atEnd = text.hasSuffix("|") || text.hasSuffix("$")
        if atEnd { text = text.dropLast() }
        return (Array(text.utf8), atStart, atEnd, wholeToken)
    }

    private init() {
        var patterns: [[UInt8]] = []
        var rules: [Rule] = []
        var neutralWords: [[UInt8]] = []
        func add(_ spelled: String, _ category: Category) {
            let (bytes, atStart, atEnd, wholeToken) = Self.parse(spelled)
            precondition(!bytes.isEmpty, "ClassNamePatterns: empty pattern \(spelled)")
            if category == .neutral {
                precondition(!atStart && !atEnd, "ClassNamePatterns: neutral words have no boundaries: \(spelled)")
                neutralWords.append(bytes)
                return
            }
            patterns.append(bytes)
            rules.append(Rule(
                length: Int32(bytes.count), category: category, atStart: atStart, atEnd: atEnd, wholeToken: wholeToken,
                mayStartInNeutral: false))
        }
        for spelled in Self.neutral { add(spelled, .neutral) }
        for spelled in Self.articleBody { add(spelled, .articleBody) }
        for spelled in Self.furniture { add(spelled, .furniture) }
        for spelled in Self.content { add(spelled, .content) }
        // A neutral word hides the matches that start inside it (the word is jumped over as a whole). That is
        // only well defined, and only checked per match below, if two neutral words can never overlap.
        for first in neutralWords {
            for second in neutralWords {
                for shift in 0..<first.count where !(shift == 0 && first == second) {
                    precondition(
                        !Self.agree(first, at: shift, with: second),
                        "ClassNamePatterns: neutral words \(first) and \(second) can overlap")
                }
            }
        }
        for index in rules.indices {
            rules[index].mayStartInNeutral = neutralWords.contains { word in
                (0..<word.count).contains { Self.agree(word, at: $0, with: patterns[index]) }
            }
        }
        self.automaton = ByteAutomaton(patterns)
        self.rules = rules
        self.neutralWords = neutralWords
    }

    /// Whether `other` placed at `shift` in `word` agrees with it on the bytes they share.
    private static func agree(_ word: [UInt8], at shift: Int, with other: [UInt8]) -> Bool {
        let shared = min(word.count - shift, other.count)
        for offset in 0..<shared where word[shift + offset] != other[offset] { return false }
        return true
    }

    @inline(__always)
    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80
    }

    /// Whether `names[start ..< start + literal.count]` is `literal`.
    @inline(__always)
    private static func equals(_ names: UnsafeBufferPointer<UInt8>, _ start: Int, _ literal: StaticString) -> Bool {
        let bytes = literal.utf8Start
        for offset in 0..<literal.utf8CodeUnitCount where names[start + offset] != bytes[offset] { return false }
        return true
    }

    /// Whether the word at `index` follows a modifier (`no-`, `not-`, `has-`, `with-`, `without-`).
    private static func isModified(_ names: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index >= 3, names[index - 1] == 0x2D || names[index - 1] == 0x5F else { return false }
        var start = index - 1
        while start > 0, names[start - 1] >= 0x61 && names[start - 1] <= 0x7A { start -= 1 }
        switch index - 1 - start {
        case 2: return equals(names, start, "no")
        case 3: return equals(names, start, "not") || equals(names, start, "has")
        case 4: return equals(names, start, "with")
        case 7: return equals(names, start, "without")
        default: return false
        }
    }

    /// Whether position `index` of `names` lies inside an occurrence of a neutral word.
    private func isInsideNeutralWord(_ names: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        for word in neutralWords {
            let length = word.count
            var start = max(0, index - length + 1)
            while start <= index, start + length <= names.count {
                var offset = 0
                while offset < length, names[start + offset] == word[offset] { offset += 1 }
                if offset == length { return true }
                start += 1
            }
        }
        return false
    }

    /// Classifies lower-cased names (class and id joined by a space).
    func classify(_ names: UnsafeBufferPointer<UInt8>) -> Verdict {
        automaton.columns.withUnsafeBufferPointer { columns in
            automaton.transitions.withUnsafeBufferPointer { transitions in
                rules.withUnsafeBufferPointer { rules in
                    classify(names, columns: columns, transitions: transitions, rules: rules)
                }
            }
        }
    }

    private func classify(
        _ names: UnsafeBufferPointer<UInt8>, columns: UnsafeBufferPointer<UInt8>, transitions: UnsafeBufferPointer<UInt16>,
        rules: UnsafeBufferPointer<Rule>
    ) -> Verdict {
        var verdict = Verdict()
        let count = names.count
        let columnCount = automaton.columnCount
        let firstOutputState = automaton.firstOutputState
        var state = 0
        var end = 0
        while end < count {
            state = Int(transitions[state &* columnCount &+ Int(columns[Int(names[end])])])
            end += 1
            guard state >= firstOutputState else { continue }
            let slot = state - firstOutputState
            for match in Int(automaton.outputStart[slot])..<Int(automaton.outputStart[slot + 1]) {
                let rule = rules[Int(automaton.outputPatterns[match])]
                let start = end - Int(rule.length)
                if rule.wholeToken {
                    if start > 0, names[start - 1] != 0x20 { continue }
                    if end < count, names[end] != 0x20 { continue }
                }
                if rule.atStart, start > 0, Self.isNameByte(names[start - 1]) { continue }
                if rule.atEnd, end < count, Self.isNameByte(names[end]) { continue }
                if rule.mayStartInNeutral, isInsideNeutralWord(names, start) { continue }
                switch rule.category {
                case .furniture:
                    // `has-sidebar`, `no-comments`, `wsite-not-footer` describe a page or its neighbours.
                    if !Self.isModified(names, at: start) { verdict.furniture = true }
                case .content: verdict.content = true
                case .articleBody:
                    verdict.articleBody = true
                    verdict.content = true
                case .neutral: break
                }
            }
            if verdict.furniture && verdict.articleBody { break }  // nothing left to learn
        }
        return verdict
    }
}
