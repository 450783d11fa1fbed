/// Finds the main content of a ``DocumentTree``: decides which furniture to exclude, sums text and link
/// characters per element, scores paragraphs into their ancestors and picks the top candidate with its
/// related siblings.
///
/// The scoring follows Readability's well-documented scheme (Arc90, now Mozilla's Readability.js): every
/// paragraph of at least ``minParagraphChars`` characters is worth `1 + commas + min(chars / 100, 3)`
/// points; it gives them in full to its parent, half to its grandparent and `1 / (3 · level)` to the
/// ancestors above, up to ``ancestorLevels`` levels. An element starts from a base that depends on its tag
/// (`div` +5, `td`/`pre`/`blockquote` +3, lists and forms −3, headings −5) plus ±25 for content or
/// furniture class names, and its final score is multiplied by `1 − link density`, where link density is
/// the share of its characters inside links. Siblings of the winner that score at least a fifth of it
/// (or are clean paragraphs) join it, which recovers articles split across sibling containers.
///
/// Furniture (navigation, comments, sharing, ...; see ``ClassNamePatterns``) is excluded from all of this,
/// except where its "furniture" name sits on a wrapper of most of the page or of an explicit article
/// marker (`<article>`, `<main>`, `itemprop="articleBody"`, `role="main"`): site builders do name the page
/// wrapper `has-sidebar` or `page-with-comments`.
struct ContentScorer {
    static let minParagraphChars: Int32 = 25
    static let ancestorLevels = 5
    /// Fewest paragraphs in a `<header>` or `<nav>` that swallowed the page (a page that is all menu has none).
    static let swallowedParagraphs: Int32 = 3

    /// Characters of the subtree ignoring exclusions (used by the wrapper check).
    private var rawChars: [Int32] = []
    private var containsMarker: [Bool] = []
    /// `<p>` elements of at least ``minParagraphChars`` characters in the subtree, ignoring exclusions.
    private var rawProse: [Int32] = []

    /// Runs all passes over `tree` and returns the selected top-level content nodes, in document order.
    ///
    /// With `excludingFurniture` false, class, id and role names are ignored, only furniture tags and hidden
    /// elements are excluded (the fallback when trusting names left next to nothing: some sites name their
    /// content `region-sub-menu`).
    mutating func select(in tree: inout DocumentTree, excludingFurniture: Bool = true) -> [Int32] {
        let count = tree.nodes.count
        guard count > 1 else { return [] }
        resetDerived(&tree)
        if !excludingFurniture {
            // Names are not trusted this time, for scoring and cleaning either.
            tree.nodes.withUnsafeMutableBufferPointer { nodes in
                for index in nodes.indices where !nodes[index].flags.contains(.furnitureTag) {
                    nodes[index].flags.remove(.furnitureName)
                }
            }
        }
        computeRawSums(tree)
        markExclusions(&tree, trustingNames: excludingFurniture)
        computeEffectiveSums(&tree)
        scoreParagraphs(&tree)
        return pickCandidates(tree)
    }

    // MARK: Passes

    /// Clears what an earlier run of the passes derived, so that they can run again.
    private func resetDerived(_ tree: inout DocumentTree) {
        tree.nodes.withUnsafeMutableBufferPointer { nodes in
            for index in nodes.indices {
                nodes[index].flags.subtract([.scored, .excluded])
                nodes[index].score = 0
                nodes[index].linkChars = 0
                nodes[index].paragraphs = 0
                nodes[index].listItems = 0
                nodes[index].looseChars = 0
                nodes[index].looseCommas = 0
                if nodes[index].tag != .text {
                    nodes[index].chars = 0
                    nodes[index].commas = 0
                }
            }
        }
    }

    /// Reverse pass: raw subtree characters and whether an explicit article marker is inside.
    private mutating func computeRawSums(_ tree: DocumentTree) {
        let count = tree.nodes.count
        rawChars.removeAll(keepingCapacity: true)
        rawChars.append(contentsOf: repeatElement(0, count: count))
        containsMarker.removeAll(keepingCapacity: true)
        containsMarker.append(contentsOf: repeatElement(false, count: count))
        rawProse.removeAll(keepingCapacity: true)
        rawProse.append(contentsOf: repeatElement(0, count: count))
        tree.nodes.withUnsafeBufferPointer { nodes in
            rawChars.withUnsafeMutableBufferPointer { chars in
                containsMarker.withUnsafeMutableBufferPointer { marker in
                    rawProse.withUnsafeMutableBufferPointer { prose in
                        var index = count - 1
                        while index > 0 {
                            // Descendants come after a node, so its sums are complete when the pass reaches it.
                            let node = nodes[index]
                            if node.tag == .text { chars[index] = node.chars }
                            if Self.isMarker(node) { marker[index] = true }
                            if node.tag == .p, chars[index] >= Self.minParagraphChars { prose[index] += 1 }
                            let parent = Int(node.parent)
                            chars[parent] += chars[index]
                            prose[parent] += prose[index]
                            if marker[index] { marker[parent] = true }
                            index -= 1
                        }
                    }
                }
            }
        }
    }

    private static func isMarker(_ node: DocumentTree.Node) -> Bool {
        node.tag == .article || node.tag == .main || node.flags.contains(.articleBody) || node.flags.contains(.mainRole)
    }

    /// Forward pass: furniture and hidden elements are excluded, with their whole subtree, unless they wrap
    /// most of the page or an explicit article marker.
    private func markExclusions(_ tree: inout DocumentTree, trustingNames: Bool) {
        let excluding: DocumentTree.Flags = trustingNames ? [.furnitureName, .hidden] : [.furnitureTag, .hidden]
        let bodyIndex = tree.body >= 0 ? Int(tree.body) : 0
        let pageChars = max(rawChars[bodyIndex], rawChars[0] / 2, 1)
        tree.nodes.withUnsafeMutableBufferPointer { nodes in
            for index in 1..<nodes.count {
                let parent = Int(nodes[index].parent)
                if nodes[parent].flags.contains(.excluded) && parent != 0 {
                    nodes[index].flags.insert(.excluded)
                    continue
                }
                let flags = nodes[index].flags
                guard !flags.isDisjoint(with: excluding) else { continue }
                let tag = nodes[index].tag
                // Size alone does not excuse a furniture tag: a page that is all `<nav>` has no main text.
                // But a `<header>` or `<nav>` holding nearly all of it, paragraphs included, swallowed the page:
                // libxml2 cannot close an open `div` with `</header>` (end-tag priorities), so one unclosed `div`
                // in a page header makes the rest of the page its child.
                let swallowed = (tag == .header || tag == .nav) && rawChars[index] * 10 >= pageChars * 9
                    && rawProse[index] >= Self.swallowedParagraphs
                let wrapsPage = rawChars[index] * 2 > pageChars && (!flags.contains(.furnitureTag) || swallowed)
                // A hidden microdata item is not excused by a marker inside: pages hide a copy of the article
                // for search engines (while other pages hide their content until a script shows it).
                let hiddenItem = flags.contains(.hidden) && flags.contains(.itemScope)
                let marked = !hiddenItem && (Self.isMarker(nodes[index]) || containsMarker[index])
                if tag == .html || tag == .body || marked || wrapsPage {
                    // A wrapper: its name says nothing about the content; forget it for scoring and cleaning.
                    nodes[index].flags.subtract([.furnitureName, .furnitureTag, .hidden])
                    continue
                }
                nodes[index].flags.insert(.excluded)
            }
        }
    }

    /// Reverse pass: characters, link characters, commas, paragraphs and list items per subtree, outside
    /// excluded furniture.
    private func computeEffectiveSums(_ tree: inout DocumentTree) {
        tree.nodes.withUnsafeMutableBufferPointer { nodes in
            var index = nodes.count - 1
            while index > 0 {
                var node = nodes[index]
                if node.tag == .text {
                    if node.flags.contains(.link) { node.linkChars = node.chars }
                } else {
                    // A link around blocks is a card or teaser, not navigation: its text is not link text.
                    if node.flags.contains(.link) {
                        node.linkChars = node.flags.contains(.hasBlockChild) ? 0 : node.chars
                    }
                    if node.tag == .li { node.listItems += 1 }
                    if isParagraph(node) && node.chars >= Self.minParagraphChars { node.paragraphs += 1 }
                    if node.looseChars >= Self.minParagraphChars { node.paragraphs += 1 }
                }
                nodes[index] = node
                if !node.flags.contains(.excluded) {
                    let parent = Int(node.parent)
                    if node.tag == .text || node.tag.kind == .inline, nodes[parent].flags.contains(.hasBlockChild) {
                        nodes[parent].looseChars += node.chars - node.linkChars
                        nodes[parent].looseCommas += node.commas
                    }
                    nodes[parent].chars += node.chars
                    nodes[parent].linkChars += node.linkChars
                    nodes[parent].commas += node.commas
                    nodes[parent].paragraphs += node.paragraphs
                    nodes[parent].listItems += node.listItems
                }
                index -= 1
            }
        }
    }

    /// Whether `node` counts as one paragraph: a paragraph-like element, or a generic container whose
    /// children are all inline (Readability turns such `div`s into paragraphs).
    private func isParagraph(_ node: DocumentTree.Node) -> Bool {
        if node.tag.isParagraphLike { return !node.tag.isHeading }
        switch node.tag {
        case .div, .section, .other, .article, .center:
            return !node.flags.contains(.hasBlockChild)
        default:
            return false
        }
    }

    private static func baseScore(_ node: DocumentTree.Node) -> Float {
        var score: Float
        switch node.tag {
        case .div, .main: score = 5
        case .article: score = 8
        case .pre, .td, .blockquote: score = 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: score = -3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: score = -5
        default: score = 0
        }
        if node.flags.contains(.contentName) { score += 25 }
        if node.flags.contains(.articleBody) { score += 25 }
        if node.flags.contains(.mainRole) { score += 10 }
        if node.flags.contains(.furnitureName) { score -= 25 }
        return score
    }

    /// Forward pass: paragraphs give points to their ancestors; then scores are scaled by link density.
    private func scoreParagraphs(_ tree: inout DocumentTree) {
        tree.nodes.withUnsafeMutableBufferPointer { nodes in
            for index in 1..<nodes.count {
                let node = nodes[index]
                guard node.tag != .text, !node.flags.contains(.excluded) else { continue }
                let chars: Int32
                let commas: Int32
                var ancestor: Int
                if isParagraph(node), node.chars >= Self.minParagraphChars {
                    (chars, commas, ancestor) = (node.chars, node.commas, Int(node.parent))
                } else if node.looseChars >= Self.minParagraphChars {
                    // Text loose in a container of blocks: a paragraph whose parent is the container.
                    (chars, commas, ancestor) = (node.looseChars, node.looseCommas, index)
                } else {
                    continue
                }
                // Commas count at most one per 20 characters (a list of numbers is not prose).
                let points = 1 + Float(min(commas, chars / 20)) + min(Float(chars / 100), 3)
                var level = 0
                while ancestor > 0, level < Self.ancestorLevels {
                    if !nodes[ancestor].flags.contains(.scored) {
                        nodes[ancestor].flags.insert(.scored)
                        nodes[ancestor].score = Self.baseScore(nodes[ancestor])
                    }
                    let divider: Float = level == 0 ? 1 : (level == 1 ? 2 : Float(level * 3))
                    nodes[ancestor].score += points / divider
                    ancestor = Int(nodes[ancestor].parent)
                    level += 1
                }
            }
            for index in 1..<nodes.count where nodes[index].flags.contains(.scored) {
                nodes[index].score *= 1 - Self.linkDensity(nodes[index])
            }
        }
    }

    /// Whether no element outside `candidate`'s subtree (and not excluded) has an article-body name.
    private static func isOnlyNamedArticleBody(_ candidate: Int, _ nodes: [DocumentTree.Node]) -> Bool {
        var index = 1
        while index < nodes.count {
            if index == candidate {
                // Skip the candidate's subtree: names nested inside it are its own parts.
                index += 1
                while index < nodes.count, isInside(index, candidate, nodes) { index += 1 }
                continue
            }
            let flags = nodes[index].flags
            if flags.contains(.articleBody), !flags.contains(.excluded), !isInside(candidate, index, nodes) { return false }
            index += 1
        }
        return true
    }

    /// Whether `index` is in the subtree of `root` (nodes are in document order).
    private static func isInside(_ index: Int, _ root: Int, _ nodes: [DocumentTree.Node]) -> Bool {
        var node = index
        while node > root { node = Int(nodes[node].parent) }
        return node == root
    }

    static func linkDensity(_ node: DocumentTree.Node) -> Float {
        node.chars > 0 ? Float(node.linkChars) / Float(node.chars) : 0
    }

    /// The top candidate, climbed to a better-scoring ancestor where Readability would, plus qualifying
    /// siblings.
    private func pickCandidates(_ tree: DocumentTree) -> [Int32] {
        let nodes = tree.nodes
        var top = -1
        var topScore: Float = -.infinity
        for index in 1..<nodes.count where nodes[index].flags.contains(.scored) && !nodes[index].flags.contains(.excluded) {
            if nodes[index].score > topScore {
                topScore = nodes[index].score
                top = index
            }
        }
        let bodyIndex = tree.body >= 0 ? Int(tree.body) : 0
        guard top > 0 else { return [Int32(bodyIndex)] }
        // Climb while the parent keeps a good share of the score, and take it when it scores higher.
        var lastScore = topScore
        let threshold = lastScore / 3
        var parent = Int(nodes[top].parent)
        while parent > 0, parent != bodyIndex {
            if !nodes[parent].flags.contains(.scored) {
                parent = Int(nodes[parent].parent)
                continue
            }
            let score = nodes[parent].score
            if score < threshold { break }
            if score > lastScore {
                top = parent
                break
            }
            lastScore = score
            parent = Int(nodes[parent].parent)
        }
        // An only child stands for its parent, up to an explicit article marker (whose siblings are
        // rarely part of the article).
        while nodes[top].tag != .article, nodes[top].tag != .main,
              nodes[top].flags.isDisjoint(with: [.schemaArticleBody, .mainRole]) {
            let parent = Int(nodes[top].parent)
            guard parent > 0, parent != bodyIndex, nodes[parent].firstChild == Int32(top),
                  nodes[top].nextSibling < 0, !nodes[parent].flags.contains(.excluded)
            else { break }
            top = parent
        }
        // schema.org's `itemprop="articleBody"` around the candidate (or holding most of it) settles the
        // question: the page is one article and that element is its body.
        var topIsArticleBody = false
        var ancestor = top
        while ancestor > 0, ancestor != bodyIndex {
            if nodes[ancestor].flags.contains(.schemaArticleBody), !nodes[ancestor].flags.contains(.excluded) {
                top = ancestor
                topIsArticleBody = true
                break
            }
            ancestor = Int(nodes[ancestor].parent)
        }
        if !topIsArticleBody {
            var index = top + 1
            while index < nodes.count, Self.isInside(index, top, nodes) {
                if nodes[index].flags.contains(.schemaArticleBody), !nodes[index].flags.contains(.excluded),
                   nodes[index].chars * 2 >= nodes[top].chars {
                    topIsArticleBody = true
                    break
                }
                index += 1
            }
        }
        topScore = nodes[top].flags.contains(.scored) ? nodes[top].score : topScore
        let parentIndex = Int(nodes[top].parent)
        guard parentIndex >= 0 else { return [Int32(top)] }
        let siblingThreshold = max(10, topScore * 0.2)
        // Then the scored siblings are teasers and related lists, and there is no listing to widen to.
        var selected: [Int32] = []
        var sibling = nodes[parentIndex].firstChild
        while sibling >= 0 {
            let node = nodes[Int(sibling)]
            defer { sibling = node.nextSibling }
            if Int(sibling) == top {
                selected.append(sibling)
                continue
            }
            if node.flags.contains(.excluded) || node.tag == .text { continue }
            let density = Self.linkDensity(node)
            if node.flags.contains(.scored), node.score >= siblingThreshold, !topIsArticleBody {
                selected.append(sibling)
            } else if node.tag == .p, node.chars > 80, density < 0.25 {
                selected.append(sibling)
            }
        }
        // Nor is a candidate named as the article body (`entry-content`, `article-body`) that reads like one
        // (several paragraphs, fewer list items) when no other element has such a name (forums name every
        // post `post-content`).
        let named = nodes[top]
        if topIsArticleBody
            || (named.flags.contains(.articleBody) && named.paragraphs >= 3 && named.listItems <= named.paragraphs
                && Self.isOnlyNamedArticleBody(top, nodes))
        {
            return selected
        }
        return widened(selected, top: top, tree: tree, bodyIndex: bodyIndex)
    }

    /// Widen when the selection holds less than this share of the page's non-link text...
    static let widenBelow: Float = 0.5
    /// ...to the nearest ancestor holding at least this share (both tuned on the development pages).
    static let widenTo: Float = 0.8

    /// Pages that are not one article (listings, forums, product and service pages) spread their text
    /// over several containers: when the selection holds too little of the page's non-link text, widen it
    /// to the nearest ancestor that covers most of it.
    private func widened(_ selected: [Int32], top: Int, tree: DocumentTree, bodyIndex: Int) -> [Int32] {
        let nodes = tree.nodes
        func plain(_ index: Int) -> Int32 { nodes[index].chars - nodes[index].linkChars }
        let page = plain(bodyIndex)
        guard page > 0 else { return selected }
        let chosen = selected.reduce(Int32(0)) { $0 + plain(Int($1)) }
        if Float(chosen) >= Self.widenBelow * Float(page) { return selected }
        var ancestor = Int(nodes[top].parent)
        while ancestor > 0, ancestor != bodyIndex, Float(plain(ancestor)) < Self.widenTo * Float(page) {
            ancestor = Int(nodes[ancestor].parent)
        }
        return [Int32(ancestor > 0 ? ancestor : bodyIndex)]
    }
}
