internal import WinnowCore

/// Turns libxml2's SAX events into a ``DocumentTree``, dropping what can never be main text on the way
/// (scripts, styles, media, form controls, the head) and enforcing the depth and node limits.
///
/// One builder is reused for many pages (its buffers keep their capacity), so a task allocates almost
/// nothing per page.
///
/// A struct, not a class: ``LibXML2SAXParser`` hands libxml2 a pointer to it for the length of one parse, so
/// the event handlers touch its fields without the dynamic exclusivity checks that every access to a class's
/// stored property costs (they were 5% of the extraction's instructions).
struct TreeBuilder {
    var tree = DocumentTree()
    /// The error that stopped the parse (a limit), if any.
    private(set) var limitError: WinnowError?
    /// The libxml2 context, while parsing, so a limit can stop it (see ``LibXML2SAXParser/stop(_:)``).
    var stopHandle: UnsafeMutableRawPointer?

    private let maxDepth: Int
    private let maxNodes: Int
    private let patterns = ClassNamePatterns.standard
    private var stack: [Int32] = []
    /// Depth inside a skipped element (0 = not skipping).
    private var skipDepth = 0
    /// The skip depth of the `<title>` being captured (0 = none).
    private var titleDepth = 0
    private var skippingHead = false
    private var linkDepth = 0
    private var names: [UInt8] = []
    private var stopped = false

    init(maxDepth: Int, maxNodes: Int) {
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        names.reserveCapacity(256)
    }

    mutating func reset() {
        tree.reset()
        stack.removeAll(keepingCapacity: true)
        limitError = nil
        skipDepth = 0
        titleDepth = 0
        skippingHead = false
        linkDepth = 0
        stopped = false
        // Node 0: the root, parent of whatever the parser reports first.
        tree.nodes.append(DocumentTree.Node(tag: .other, flags: [], parent: -1))
        stack.append(0)
    }

    private mutating func fail(_ message: String) {
        guard !stopped else { return }
        stopped = true
        limitError = WinnowError(.limitExceeded, message)
        if let stopHandle { LibXML2SAXParser.stop(stopHandle) }
    }

    // MARK: Events

    mutating func startElement(name: UnsafePointer<UInt8>, attributes: UnsafePointer<UnsafePointer<UInt8>?>?) {
        if stopped { return }
        if skipDepth > 0 {
            skipDepth += 1
            if skippingHead, titleDepth == 0, tree.title.isEmpty, HTMLTag.lookup(name) == .title {
                titleDepth = skipDepth
            }
            return
        }
        let tag = HTMLTag.lookup(name)
        if tag.kind == .skip {
            skipDepth = 1
            skippingHead = tag == .head
            titleDepth = tag == .title && tree.title.isEmpty ? 1 : 0
            return
        }
        if stack.count > maxDepth {
            fail("HTML nested deeper than \(maxDepth) elements")
            return
        }
        if tree.nodes.count >= maxNodes {
            fail("HTML has more than \(maxNodes) nodes")
            return
        }
        var flags: DocumentTree.Flags
        switch tag.kind {
        case .furniture: flags = [.furnitureName, .furnitureTag]
        case .hidden: flags = .hidden
        default: flags = []
        }
        if let attributes { flags.formUnion(readAttributes(attributes, tag: tag)) }
        if tag == .a {
            flags.insert(.link)
            linkDepth += 1
        }
        let index = append(DocumentTree.Node(tag: tag, flags: flags, parent: stack[stack.count - 1]))
        if tag == .body, tree.body < 0 { tree.body = index }
        stack.append(index)
    }

    mutating func endElement(name: UnsafePointer<UInt8>) {
        if stopped { return }
        if skipDepth > 0 {
            if skipDepth == titleDepth { titleDepth = 0 }
            skipDepth -= 1
            return
        }
        guard stack.count > 1 else { return }
        let index = Int(stack.removeLast())
        let tag = tree.nodes[index].tag
        if tag == .a { linkDepth -= 1 }
        if tag.kind != .inline {
            tree.nodes[Int(tree.nodes[index].parent)].flags.insert(.hasBlockChild)
        }
    }

    mutating func characters(_ bytes: UnsafeRawBufferPointer) {
        if stopped { return }
        if skipDepth > 0 {
            if titleDepth > 0, titleDepth == skipDepth, tree.title.count < 4096 { Self.appendCollapsed(bytes, to: &tree.title) }
            return
        }
        let parent = Int(stack[stack.count - 1])
        let last = tree.nodes[parent].lastChild
        let start = tree.text.count
        let counts = Self.appendCollapsed(bytes, to: &tree.text)
        if tree.text.count == start { return }
        if last >= 0, tree.nodes[Int(last)].tag == .text, Int(tree.nodes[Int(last)].textEnd) == start {
            tree.nodes[Int(last)].textEnd = Int32(tree.text.count)
            tree.nodes[Int(last)].chars += counts.chars
            tree.nodes[Int(last)].commas += counts.commas
            return
        }
        if tree.nodes.count >= maxNodes {
            fail("HTML has more than \(maxNodes) nodes")
            return
        }
        var node = DocumentTree.Node(tag: .text, flags: linkDepth > 0 ? .link : [], parent: Int32(parent))
        node.textStart = Int32(start)
        node.textEnd = Int32(tree.text.count)
        node.chars = counts.chars
        node.commas = counts.commas
        append(node)
    }

    /// Called after the last event.
    mutating func finish() {
        stack.removeAll(keepingCapacity: true)
    }

    // MARK: Helpers

    @discardableResult
    private mutating func append(_ node: DocumentTree.Node) -> Int32 {
        let index = Int32(tree.nodes.count)
        let parent = Int(node.parent)
        tree.nodes.append(node)
        let last = tree.nodes[parent].lastChild
        if last >= 0 {
            tree.nodes[Int(last)].nextSibling = index
        } else {
            tree.nodes[parent].firstChild = index
        }
        tree.nodes[parent].lastChild = index
        return index
    }

    /// Appends `bytes` with runs of whitespace (ASCII and U+00A0) collapsed to one space, not starting
    /// with a space when `buffer` already ends with one; returns the characters (UTF-8 lead bytes other than
    /// spaces) and commas appended.
    @discardableResult
    static func appendCollapsed(_ bytes: UnsafeRawBufferPointer, to buffer: inout [UInt8]) -> (chars: Int32, commas: Int32) {
        var chars: Int32 = 0
        var commas: Int32 = 0
        var previousSpace = buffer.last == 0x20
        var index = 0
        let count = bytes.count
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return (0, 0) }
        while index < count {
            // A run of bytes that are copied as they are (no whitespace or control byte, no comma, no lead byte
            // of U+00A0, U+FF0C or U+3001), counted here and appended in one piece.
            let runStart = index
            while index < count {
                let byte = base[index]
                if byte <= 0x20 || byte == 0x2C || byte == 0xC2 || byte == 0xEF || byte == 0xE3 { break }
                if byte & 0xC0 != 0x80 { chars += 1 }
                index += 1
            }
            if index > runStart {
                buffer.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
                previousSpace = false
            }
            guard index < count else { break }
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                if !previousSpace {
                    buffer.append(0x20)
                    previousSpace = true
                }
                index += 1
                continue
            }
            if byte == 0xC2, index + 1 < count, bytes[index + 1] == 0xA0 {
                if !previousSpace {
                    buffer.append(0x20)
                    previousSpace = true
                }
                index += 2
                continue
            }
            if byte & 0xC0 != 0x80 { chars += 1 }
            if byte == 0x2C {
                commas += 1
            } else if byte == 0xEF, index + 2 < count, bytes[index + 1] == 0xBC, bytes[index + 2] == 0x8C {
                commas += 1  // U+FF0C fullwidth comma
            } else if byte == 0xE3, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x81 {
                commas += 1  // U+3001 ideographic comma
            }
            buffer.append(byte)
            previousSpace = false
            index += 1
        }
        return (chars, commas)
    }

    private static func equals(_ pointer: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let bytes = literal.utf8Start
        for index in 0..<count where pointer[index] != bytes[index] { return false }
        return pointer[count] == 0
    }

    private static func contains(_ value: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let bytes = literal.utf8Start
        var start = 0
        while value[start] != 0 {
            var offset = 0
            while offset < count {
                var byte = value[start + offset]
                if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                if byte != bytes[offset] { break }
                offset += 1
            }
            if offset == count { return true }
            start += 1
        }
        return false
    }

    private static func appendName(_ value: UnsafePointer<UInt8>, to names: inout [UInt8]) {
        if !names.isEmpty { names.append(0x20) }
        // At most 256 bytes of names in all; copied in one piece, then lower-cased in place.
        let start = names.count
        var length = 0
        while length < 256 - start, value[length] != 0 { length += 1 }
        names.append(contentsOf: UnsafeBufferPointer(start: value, count: length))
        names.withUnsafeMutableBufferPointer { names in
            for index in start..<(start + length) where names[index] >= 0x41 && names[index] <= 0x5A {
                names[index] |= 0x20
            }
        }
    }

    /// Whether ``readAttributes(_:tag:)`` looks at an attribute of this name (ASCII, any case): the
    /// attributes it does not read are cut before parsing (``RawTextElision``), so a new attribute read there
    /// must be added here too.
    static func readsAttribute(named name: UnsafePointer<UInt8>, count: Int) -> Bool {
        func named(_ text: StaticString) -> Bool {
            guard count == text.utf8CodeUnitCount else { return false }
            for offset in 0..<count {
                let byte = name[offset]
                if (byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte) != text.utf8Start[offset] { return false }
            }
            return true
        }
        return named("class") || named("id") || named("itemprop") || named("itemscope") || named("role")
            || named("hidden") || named("aria-hidden") || named("style") || named("lang")
    }

    private mutating func readAttributes(_ attributes: UnsafePointer<UnsafePointer<UInt8>?>, tag: HTMLTag) -> DocumentTree.Flags {
        var flags: DocumentTree.Flags = []
        names.removeAll(keepingCapacity: true)
        var index = 0
        while let name = attributes[index] {
            let value = attributes[index + 1]
            index += 2
            switch name[0] {
            case UInt8(ascii: "c"):
                if let value, Self.equals(name, "class") { Self.appendName(value, to: &names) }
            case UInt8(ascii: "i"):
                if let value, Self.equals(name, "id") {
                    Self.appendName(value, to: &names)
                } else if let value, Self.equals(name, "itemprop"), Self.contains(value, "articlebody") {
                    flags.insert([.articleBody, .contentName, .schemaArticleBody])
                } else if Self.equals(name, "itemscope") {
                    flags.insert(.itemScope)
                }
            case UInt8(ascii: "r"):
                if let value, Self.equals(name, "role") {
                    if Self.equals(value, "main") || Self.equals(value, "article") {
                        flags.insert(.mainRole)
                    } else if Self.equals(value, "navigation") || Self.equals(value, "banner")
                        || Self.equals(value, "contentinfo") || Self.equals(value, "complementary")
                        || Self.equals(value, "menu") || Self.equals(value, "menubar") || Self.equals(value, "search")
                        || Self.equals(value, "dialog") || Self.equals(value, "alert") || Self.equals(value, "toolbar")
                    {
                        flags.insert(.furnitureName)
                    }
                }
            case UInt8(ascii: "h"):
                if Self.equals(name, "hidden") { flags.insert(.hidden) }
            case UInt8(ascii: "a"):
                if let value, Self.equals(name, "aria-hidden"), Self.equals(value, "true") { flags.insert(.hidden) }
            case UInt8(ascii: "s"):
                if let value, Self.equals(name, "style"),
                   Self.contains(value, "display:none") || Self.contains(value, "display: none")
                    || Self.contains(value, "visibility:hidden") || Self.contains(value, "visibility: hidden")
                {
                    flags.insert(.hidden)
                }
            case UInt8(ascii: "l"):
                if tag == .html, let value, Self.equals(name, "lang"), tree.language.isEmpty {
                    var length = 0
                    while value[length] != 0, length < 64 {
                        tree.language.append(value[length])
                        length += 1
                    }
                }
            default:
                break
            }
        }
        if !names.isEmpty {
            let verdict = names.withUnsafeBufferPointer { patterns.classify($0) }
            if verdict.furniture { flags.insert(.furnitureName) }
            if verdict.content { flags.insert(.contentName) }
            if verdict.articleBody { flags.insert(.articleBody) }
        }
        return flags
    }
}
