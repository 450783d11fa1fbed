/// Writes the text of the selected content nodes as lines: one line per block (paragraph, heading, list
/// item, table row, ...), table cells separated by ` | `, `<br>` as a line break.
///
/// On the way it drops what does not belong to the main text even inside the main container:
/// * excluded furniture (see ``ContentScorer``);
/// * containers Readability would "clean conditionally": lists, tables, forms and generic containers whose
///   class names and score are negative, that hold more list items than paragraphs, or whose text is mostly
///   link text (more than 1/3, or 1/2 for containers named like content);
/// * lines that are mostly link text (menus, "related" lists, tag clouds that slipped through).
struct TextRenderer {
    struct Line {
        var start: Int
        var end: Int
        var chars: Int32
        var linkChars: Int32
        var heading: Bool
    }

    private(set) var output: [UInt8] = []
    private var line: [UInt8] = []
    private var lineChars: Int32 = 0
    private var lineLinkChars: Int32 = 0
    private var lineHeading = false
    /// Open `<a>` elements that wrap blocks (cards): their text is not counted as link text.
    private var blockLinks = 0
    private(set) var lines: [Line] = []
    /// Whether Readability's conditional cleaning applies (see ``render(_:roots:cleaning:)``).
    private var cleaning = true

    mutating func reset() {
        output.removeAll(keepingCapacity: true)
        line.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        lineChars = 0
        lineLinkChars = 0
        lineHeading = false
        blockLinks = 0
    }

    /// Renders `roots` (in document order) of `tree` into ``lines`` over the bytes of ``output``.
    ///
    /// With `cleaning` false, only excluded furniture is dropped, not link-dense or list-heavy containers.
    mutating func render(_ tree: DocumentTree, roots: [Int32], cleaning: Bool = true) {
        reset()
        self.cleaning = cleaning
        tree.nodes.withUnsafeBufferPointer { nodes in
            tree.text.withUnsafeBufferPointer { text in
                for root in roots { walk(nodes, text, root: Int(root)) }
            }
        }
        flush()
    }

    private mutating func walk(_ nodes: UnsafeBufferPointer<DocumentTree.Node>, _ text: UnsafeBufferPointer<UInt8>, root: Int) {
        var index = root
        var descend = enter(nodes, text, index, isRoot: true)
        while true {
            if descend, nodes[index].firstChild >= 0 {
                index = Int(nodes[index].firstChild)
                descend = enter(nodes, text, index, isRoot: false)
                continue
            }
            while true {
                exit(nodes[index])
                if index == root { return }
                let next = nodes[index].nextSibling
                if next >= 0 {
                    index = Int(next)
                    descend = enter(nodes, text, index, isRoot: false)
                    break
                }
                index = Int(nodes[index].parent)
            }
        }
    }

    /// Handles the start of a node; returns whether to visit its children.
    private mutating func enter(
        _ nodes: UnsafeBufferPointer<DocumentTree.Node>, _ text: UnsafeBufferPointer<UInt8>, _ index: Int, isRoot: Bool
    ) -> Bool {
        let node = nodes[index]
        if node.tag == .text {
            appendText(text, node)
            return false
        }
        if node.tag == .a, node.flags.contains(.hasBlockChild) { blockLinks += 1 }
        if !isRoot, node.flags.contains(.excluded) || (cleaning && shouldClean(node)) {
            // Keep word boundaries around a dropped inline element.
            appendSpace()
            return false
        }
        switch node.tag {
        case .td, .th:
            if !line.isEmpty { line.append(contentsOf: [0x20, 0x7C, 0x20]) }
        case .br:
            flush()
        default:
            if node.tag.kind != .inline {
                flush()
                if node.tag.isHeading { lineHeading = true }
            }
        }
        return true
    }

    private mutating func exit(_ node: DocumentTree.Node) {
        if node.tag == .a, node.flags.contains(.hasBlockChild) { blockLinks -= 1 }
        switch node.tag {
        case .td, .th, .br, .text: break
        default:
            if node.tag.kind != .inline { flush() }
        }
    }

    /// Readability's conditional cleaning, for containers inside the selected content.
    private func shouldClean(_ node: DocumentTree.Node) -> Bool {
        switch node.tag {
        case .ul, .ol, .dl, .table, .form, .fieldset, .div, .section, .other, .center, .aside, .figure:
            break
        default:
            return false
        }
        let contentNamed = node.flags.contains(.contentName)
        let weight: Float = (contentNamed ? 25 : 0) - (node.flags.contains(.furnitureName) ? 25 : 0)
        // Lists and forms start from a negative base score; only a negative class weight condemns them.
        let score = node.flags.contains(.scored) ? max(node.score, 0) : 0
        if weight + score < 0 { return true }
        guard node.commas < 10 else { return false }
        let density = ContentScorer.linkDensity(node)
        let isList = node.tag == .ul || node.tag == .ol || node.tag == .dl
        if !isList, node.tag != .table, node.listItems > node.paragraphs * 2 + 2, density > 0.2 { return true }
        if contentNamed ? density > 0.5 : density > 0.33 { return true }
        return false
    }

    private mutating func appendSpace() {
        if let last = line.last, last != 0x20 { line.append(0x20) }
    }

    private mutating func appendText(_ text: UnsafeBufferPointer<UInt8>, _ node: DocumentTree.Node) {
        var start = Int(node.textStart)
        let end = Int(node.textEnd)
        if line.isEmpty || line.last == 0x20 {
            while start < end, text[start] == 0x20 { start += 1 }
        }
        guard start < end else { return }
        line.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<end]))
        lineChars += node.chars
        if node.flags.contains(.link), blockLinks == 0 { lineLinkChars += node.chars }
    }

    private mutating func flush() {
        while line.last == 0x20 { line.removeLast() }
        if !line.isEmpty {
            let start = output.count
            output.append(contentsOf: line)
            lines.append(Line(start: start, end: output.count, chars: lineChars, linkChars: lineLinkChars, heading: lineHeading))
        }
        line.removeAll(keepingCapacity: true)
        lineChars = 0
        lineLinkChars = 0
        lineHeading = false
    }
}
