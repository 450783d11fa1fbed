extension JSONByteParser {
    /// Reads a number starting at `position` (a `-` or a digit).
    @inline(__always)
    mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = position
        switch JSONNumberGrammar.scan(base, from: start, end: end) {
        case .number(let numberEnd):
            position = numberEnd
            let text = String(decoding: UnsafeBufferPointer(start: base + start, count: numberEnd - start), as: UTF8.self)
            return JSONNumber(uncheckedText: text)
        case .error(let offset, let reason):
            throw syntaxError(at: offset, "invalid number: \(reason)")
        }
    }

    /// Reads the literal `true`, `false` or `null` whose first byte is at `position`.
    @inline(__always)
    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let length = literal.utf8CodeUnitCount
        let literalBytes = literal.utf8Start
        var index = 0
        while index < length {
            guard position + index < end, base[position + index] == literalBytes[index] else {
                throw syntaxError(at: position + index, "invalid literal: expected '\(literal)'")
            }
            index += 1
        }
        position += length
    }
}
