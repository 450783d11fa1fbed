import WinnowJSON

/// The error `JSONParser.parse` throws for `bytes`, or `nil` if it parses.
func parseError(_ bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) -> JSONParseError? {
    do {
        _ = try JSONParser.parse(bytes, maxDepth: maxDepth)
        return nil
    } catch {
        return error
    }
}

/// The error `JSONParser.parse` throws for `text`, or `nil` if it parses.
func parseError(_ text: String, maxDepth: Int = JSONParser.defaultMaxDepth) -> JSONParseError? {
    parseError(Array(text.utf8), maxDepth: maxDepth)
}

/// The bytes of `text` with the given raw bytes inserted where `text` has `%`.
func bytes(_ text: String, _ raw: [UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    var rawInserted = false
    for byte in text.utf8 {
        if byte == UInt8(ascii: "%") && !rawInserted {
            result += raw
            rawInserted = true
        } else {
            result.append(byte)
        }
    }
    return result
}

/// A readable rendering of bytes for test names: printable ASCII as is, others as `\xNN`.
func render(_ bytes: [UInt8]) -> String {
    let hex = Array("0123456789ABCDEF")
    var text = ""
    for byte in bytes.prefix(60) {
        if byte >= 0x20 && byte < 0x7F {
            text.append(Character(UnicodeScalar(byte)))
        } else {
            text += "\\x" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
        }
    }
    return bytes.count > 60 ? text + "…" : text
}
