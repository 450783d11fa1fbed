import Testing

@testable import WinnowExtract

/// The automaton behind ``ClassNamePatterns`` against a plain scan of the same spelled patterns (the
/// matcher it replaced: at each position, the patterns starting with that byte in list order, a neutral
/// word jumping over itself), on names made of pattern pieces, separators and modifiers.
@Suite struct ClassNamePatternsTests {
    private struct Pattern {
        var bytes: [UInt8]
        var category: Int  // 0 furniture, 1 content, 2 article body, 3 neutral
        var atStart: Bool
        var atEnd: Bool
        var wholeToken: Bool
    }

    private static let patterns: [Pattern] = {
        var list: [Pattern] = []
        func add(_ spelled: String, _ category: Int) {
            let (bytes, atStart, atEnd, wholeToken) = ClassNamePatterns.parse(spelled)
            list.append(Pattern(bytes: bytes, category: category, atStart: atStart, atEnd: atEnd, wholeToken: wholeToken))
        }
        for spelled in ClassNamePatterns.neutral { add(spelled, 3) }
        for spelled in ClassNamePatterns.articleBody { add(spelled, 2) }
        for spelled in ClassNamePatterns.furniture { add(spelled, 0) }
        for spelled in ClassNamePatterns.content { add(spelled, 1) }
        return list
    }()

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80
    }

    private static func isModified(_ names: [UInt8], at index: Int) -> Bool {
        guard index >= 3, names[index - 1] == 0x2D || names[index - 1] == 0x5F else { return false }
        var start = index - 1
        while start > 0, names[start - 1] >= 0x61 && names[start - 1] <= 0x7A { start -= 1 }
        let word = String(decoding: names[start..<(index - 1)], as: UTF8.self)
        return ["no", "not", "has", "with", "without"].contains(word)
    }

    /// The reference: every pattern tried at every position, in list order.
    private static func reference(_ names: [UInt8]) -> ClassNamePatterns.Verdict {
        var verdict = ClassNamePatterns.Verdict()
        let count = names.count
        var index = 0
        while index < count {
            var skipTo = index + 1
            for pattern in patterns where pattern.bytes[0] == names[index] {
                let length = pattern.bytes.count
                guard index + length <= count, Array(names[index..<(index + length)]) == pattern.bytes else { continue }
                if pattern.wholeToken {
                    if index > 0, names[index - 1] != 0x20 { continue }
                    if index + length < count, names[index + length] != 0x20 { continue }
                }
                if pattern.atStart, index > 0, isNameByte(names[index - 1]) { continue }
                if pattern.atEnd, index + length < count, isNameByte(names[index + length]) { continue }
                switch pattern.category {
                case 0: if !isModified(names, at: index) { verdict.furniture = true }
                case 1: verdict.content = true
                case 2:
                    verdict.articleBody = true
                    verdict.content = true
                default: skipTo = max(skipTo, index + length)
                }
                if pattern.category == 3 { break }
            }
            index = skipTo
        }
        return verdict
    }

    private static func classify(_ names: [UInt8]) -> ClassNamePatterns.Verdict {
        names.withUnsafeBufferPointer { ClassNamePatterns.standard.classify($0) }
    }

    @Test func agreesWithAPlainScanOnGeneratedNames() {
        // Pieces: every pattern whole, its halves, separators, modifiers, other bytes.
        var pieces: [[UInt8]] = []
        for pattern in Self.patterns {
            pieces.append(pattern.bytes)
            pieces.append(Array(pattern.bytes.prefix(pattern.bytes.count / 2 + 1)))
            pieces.append(Array(pattern.bytes.suffix(pattern.bytes.count / 2 + 1)))
        }
        for extra in [" ", "-", "_", "--", " ", "x", "7", "é", "no-", "not-", "has-", "with-", "without-", "a", "b"] {
            for _ in 0..<8 { pieces.append(Array(extra.utf8)) }
        }
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        var verdicts = [0, 0, 0]
        for _ in 0..<40_000 {
            var names: [UInt8] = []
            for _ in 0..<(1 + next(6)) { names += pieces[next(pieces.count)] }
            let expected = Self.reference(names)
            let actual = Self.classify(names)
            #expect(actual == expected, "\(String(decoding: names, as: UTF8.self))")
            if actual != expected { return }
            if actual.furniture { verdicts[0] += 1 }
            if actual.content { verdicts[1] += 1 }
            if actual.articleBody { verdicts[2] += 1 }
        }
        // The generated names exercise every verdict, both ways.
        #expect(verdicts.allSatisfy { $0 > 1_000 && $0 < 39_000 }, "\(verdicts)")
    }

    @Test(arguments: [
        "commentary", "comment commentary", "commentary-comment", "xcommentary", "shared-contentx", "sharedaddy",
        "no-comments", "has-sidebar", "without-nav", "withnav-", "is-hidden", "d-none x", "x hidden", "field--label-hidden",
        "shared_content sidebar", "post-content", "commentarycomment", "ad", "-ad-", "main-nav", "nav", "",
    ])
    func agreesWithAPlainScanOnNamedCases(names: String) {
        let bytes = Array(names.utf8)
        #expect(Self.classify(bytes) == Self.reference(bytes))
    }
}
