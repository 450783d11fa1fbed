/// A compact tree of the page's elements and text, built from libxml2's SAX events by ``TreeBuilder``.
///
/// Nodes live in one array in document order (a node's descendants follow it), linked by `Int32`
/// indexes; text lives in one byte buffer, with whitespace already collapsed. Scripts, styles, media and
/// form controls never enter the tree. Building it costs a few array appends per element, far less than
/// libxml2's own tree (a `malloc` per node, attribute and string).
struct DocumentTree {
    struct Node {
        var tag: HTMLTag
        var flags: Flags
        var parent: Int32
        var firstChild: Int32 = -1
        var lastChild: Int32 = -1
        var nextSibling: Int32 = -1
        /// For text nodes: the byte range in ``DocumentTree/text``.
        var textStart: Int32 = 0
        var textEnd: Int32 = 0
        /// Characters (UTF-8 lead bytes, spaces excluded) directly in this text node, or, after
        /// ``ContentScorer`` ran, in this element's subtree outside furniture.
        var chars: Int32 = 0
        /// Of `chars`, those inside links.
        var linkChars: Int32 = 0
        /// Commas (`,`, `，`, `、`) in the text, counted like `chars`.
        var commas: Int32 = 0
        /// Paragraph-like descendants with at least ``ContentScorer/minParagraphChars`` characters.
        var paragraphs: Int32 = 0
        /// List items among the descendants.
        var listItems: Int32 = 0
        /// For elements with a block child: characters (outside links) and commas of the text and inline
        /// elements directly inside, which Readability wraps into a paragraph of their own.
        var looseChars: Int32 = 0
        var looseCommas: Int32 = 0
        /// The Readability-style content score (meaningful when `flags` contains `.scored`).
        var score: Float = 0
    }

    struct Flags: OptionSet {
        let rawValue: UInt16
        /// Class/id/role names say page furniture.
        static let furnitureName = Flags(rawValue: 1 << 0)
        /// Class/id names say content container.
        static let contentName = Flags(rawValue: 1 << 1)
        /// Names (or `itemprop="articleBody"`) say this is the article body.
        static let articleBody = Flags(rawValue: 1 << 2)
        /// Hidden by `hidden`, `aria-hidden` or an inline `display:none`.
        static let hidden = Flags(rawValue: 1 << 3)
        /// Has a block-level child element.
        static let hasBlockChild = Flags(rawValue: 1 << 4)
        /// Inside an `<a href>` (text nodes) or is one (elements).
        static let link = Flags(rawValue: 1 << 5)
        /// Has a content score.
        static let scored = Flags(rawValue: 1 << 6)
        /// Furniture after the wrapper check: excluded from scoring and output.
        static let excluded = Flags(rawValue: 1 << 7)
        /// `role="main"` or `role="article"`.
        static let mainRole = Flags(rawValue: 1 << 8)
        /// Furniture by its tag (`nav`, `aside`, `footer`, `header`, `menu`), as opposed to its names.
        static let furnitureTag = Flags(rawValue: 1 << 9)
        /// schema.org microdata `itemprop="articleBody"`: the page says this element is its article's body.
        static let schemaArticleBody = Flags(rawValue: 1 << 10)
        /// Has the microdata `itemscope` attribute.
        static let itemScope = Flags(rawValue: 1 << 11)
    }

    var nodes: [Node] = []
    var text: [UInt8] = []
    /// The `<title>` text, whitespace-collapsed.
    var title: [UInt8] = []
    /// The `<html lang>` value.
    var language: [UInt8] = []
    /// Index of `<body>`, or -1 (then the whole tree counts as the body).
    var body: Int32 = -1

    mutating func reset() {
        nodes.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
        title.removeAll(keepingCapacity: true)
        language.removeAll(keepingCapacity: true)
        body = -1
    }
}
