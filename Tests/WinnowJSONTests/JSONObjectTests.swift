import Testing
import WinnowJSON

@Suite("JSONObject keeps order and unique keys")
struct JSONObjectTests {
    @Test("a later duplicate replaces the earlier value in place")
    func initReplacesInPlace() {
        let object = JSONObject([("a", 1), ("b", 2), ("a", 3), ("c", 4), ("b", 5)])
        #expect(object.keys == ["a", "b", "c"])
        #expect(object.entries == [.init(key: "a", value: 3), .init(key: "b", value: 5), .init(key: "c", value: 4)])
    }

    @Test("large inputs (hash-indexed path) replace duplicates in place too")
    func initLargeReplacesInPlace() {
        var pairs: [(String, JSONValue)] = (0..<100).map { ("k\($0)", .number(JSONNumber($0))) }
        pairs.append(("k50", "replaced"))
        pairs.append(("k0", "first"))
        let object = JSONObject(pairs)
        #expect(object.keys == (0..<100).map { "k\($0)" })
        #expect(object["k50"] == "replaced")
        #expect(object["k0"] == "first")
        #expect(object["k99"] == 99)
    }

    @Test("dictionary literals keep the literal's order")
    func literalOrder() {
        let object: JSONObject = ["z": 1, "a": 2, "m": 3]
        #expect(object.keys == ["z", "a", "m"])
        let value: JSONValue = ["z": 1, "a": 2, "m": 3]
        #expect(value.objectValue == object)
    }

    @Test("subscript: get, replace in place, append, remove with nil, store JSON null with .null")
    func subscripts() {
        var object: JSONObject = ["a": 1, "b": 2]
        #expect(object["a"] == 1)
        #expect(object["missing"] == nil)
        object["a"] = "one"
        object["c"] = 3
        #expect(object.keys == ["a", "b", "c"])
        #expect(object["a"] == "one")
        object["b"] = nil
        #expect(object.keys == ["a", "c"])
        object["n"] = .null
        #expect(object.keys == ["a", "c", "n"])
        #expect(object["n"] == .null)
        #expect(object.count == 3)
        #expect(!object.isEmpty)
        #expect(JSONObject().isEmpty)
    }

    @Test("removeValue returns the value and keeps the others' order")
    func removeValue() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3]
        #expect(object.removeValue(forKey: "b") == 2)
        #expect(object.removeValue(forKey: "b") == nil)
        #expect(object.keys == ["a", "c"])
    }

    @Test("keys are compared by UTF-8 bytes, not canonical equivalence")
    func byteKeys() {
        var object = JSONObject()
        object["\u{E9}"] = 1
        object["e\u{301}"] = 2
        #expect(object.count == 2)
        #expect(object["\u{E9}"] == 1)
        #expect(object["e\u{301}"] == 2)
        #expect(object.index(forKey: "e\u{301}") == 1)
    }

    @Test("iteration yields entries in order")
    func iteration() {
        let object: JSONObject = ["x": true, "y": false]
        #expect(object.map(\.key) == ["x", "y"])
        #expect(object.map(\.value) == [true, false])
        #expect(object.underestimatedCount == 2)
    }

    @Test("sortedByKey sorts this level only, by UTF-8 bytes")
    func sortedByKey() {
        let object: JSONObject = [
            "😀": 1, "a": ["z": 1, "b": 2], "\u{FFFD}": 3, "Z": 4, "é": 5, "z": 6, "": 7, "aa": 8,
        ]
        let sorted = object.sortedByKey()
        // UTF-8 order puts U+FFFD (EF BF BD) before U+1F600 (F0 9F 98 80); UTF-16 order would not.
        #expect(sorted.keys == ["", "Z", "a", "aa", "z", "é", "\u{FFFD}", "😀"])
        #expect(sorted["a"]?.objectValue?.keys == ["z", "b"])
    }

    @Test("equality is order-sensitive; sortedByKey makes it order-insensitive")
    func equality() {
        let first: JSONObject = ["a": 1, "b": 2]
        let second: JSONObject = ["b": 2, "a": 1]
        #expect(first != second)
        #expect(first.sortedByKey() == second.sortedByKey())
        #expect(Set([first, second, first]).count == 2)
    }
}

@Suite("JSONValue accessors, literals and equality")
struct JSONValueTests {
    @Test("convenience accessors return a value only for their own kind")
    func accessors() throws {
        let value = try JSONParser.parse(#"{"s":"x","n":-12,"d":2.5,"b":true,"z":null,"a":[1],"o":{"k":1}}"#)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["n"]?.int64Value == -12)
        #expect(value["n"]?.doubleValue == -12)
        #expect(value["d"]?.doubleValue == 2.5)
        #expect(value["d"]?.int64Value == nil)
        #expect(value["d"]?.numberValue?.text == "2.5")
        #expect(value["b"]?.boolValue == true)
        #expect(value["z"]?.isNull == true)
        #expect(value["a"]?.arrayValue == [1])
        #expect(value["o"]?.objectValue == ["k": 1])
        #expect(value["o"]?["k"] == 1)
        #expect(value["missing"] == nil)
        #expect(value["s"]?["k"] == nil)
        #expect(value["s"]?.objectValue == nil)
        #expect(value["s"]?.boolValue == nil)
        #expect(value["s"]?.isNull == false)
        #expect(value["a"]?.stringValue == nil)
        #expect(value.arrayValue == nil)
        #expect(JSONValue.array([])["k"] == nil)
    }

    @Test("literals build the expected cases")
    func literals() {
        #expect(("x" as JSONValue) == .string("x"))
        #expect((3 as JSONValue) == .number(JSONNumber(text: "3")!))
        #expect((0.25 as JSONValue) == .number(JSONNumber(text: "0.25")!))
        #expect((true as JSONValue) == .bool(true))
        #expect((nil as JSONValue) == .null)
        #expect(([1, "a"] as JSONValue) == .array([.number(JSONNumber(1)), .string("a")]))
        #expect((["k": 1] as JSONValue) == .object(JSONObject([("k", 1)])))
    }

    @Test("string values compare and hash by UTF-8 bytes")
    func byteEquality() {
        let composed = JSONValue.string("\u{E9}")
        let decomposed = JSONValue.string("e\u{301}")
        #expect(composed != decomposed)
        #expect(Set([composed, decomposed]).count == 2)
        #expect(JSONValue.string("e\u{301}") == decomposed)
        #expect(Set([decomposed, .string("e\u{301}")]).count == 1)
    }

    @Test("kinds never compare equal across cases")
    func crossKind() {
        let values: [JSONValue] = [nil, false, 0, "", [], [:], "null", "0", [nil]]
        for (i, a) in values.enumerated() {
            for (j, b) in values.enumerated() {
                #expect((a == b) == (i == j), "\(a) vs \(b)")
            }
        }
        #expect(Set(values).count == values.count)
    }
}
