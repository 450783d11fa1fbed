internal import CCLD2

/// CLD2 (Compact Language Detector 2, Debian's libcld2) called exactly as pycld2's `detect` calls it with
/// its defaults: `ExtDetectLanguageSummaryCheckUTF8`, no hints, flags 0, text treated as HTML (tags
/// skipped, entities expanded). The only module that touches the C library.
enum CLD2 {
    struct Result: Sendable, Equatable {
        /// The top three languages (CLD2's codes: `en`, `zh-Hant`, `un` for unknown) with the percent of the
        /// text in each and CLD2's normalized score.
        var languages: [(code: String, percent: Int, score: Double)]
        var textBytes: Int
        var isReliable: Bool

        static func == (a: Result, b: Result) -> Bool {
            a.textBytes == b.textBytes && a.isReliable == b.isReliable
                && a.languages.map(\.code) == b.languages.map(\.code) && a.languages.map(\.percent) == b.languages.map(\.percent)
        }
    }

    /// Detects the language of `text`. CLD2 refuses text that is not "interchange valid" (C0 controls other
    /// than tab, line feed and carriage return, DEL, C1 controls, noncharacters: pycld2 raises an error on
    /// it): such text is detected again with each of those characters replaced by spaces, which CLD2 would
    /// not have scored anyway; if CLD2 still refuses it, the result is "un" with nothing scored.
    static func detect(_ text: String, plainText: Bool = false, bestEffort: Bool = false) -> Result {
        var copy = text
        var raw = ccld2_result()
        let refused = copy.withUTF8 { bytes in
            run(bytes, plainText: plainText, bestEffort: bestEffort, into: &raw)
        }
        if refused {
            var cleaned = Self.replacingNonInterchangeable(text)
            let stillRefused = cleaned.withUTF8 { bytes in
                run(bytes, plainText: plainText, bestEffort: bestEffort, into: &raw)
            }
            if stillRefused {
                return Result(languages: Array(repeating: ("un", 0, 0), count: 3), textBytes: 0, isReliable: false)
            }
        }
        let codes = [raw.codes.0, raw.codes.1, raw.codes.2].map { $0.map { String(cString: $0) } ?? "un" }
        let percents = [raw.percents.0, raw.percents.1, raw.percents.2].map(Int.init)
        let scores = [raw.normalized_scores.0, raw.normalized_scores.1, raw.normalized_scores.2]
        return Result(
            languages: (0..<3).map { (codes[$0], percents[$0], scores[$0]) }, textBytes: Int(raw.text_bytes),
            isReliable: raw.is_reliable != 0)
    }

    /// One CLD2 call; true when CLD2 refused the bytes (its valid prefix is shorter than the input).
    private static func run(_ bytes: UnsafeBufferPointer<UInt8>, plainText: Bool, bestEffort: Bool, into raw: inout ccld2_result) -> Bool {
        let length = Int32(min(bytes.count, Int(Int32.max)))
        bytes.withMemoryRebound(to: CChar.self) { chars in
            ccld2_detect(chars.baseAddress, length, plainText ? 1 : 0, bestEffort ? 1 : 0, &raw)
        }
        return raw.valid_prefix_bytes < length
    }

    /// `text` with the characters CLD2 does not accept as interchange text replaced by spaces.
    static func replacingNonInterchangeable(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isInterchangeable(scalar.value) ? scalar : " ")
        }
        return String(scalars)
    }

    static func isInterchangeable(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0a, 0x0d: return true
        case 0x00..<0x20, 0x7f..<0xa0, 0xfdd0...0xfdef: return false
        default: return value & 0xfffe != 0xfffe
        }
    }
}
