import Foundation
import Testing
import WinnowCore
@testable import WinnowDedup

/// A deliberately naive model of the shingling and MinHash definitions (String and Character APIs, no
/// tables, no unsafe code), against which the byte-level implementation is checked.
enum NaiveMinHash {
    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Words mode: lower-case scalar by scalar, then runs of word scalars.
    static func words(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                if isWord(lower) {
                    current.unicodeScalars.append(lower)
                } else if !current.isEmpty {
                    tokens.append(current)
                    current = ""
                }
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    static func shingles(_ tokens: [String], ngram: Int, tokenSeed: UInt64, shingleSeed: UInt64) -> [UInt64] {
        let hashes = tokens.map { StableHash.xxh3($0, seed: tokenSeed) }
        func shingle(_ slice: ArraySlice<UInt64>) -> UInt64 {
            var bytes: [UInt8] = []
            for hash in slice { for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: hash >> UInt64(shift))) } }
            return bytes.withUnsafeBytes { StableHash.xxh3($0, seed: shingleSeed) } >> 32
        }
        if hashes.isEmpty { return [] }
        if hashes.count < ngram { return [shingle(hashes[...])] }
        return (0...(hashes.count - ngram)).map { shingle(hashes[$0..<($0 + ngram)]) }
    }

    static func signature(_ text: String, seed: UInt64, hashes: Int, ngram: Int) -> [UInt32] {
        var random = SplitMix64(seed: seed)
        let shingleSeed = random.next()
        _ = random.next()
        var parameters: [(UInt64, UInt64)] = []
        for _ in 0..<hashes { parameters.append((random.next() | 1, random.next())) }
        let values = shingles(words(text), ngram: ngram, tokenSeed: seed, shingleSeed: shingleSeed)
        return parameters.map { a, b in
            UInt32(values.map { (a &* $0 &+ b) >> 32 }.min() ?? 0xffff_ffff)
        }
    }
}

@Suite struct MinHashSignatureTests {
    static let text = "The quick brown fox jumps over the lazy dog. The dog sleeps; the fox runs away into the woods."

    @Test func splitMix64MatchesTheReferenceStream() {
        // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xe220_a839_7b1d_cdaf)
        #expect(random.next() == 0x6e78_9e6a_a1b9_65f4)
        #expect(random.next() == 0x06c4_5d18_8009_454f)
    }

    @Test func goldenSignature() throws {
        let signer = MinHashSigner(MinHashDedup())
        let signature = try #require(signer.signature(Self.text))
        #expect(signature.count == 112)
        #expect(Array(signature.prefix(8)) == Self.goldenPrefix)
        #expect(signer.bandKeys(signature).prefix(2) == Self.goldenBands[...])
        #expect(signer.shingleValues(Self.text).count == 15)
    }

    static let goldenPrefix: [UInt32] = [380471928, 481209882, 287282990, 111669153, 173403631, 220267669, 526318126, 413843455]
    static let goldenBands: [UInt64] = [1309424457882158821, 4487220693473358151]

    @Test(arguments: [
        MinHashSignatureTests.text,
        "Grüße aus Köln! ÜBER 1234 Straßen, naïve café — déjà vu. Ünïcödé _under_score_ x",
        "İstanbul ΟΔΥΣΣΕΥΣ Ωμέγα 日本語のテキストです。 Привет, МИР! ١٢٣ 𝐀𝐁𝐂 emoji 🙂 end",
        "one two three",
        "",
        "   ... !!! ---   ",
    ])
    func signatureMatchesTheNaiveModel(text: String) {
        let stage = MinHashDedup(ngram: 3, bands: 4, rows: 5, seed: 42)
        let signer = MinHashSigner(stage)
        let expected = NaiveMinHash.signature(text, seed: 42, hashes: 20, ngram: 3)
        let tokens = NaiveMinHash.words(text)
        if tokens.isEmpty {
            #expect(signer.signature(text) == nil)
        } else {
            #expect(signer.signature(text) == expected)
        }
    }

    @Test func unicodeWordsFollowPythonsLowerThenW() {
        #expect(NaiveMinHash.words("Grüße, WELT! Ünïcödé 123 a_b") == ["grüße", "welt", "ünïcödé", "123", "a_b"])
        // U+0130 lower-cases to "i" + U+0307 (a combining mark, not \w): two words, as in Python.
        #expect(NaiveMinHash.words("İstanbul") == ["i", "stanbul"])
        let signer = MinHashSigner(MinHashDedup(ngram: 1))
        let seeds = { () -> (UInt64, UInt64) in
            var random = SplitMix64(seed: 1)
            return (1, random.next())
        }()
        for (text, tokens) in [
            ("Grüße, WELT! Ünïcödé 123 a_b", ["grüße", "welt", "ünïcödé", "123", "a_b"]),
            ("İstanbul", ["i", "stanbul"]),
            ("日本語のテキスト、Привет МИР", ["日本語のテキスト", "привет", "мир"]),
            ("x\u{00A0}y\u{2003}z", ["x", "y", "z"]),
        ] {
            #expect(signer.shingleValues(text).map(UInt64.init) == NaiveMinHash.shingles(tokens, ngram: 1, tokenSeed: seeds.0, shingleSeed: seeds.1))
        }
    }

    @Test func caseAndPunctuationDoNotMatterInWordsMode() {
        let signer = MinHashSigner(MinHashDedup())
        let a = signer.signature("Hello, World! This is a TEST of the shingler.")
        let b = signer.signature("hello world this is a test of the shingler")
        #expect(a != nil && a == b)
    }

    @Test func codeModeKeepsCaseAndOperators() {
        let signer = MinHashSigner(MinHashDedup(ngram: 2, mode: .code))
        #expect(signer.shingleValues("a+b").count == 2)       // a + b: 3 tokens, 2 bigrams
        #expect(signer.shingleValues("a b").count == 1)
        #expect(signer.signature("int Foo(x);") != signer.signature("int foo(x);"))
        #expect(signer.signature("if (a < b) { return a; }") == signer.signature("if(a<b){return a;}"))
    }

    @Test func foldDigitsMapsEveryDigitToZero() {
        let folded = MinHashSigner(MinHashDedup(foldDigits: true))
        let plain = MinHashSigner(MinHashDedup())
        let a = "release 12.4 shipped on day 17 of month 3 with 250 fixes"
        let b = "release 98.1 shipped on day 44 of month 7 with 931 fixes"
        #expect(folded.signature(a) == folded.signature(b))
        #expect(plain.signature(a) != plain.signature(b))
        #expect(folded.signature("build ١٢٣ done now ok") == folded.signature("build 000 done now ok"))
    }

    @Test func estimatedJaccardTracksTrueJaccard() {
        // Two 400-word texts sharing a prefix: exact 5-gram Jaccard known by construction.
        var random = SplitMix64(seed: 7)
        let vocabulary = (0..<500).map { "w\($0)" }
        let base = (0..<400).map { _ in vocabulary[Int(random.next() % 500)] }
        var edited = base
        for position in stride(from: 50, to: 400, by: 100) { edited[position] = "changed\(position)" }
        let signer = MinHashSigner(MinHashDedup())
        let a = signer.signature(base.joined(separator: " "))!
        let b = signer.signature(edited.joined(separator: " "))!
        func shingles(_ words: [String]) -> Set<String> {
            Set((0...(words.count - 5)).map { words[$0..<($0 + 5)].joined(separator: " ") })
        }
        let x = shingles(base)
        let y = shingles(edited)
        let exact = Double(x.intersection(y).count) / Double(x.union(y).count)
        let estimate = MinHashSigner.estimatedJaccard(a, b)
        // 4 edits × 5 shingles: J = 376/416 ≈ 0.904; 112 slots give a standard error of 0.028.
        #expect(abs(exact - 376.0 / 416.0) < 1e-12)
        #expect(abs(estimate - exact) < 0.1)
    }
}

@Suite struct LSHShapeTests {
    @Test func sCurveMatchesTheFormula() {
        let shape = LSHShape(bands: 14, rows: 8)
        #expect(shape.hashes == 112)
        for s in [0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 1.0] {
            #expect(abs(shape.candidateProbability(similarity: s) - (1 - pow(1 - pow(s, 8), 14))) < 1e-12)
        }
        #expect(abs(shape.candidateProbability(similarity: 0.8) - 0.923_547_558_632_581) < 1e-12)
        #expect(abs(shape.approximateThreshold - pow(1.0 / 14, 1.0 / 8)) < 1e-12)
        #expect(abs(shape.approximateThreshold - 0.719_008_451_937_229) < 1e-12)
        #expect(abs(LSHShape(bands: 20, rows: 5).approximateThreshold - pow(0.05, 0.2)) < 1e-12)
    }
}

@Suite struct MinHashConfigurationTests {
    @Test(arguments: [
        MinHashDedup(ngram: 0), MinHashDedup(ngram: 65), MinHashDedup(bands: 0), MinHashDedup(rows: 0),
        MinHashDedup(rows: 65), MinHashDedup(bands: 512, rows: 8), MinHashDedup(threshold: 0),
        MinHashDedup(threshold: 1.5), MinHashDedup(threshold: .nan), MinHashDedup(scoreAttribute: ""),
        MinHashDedup(scoreAttribute: "quality..score"), MinHashDedup(index: ""), MinHashDedup(spillEntries: 10),
        MinHashDedup(label: ""),
    ])
    func badConfigurationsAreRejected(stage: MinHashDedup) {
        #expect {
            try stage.validate()
        } throws: { error in
            (error as? WinnowError)?.code == .invalidPlan
        }
    }

    @Test func defaultsValidate() throws {
        try MinHashDedup().validate()
        try MinHashDedup(ngram: 1, bands: 1, rows: 1, threshold: 1, scoreAttribute: "quality.score", index: "/tmp/x").validate()
        #expect(MinHashDedup().globalPhases.map(\.name) == ["bands", "cluster"])
        #expect(MinHashDedup().globalPhases.map(\.units) == [14, 1])
        #expect(MinHashDedup(index: "i").globalPhases.map(\.units) == [14, 1, 15, 1])
    }
}
