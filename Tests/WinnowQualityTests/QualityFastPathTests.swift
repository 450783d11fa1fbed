import Testing
import WinnowCore
@testable import WinnowQuality

/// The fast paths of the quality filters against the plain definitions they replace.
@Suite struct QualityFastPathTests {
    static let samples: [String] = [
        "", "a", "plain ASCII text of exactly thirty-two", "é", "naïve café — “quoted” ½ 😀 ok",
        "ab😀cdefghij\u{10FFFF}klmnopqrstu\u{7FF}\u{800}\u{FFFF}\u{10000}", "\u{212A}ookie policy", String(repeating: "x", count: 17) + "ü",
    ]

    /// Every line of the first 300 fixture documents, plus the samples.
    static let lines: [String] = {
        var lines = samples
        for document in QualityFixture.shared.documents.prefix(300) {
            lines += document.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        return lines
    }()

    @Test func asciiPunctuationMatchesTheGeneralCategory() {
        for c in UInt32(0)..<0x80 {
            let category = Unicode.Scalar(c)!.properties.generalCategory
            let expected: Bool
            switch category {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                 .finalPunctuation, .otherPunctuation:
                expected = true
            default:
                expected = false
            }
            #expect(PythonCharacters.isPunctuationCategory(c) == expected, "U+\(String(c, radix: 16))")
        }
    }

    @Test func scalarTextDecodesAsUnicodeScalars() {
        var text = ScalarText()
        for string in Self.samples + QualityFixture.shared.documents.prefix(300).map(\.text) {
            text.load(string)
            #expect(text.scalars == string.unicodeScalars.map(\.value))
            text.load(string, withByteOffsets: true)
            #expect(text.scalars == string.unicodeScalars.map(\.value))
            var offsets: [Int] = []
            var offset = 0
            for scalar in string.unicodeScalars {
                offsets.append(offset)
                offset += UTF8.width(scalar)
            }
            offsets.append(offset)
            #expect(text.byteOffsets == offsets)
        }
    }

    @Test func oneMarkerScanFindsWhatTheSeparateSearchesFind() {
        let crafted = [
            "LOREM IPSUM dolor.", "lorem ipsu", "see JavaScript.", "javascrip", "Terms of Use apply.", "our privacy policy.",
            "This site uses cookies.", "use of \u{212A}ookies", "we use cookies", "use cookie", "a { b", "cookie policy", "u",
            "lorem lorem ipsum", "useuse cookies", "terms of us",
        ]
        for line in crafted + Self.lines {
            let scalars = line.unicodeScalars.map(\.value)
            let found = scalars.withUnsafeBufferPointer { C4QualityFilter.Processor.markers($0) }
            let search = C4QualityFilter.Processor.containsFolded
            #expect(found.contains(.lorem) == search(scalars, C4QualityFilter.lorem), "\(line)")
            #expect(found.contains(.javascript) == search(scalars, C4QualityFilter.javascript), "\(line)")
            #expect(found.contains(.curlyBracket) == scalars.contains(0x7B), "\(line)")
            #expect(found.contains(.policy) == C4QualityFilter.policies.contains { search(scalars, $0) }, "\(line)")
        }
    }

    @Test func c4EncodesScalarsAsTheStandardLibraryDoes() {
        for line in Self.lines {
            let scalars = line.unicodeScalars.map(\.value)
            let encoded = scalars.withUnsafeBufferPointer { C4QualityFilter.Processor.string($0[...]) }
            #expect(encoded == line)
            #expect(Array(encoded.utf8) == Array(line.utf8))
        }
    }

    /// datatrove's n-gram rules on words as strings (`get_n_grams`, `find_top_duplicate`, `find_all_duplicate`).
    static func naiveTop(_ words: [String], _ n: Int) -> Int {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for i in 0...(words.count - n) {
            let gram = words[i..<(i + n)].joined(separator: " ")
            if counts[gram] == nil { order.append(gram) }
            counts[gram, default: 0] += 1
        }
        var best = order[0]
        for gram in order where counts[gram]! > counts[best]! { best = gram }
        return best.unicodeScalars.count * counts[best]!
    }

    static func naiveRepeated(_ words: [String], _ n: Int) -> Int {
        var seen = Set<String>()
        var repeated = 0, i = 0
        while i < words.count - n + 1 {
            let gram = words[i..<(i + n)].joined()
            if seen.contains(gram) {
                repeated += gram.unicodeScalars.count
                i += n
            } else {
                seen.insert(gram)
                i += 1
            }
        }
        return repeated
    }

    /// Documents of decreasing and increasing size through one reused ``WordNGrams``, from a small vocabulary
    /// (many repeats, and concatenations that collide across word boundaries: "ab" "c" and "a" "bc").
    @Test func wordNGramsCountAsDatatrove() {
        let vocabulary = ["a", "ab", "c", "bc", "the", "of", "é", "😀", "x", "abc"]
        var state: UInt64 = 20261125
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        var ngrams = WordNGrams()
        for size in [3000, 40, 1, 0, 12, 700, 5, 2500, 10, 9] {
            let words = (0..<size).map { _ in vocabulary[next() % (size > 100 ? vocabulary.count : 4)] }
            let text = words.joined(separator: " ").unicodeScalars.map(\.value)
            var tokens: [EnglishWordTokenizer.Token] = []
            var offset = 0
            for word in words {
                let length = word.unicodeScalars.count
                tokens.append(.init(start: Int32(offset), end: Int32(offset + length), isSpace: false))
                offset += length + 1
            }
            ngrams.load(text, tokens)
            for n in 1...10 {
                if size >= n {
                    let (characters, count) = ngrams.mostFrequent(n)
                    #expect(characters * count == Self.naiveTop(words, n), "size \(size) n \(n)")
                }
                #expect(ngrams.repeatedCharacters(n) == (size >= n ? Self.naiveRepeated(words, n) : 0), "size \(size) n \(n)")
            }
        }
    }

    /// The first-and-last-character filter in front of the special-case table rejects no entry.
    @Test func everySpecialCaseIsFound() {
        let exceptions = EnglishTokenizerExceptions()
        for (surface, _) in EnglishTokenizerExceptions.entries() {
            let scalars = surface.unicodeScalars.map(\.value)
            #expect(scalars.withUnsafeBufferPointer { exceptions.lookup($0, 0..<$0.count) } >= 0, "\(surface)")
        }
    }

    /// Units split off a number whatever character they end in (the units are searched by last character).
    @Test func everyUnitSplitsOffANumber() {
        for unit in EnglishWordTokenizer.units + EnglishWordTokenizer.currencyWords {
            let text = String(String.UnicodeScalarView(unit.map { Unicode.Scalar($0)! }))
            #expect(EnglishWordTokenizerTests.words("12" + text) == ["12", text])
        }
    }

    /// Two different short texts of the same length in a row are each analysed afresh (short strings live
    /// inside the String value, so their bytes have no lasting address to recognise them by).
    @Test func shortTextsOfOneLengthAreNotConfused() {
        for (a, b) in [("12yd", "12nm"), ("abc", "xyz"), (String(repeating: "a", count: 15), String(repeating: "b", count: 15))] {
            #expect(EnglishWordTokenizerTests.words(a) != EnglishWordTokenizerTests.words(b) || a == b)
            #expect(EnglishWordTokenizerTests.words(b).joined() == b)
            #expect(EnglishWordTokenizerTests.words(a).joined() == a)
        }
    }
}
