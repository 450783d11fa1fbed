/// The JSON number grammar (RFC 8259 §6), shared by ``JSONParser`` and ``JSONNumber/init(text:)``.
///
/// ```
/// number = [ "-" ] int [ frac ] [ exp ]
/// int    = "0" / ( digit1-9 *DIGIT )
/// frac   = "." 1*DIGIT
/// exp    = ( "e" / "E" ) [ "-" / "+" ] 1*DIGIT
/// ```
enum JSONNumberGrammar {
    enum ScanResult {
        /// A number ends just before `end`.
        case number(end: Int)
        /// The grammar is violated at `offset`.
        case error(offset: Int, reason: StaticString)
    }

    /// Scans the longest number starting at `start`. The byte after the number is not examined
    /// beyond what the grammar needs: `0x1` scans as `0`, leaving `x1` for the caller.
    @inline(__always)
    static func scan(_ base: UnsafePointer<UInt8>, from start: Int, end: Int) -> ScanResult {
        var index = start
        if index < end && base[index] == UInt8(ascii: "-") { index += 1 }
        guard index < end else {
            return .error(offset: index, reason: index > start ? "expected digit after '-'" : "expected digit")
        }
        let first = base[index]
        if first == UInt8(ascii: "0") {
            index += 1
            if index < end && isDigit(base[index]) {
                return .error(offset: index, reason: "leading zeros are not allowed in numbers")
            }
        } else if first >= UInt8(ascii: "1") && first <= UInt8(ascii: "9") {
            index += 1
            while index < end && isDigit(base[index]) { index += 1 }
        } else {
            return .error(offset: index, reason: index > start ? "expected digit after '-'" : "expected digit")
        }

        if index < end && base[index] == UInt8(ascii: ".") {
            index += 1
            guard index < end && isDigit(base[index]) else {
                return .error(offset: index, reason: "expected digit after decimal point")
            }
            while index < end && isDigit(base[index]) { index += 1 }
        }

        if index < end && (base[index] | 0x20) == UInt8(ascii: "e") {
            index += 1
            if index < end && (base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-")) {
                index += 1
            }
            guard index < end && isDigit(base[index]) else {
                return .error(offset: index, reason: "expected digit in exponent")
            }
            while index < end && isDigit(base[index]) { index += 1 }
        }
        return .number(end: index)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}
