/// HTML and XML escaping: every piece of run data (ids, reasons, sources, stage labels, the plan) passes
/// through here before it reaches the page.
enum HTMLText {
    /// Escapes `&`, `<`, `>`, `"` and `'`, which makes the text safe both as element content and inside a
    /// quoted attribute, in HTML and in inline SVG (XML).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab and newline are not allowed in XML 1.0.
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
