import Foundation
import Logging
import Testing
import WinnowCore
import WinnowJSON
@testable import WinnowQuality

@Suite struct LanguageFilterTests {
    /// CLD2 through the shim against pycld2 0.42 (`pycld2.detect(text)`) on the fixture's 2,600 documents:
    /// top language and its percent, and the reliability flag.
    @Test func matchesPycld2OnTheFixture() throws {
        let fixture = QualityFixture.shared
        var sameLanguage = 0, samePercent = 0, sameReliable = 0
        for (document, expected) in zip(fixture.documents, fixture.expected) {
            let result = CLD2.detect(document.text)
            if result.languages[0].code == expected.cld2Code { sameLanguage += 1 }
            if result.languages[0].percent == expected.cld2Percent { samePercent += 1 }
            if result.isReliable == expected.cld2Reliable { sameReliable += 1 }
        }
        print("cld2 vs pycld2: language \(sameLanguage), percent \(samePercent), reliable \(sameReliable) of \(fixture.documents.count)")
        #expect(sameLanguage == 2600)
        #expect(samePercent == 2600)
        #expect(sameReliable == 2600)
    }

    @Test func filtersByLanguageAndScore() throws {
        let context = TaskContext(rank: 0, worldSize: 1, phase: "t", runDirectory: "/nonexistent", logger: Logger(label: "t"))
        let english = "The quick brown fox jumps over the lazy dog. This sentence is written in plain English, and it is long enough for the detector to be sure about it."
        let german = "Der schnelle braune Fuchs springt über den faulen Hund. Dieser Satz ist auf Deutsch geschrieben und lang genug, damit der Detektor sicher ist."
        var processor = try LanguageFilter(languages: ["en"], minScore: 0.5, setMetadata: true).makeProcessor(context: context)
        var a = Document(id: "a", text: english, source: "t", origin: Origin(path: "x", inputIndex: 0, ordinal: 0))
        #expect(try processor.process(&a) == .keep)
        #expect(a.metadata["lang"] == .string("en"))
        #expect(a.attributes["lang.cld2"]?.objectValue?["lang"] == .string("en"))
        var b = Document(id: "b", text: german, source: "t", origin: Origin(path: "x", inputIndex: 0, ordinal: 1))
        #expect(try processor.process(&b) == .drop(reason: "language_not_allowed", detail: "de not in en"))
        var c = Document(id: "c", text: "", source: "t", origin: Origin(path: "x", inputIndex: 0, ordinal: 2))
        var lenient = try LanguageFilter(minScore: 0.5).makeProcessor(context: context)
        #expect(try lenient.process(&c) == .drop(reason: "low_language_score", detail: "un 0.0 < 0.5"))
        #expect(throws: WinnowError.self) { try LanguageFilter(minScore: 2).validate() }
    }

    /// CLD2 returns early, writing no result, on text with control characters or noncharacters (pycld2 raises):
    /// the shim used to read uninitialised memory there, so runs differed. Such text is detected with those
    /// characters as spaces, and the same call gives the same result every time.
    @Test func controlCharactersAreDetectedDeterministically() throws {
        let english = "The quick brown fox jumps over the lazy dog. This sentence is written in plain English, and it is long enough for the detector to be sure about it."
        let dirty = english.replacingOccurrences(of: ". ", with: ".\u{85}\u{01} \u{FFFE}")
        #expect(dirty != english)
        #expect(!CLD2.isInterchangeable(0x85) && !CLD2.isInterchangeable(0x01) && !CLD2.isInterchangeable(0xFFFE))
        #expect(CLD2.isInterchangeable(0x0a) && CLD2.isInterchangeable(0xe9) && CLD2.isInterchangeable(0x1F600))
        let first = CLD2.detect(dirty)
        for _ in 0..<20 { #expect(CLD2.detect(dirty) == first) }
        #expect(first.languages[0].code == "en")
        #expect(first.languages[0].percent == CLD2.detect(CLD2.replacingNonInterchangeable(dirty)).languages[0].percent)
        #expect(first.textBytes > 0)
    }
}
