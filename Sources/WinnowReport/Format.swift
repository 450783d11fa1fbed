internal import Foundation

/// Number formatting shared by the HTML page and the terminal table. Locale-independent, so the same run
/// gives the same bytes everywhere.
enum Format {
    /// `1234567` → `1,234,567`.
    static func count(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }

    static func count(_ value: Int) -> String { count(Int64(value)) }

    /// Bytes in binary units: `365077` → `356.5 KiB`.
    static func bytes(_ value: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var amount = Double(value)
        var unit = 0
        while abs(amount) >= 1024 && unit < units.count - 1 {
            amount /= 1024
            unit += 1
        }
        return unit == 0 ? "\(value) B" : String(format: "%.1f %@", amount, units[unit])
    }

    /// A measurement with `digits` significant digits, without exponent for everyday magnitudes.
    static func number(_ value: Double, digits: Int = 4) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return count(Int64(value)) }
        let magnitude = abs(value)
        if magnitude >= 1e-3 && magnitude < 1e7 {
            let decimals = max(0, digits - 1 - Int(floor(log10(magnitude))))
            if decimals == 0 { return count(Int64(value.rounded())) }
            var text = String(format: "%.\(decimals)f", value)
            if text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return text
        }
        return String(format: "%.\(digits - 1)e", value)
    }

    /// `part / whole` as a percentage with one decimal, `–` when `whole` is 0.
    static func percent(_ part: Int64, of whole: Int64) -> String {
        whole == 0 ? "–" : String(format: "%.1f%%", Double(part) * 100 / Double(whole))
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
