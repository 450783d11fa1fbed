import Testing
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
}
