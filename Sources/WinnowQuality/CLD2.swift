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

    static func detect(_ text: String, plainText: Bool = false, bestEffort: Bool = false) -> Result {
        var copy = text
        var raw = ccld2_result()
        copy.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                ccld2_detect(chars.baseAddress, Int32(min(chars.count, Int(Int32.max))), plainText ? 1 : 0, bestEffort ? 1 : 0, &raw)
            }
        }
        let codes = [raw.codes.0, raw.codes.1, raw.codes.2].map { $0.map { String(cString: $0) } ?? "un" }
        let percents = [raw.percents.0, raw.percents.1, raw.percents.2].map(Int.init)
        let scores = [raw.normalized_scores.0, raw.normalized_scores.1, raw.normalized_scores.2]
        return Result(
            languages: (0..<3).map { (codes[$0], percents[$0], scores[$0]) }, textBytes: Int(raw.text_bytes),
            isReliable: raw.is_reliable != 0)
    }
}
