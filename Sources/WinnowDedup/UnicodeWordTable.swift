/// Per-scalar facts the shingler needs, computed on first use and kept for the Basic Multilingual Plane
/// (code points below U+10000; the rest are looked up on the fly).
///
/// An entry packs: bits 0–20 the simple lower-case mapping of the scalar; bits 21–22 the class of that
/// lower-cased scalar; bits 23–24 the class of the scalar itself; bit 25 set when the lower-case mapping is
/// more than one scalar (U+0130 `İ` → `i̇`), which takes the slow path; bit 26 when the lower-cased scalar is a
/// decimal digit; bit 27 when the scalar itself is one.
enum UnicodeWordTable {
    /// Classes of a scalar.
    static let separator: UInt32 = 0
    static let word: UInt32 = 1
    static let symbol: UInt32 = 2

    static let complexBit: UInt32 = 1 << 25
    static let lowerDigitBit: UInt32 = 1 << 26
    static let digitBit: UInt32 = 1 << 27

    /// Marks an entry of a ``Cache`` not computed yet (no entry has bits 28–31 set).
    static let unknown: UInt32 = .max

    /// A lazily filled table of the entries of the Basic Multilingual Plane, indexed by code point
    /// (surrogates are separators). Building all 65,536 entries up front cost about 160 M instructions per
    /// process (one `lowercaseMapping` string each) while a typical corpus touches a few hundred scalars, so
    /// each entry is computed on first use. Not `Sendable`: one per ``Shingler``.
    final class Cache {
        /// Entries by code point below U+10000; ``UnicodeWordTable/unknown`` until ``fill(_:)`` computed one.
        let entries: UnsafeMutablePointer<UInt32>

        init() {
            entries = .allocate(capacity: 0x10000)
            entries.initialize(repeating: UnicodeWordTable.unknown, count: 0x10000)
        }

        deinit { entries.deallocate() }

        /// The entry of `value` (any scalar value; values at or above U+10000 are computed every time).
        @inline(__always)
        func entry(_ value: UInt32) -> UInt32 {
            guard value < 0x10000 else { return UnicodeWordTable.entry(Unicode.Scalar(value) ?? " ") }
            let cached = entries[Int(value)]
            return cached != UnicodeWordTable.unknown ? cached : fill(value)
        }

        /// Computes and keeps the entry of `value` (below U+10000).
        @inline(never)
        func fill(_ value: UInt32) -> UInt32 {
            let computed = Unicode.Scalar(value).map(UnicodeWordTable.entry) ?? 0
            entries[Int(value)] = computed
            return computed
        }
    }

    static func entry(_ scalar: Unicode.Scalar) -> UInt32 {
        let mapping = scalar.properties.lowercaseMapping.unicodeScalars
        var result = classOf(scalar) << 23
        if isDecimalDigit(scalar) { result |= digitBit }
        if mapping.count == 1, let lower = mapping.first {
            result |= lower.value | classOf(lower) << 21
            if isDecimalDigit(lower) { result |= lowerDigitBit }
        } else {
            result |= complexBit | scalar.value
        }
        return result
    }

    /// Word characters follow Python's `\w` on `str`: letters (`L*`), numbers (`Nd`, `Nl`, `No`) and `_`.
    static func classOf(_ scalar: Unicode.Scalar) -> UInt32 {
        if scalar == "_" { return word }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return word
        default:
            return scalar.properties.isWhitespace ? separator : symbol
        }
    }

    static func isDecimalDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .decimalNumber
    }
}
