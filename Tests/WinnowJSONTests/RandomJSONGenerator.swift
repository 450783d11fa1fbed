import WinnowJSON

/// Builds random JSON values from a ``SplitMix64`` stream: every kind of value, strings with
/// escapes and characters of every UTF-8 length, numbers in many textual forms, nesting up to
/// `maxDepth`.
struct RandomJSONGenerator {
    var random: SplitMix64
    var maxDepth: Int

    init(seed: UInt64, maxDepth: Int = 5) {
        random = SplitMix64(seed: seed)
        self.maxDepth = maxDepth
    }

    mutating func value(depth: Int = 0) -> JSONValue {
        let kinds = depth >= maxDepth ? 4 : 7
        switch random.below(kinds) {
        case 0: return .null
        case 1: return .bool(random.chance(1, in: 2))
        case 2: return .number(number())
        case 3: return .string(string())
        case 4, 5:
            if random.chance(1, in: 2) {
                return .array((0..<random.below(6)).map { _ in value(depth: depth + 1) })
            }
            fallthrough
        default:
            var object = JSONObject()
            for _ in 0..<random.below(7) {
                object[key()] = value(depth: depth + 1)
            }
            return .object(object)
        }
    }

    mutating func number() -> JSONNumber {
        switch random.below(6) {
        case 0:
            return JSONNumber(random.inRange(-1000...1000))
        case 1:
            // Integers exactly representable as Double.
            return JSONNumber(Int64(bitPattern: random.next()) >> 11)
        case 2:
            return JSONNumber([Int64.min, Int64.max, 0, -1, 1 << 53][random.below(5)])
        case 3:
            var double: Double
            repeat {
                double = Double(bitPattern: random.next())
            } while !double.isFinite
            return JSONNumber(double)
        case 4:
            return JSONNumber(Double(random.inRange(-1_000_000...1_000_000)) / 1000)
        default:
            // Hand-built texts: fraction and exponent forms, upper and lower case, signs.
            var text = random.chance(1, in: 3) ? "-" : ""
            text += random.chance(1, in: 4) ? "0" : String(random.inRange(1...99999))
            if random.chance(1, in: 2) {
                text += "." + String(repeating: "0", count: random.below(3)) + String(random.inRange(0...9999))
            }
            if random.chance(1, in: 2) {
                text += ["e", "E"][random.below(2)] + ["", "+", "-"][random.below(3)]
                text += String(random.inRange(0...300))
            }
            return JSONNumber(text: text)!
        }
    }

    mutating func string() -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<random.below(24) {
            scalars.append(scalar())
        }
        return String(scalars)
    }

    /// Keys from an alphabet without combining marks, so no two distinct keys are canonically
    /// equivalent (Foundation's dictionaries would merge those).
    mutating func key() -> String {
        let alphabet: [String] = ["a", "b", "c", "id", "text", "_", "0", "é", "中", "😀", "\"", "\\", "\n", " ", "/"]
        var key = ""
        for _ in 0..<random.below(4) {
            key += alphabet[random.below(alphabet.count)]
        }
        return key
    }

    private mutating func scalar() -> UnicodeScalar {
        let value: Int
        switch random.below(10) {
        case 0...3: value = random.inRange(0x20...0x7E)
        case 4: value = [0x22, 0x5C, 0x2F, 0x7F][random.below(4)]
        case 5: value = random.inRange(0x00...0x1F)
        case 6: value = random.inRange(0x80...0x7FF)
        case 7:
            var candidate: Int
            repeat { candidate = random.inRange(0x800...0xFFFF) } while (0xD800...0xDFFF).contains(candidate)
            value = candidate
        case 8: value = random.inRange(0x10000...0x10FFFF)
        default: value = [0xFFFD, 0x2028, 0x2029, 0xFEFF, 0x10FFFF][random.below(5)]
        }
        return UnicodeScalar(UInt32(value))!
    }
}
