internal import WinnowJSON

/// Finds the threshold a stage applies to one of its scores, from the stage's config in the plan.
///
/// A config key `min<Name>` or `max<Name>` with a numeric value matches the score `<name>` when the two
/// names agree after lower-casing and dropping everything but letters and digits, allowing a plural `s` on
/// either side (`minWords` ↔ `words`, `max_perplexity` ↔ `perplexity`); a key `threshold` matches a score
/// named `score`. Anything less obvious is not guessed.
enum ScoreThreshold {
    static func find(score: String, in config: JSONObject?) -> [SVGChart.Threshold] {
        guard let config else { return [] }
        let target = normalize(score)
        var found: [SVGChart.Threshold] = []
        for entry in config {
            guard let value = entry.value.doubleValue, value.isFinite else { continue }
            let key = normalize(entry.key)
            if key == "threshold" && target == "score" {
                found.append(.init(value: value, label: entry.key))
                continue
            }
            guard key.hasPrefix("min") || key.hasPrefix("max") else { continue }
            let name = String(key.dropFirst(3))
            if !name.isEmpty && (name == target || name + "s" == target || name == target + "s") {
                found.append(.init(value: value, label: entry.key))
            }
        }
        return found
    }

    static func normalize(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter {
            ("a"..."z").contains($0) || ("0"..."9").contains($0)
        }))
    }
}
