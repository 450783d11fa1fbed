public import WinnowCore
public import WinnowJSON

/// Labels as dense integer arrays, ready for aggregation: items and labelers are indices into id lists
/// sorted by UTF-8 bytes, classes are indices into the label set, and the labels are grouped by item
/// (compressed sparse rows), in input order within an item.
///
/// Every aggregator reads only these arrays: no dictionary, no string, no hashing in the EM loops.
public struct LabelData: Sendable {
    /// The classes; a label's value is its index here.
    public var classes: LabelSet
    /// The items that have at least one accepted label, sorted by UTF-8 bytes.
    public var items: [String]
    /// The labelers, sorted by UTF-8 bytes.
    public var labelers: [String]
    /// The labels of item `t` are rows `itemStart[t] ..< itemStart[t + 1]`.
    public var itemStart: [Int]
    /// The labeler (index into ``labelers``) of each row.
    public var rowLabeler: [Int32]
    /// The class (index into ``classes``) of each row.
    public var rowLabel: [UInt8]
    /// The gold class of each item, or -1.
    public var gold: [Int16]
    /// What the reader counted: lines, accepted labels, problems by code.
    public var counts: LabelCounts

    public init(
        classes: LabelSet, items: [String], labelers: [String], itemStart: [Int], rowLabeler: [Int32], rowLabel: [UInt8],
        gold: [Int16], counts: LabelCounts = LabelCounts()
    ) {
        precondition(itemStart.count == items.count + 1 && itemStart.last == rowLabeler.count && rowLabel.count == rowLabeler.count)
        precondition(gold.count == items.count)
        self.classes = classes
        self.items = items
        self.labelers = labelers
        self.itemStart = itemStart
        self.rowLabeler = rowLabeler
        self.rowLabel = rowLabel
        self.gold = gold
        self.counts = counts
    }

    /// Labels given as `(item, labeler, class name)` triples, in order; `gold` maps items to gold classes.
    /// For tests and programmatic use; every triple must be valid (unknown classes trap).
    public init(classes: LabelSet, labels: [(item: String, labeler: String, label: String)], gold: [(item: String, label: String)] = []) {
        var items = ByteInterner()
        var labelers = ByteInterner()
        var rows: [(Int32, Int32, UInt8)] = []
        for triple in labels {
            guard let code = classes.index(of: triple.label) else { preconditionFailure("unknown class '\(triple.label)'") }
            rows.append((items.intern(triple.item), labelers.intern(triple.labeler), UInt8(code)))
        }
        var goldCodes = Array(repeating: Int16(-1), count: items.count)
        for pair in gold {
            guard let code = classes.index(of: pair.label) else { preconditionFailure("unknown class '\(pair.label)'") }
            var bytes = pair.item
            if let index = bytes.withUTF8({ items.lookup(UnsafeRawBufferPointer($0)) }) { goldCodes[Int(index)] = Int16(code) }
        }
        self = LabelData.assemble(
            classes: classes, items: items, labelers: labelers,
            rowItem: rows.map(\.0), rowLabeler: rows.map(\.1), rowLabel: rows.map(\.2), gold: goldCodes,
            counts: LabelCounts(lines: Int64(rows.count), accepted: Int64(rows.count)))
    }

    public var itemCount: Int { items.count }
    public var labelerCount: Int { labelers.count }
    public var classCount: Int { classes.count }
    public var rowCount: Int { rowLabel.count }

    /// Groups rows by item, with items and labelers renumbered in UTF-8 byte order of their ids; items with
    /// no row are left out. Row order within an item is kept (a stable counting sort).
    static func assemble(
        classes: LabelSet, items: ByteInterner, labelers: ByteInterner,
        rowItem: [Int32], rowLabeler: [Int32], rowLabel: [UInt8], gold: [Int16], counts: LabelCounts
    ) -> LabelData {
        var perItem = Array(repeating: 0, count: items.count)
        for item in rowItem { perItem[Int(item)] += 1 }
        var itemIndex = Array(repeating: Int32(-1), count: items.count)
        var itemIDs: [String] = []
        var itemGold: [Int16] = []
        for entry in items.sortedOrder() where perItem[Int(entry)] > 0 {
            itemIndex[Int(entry)] = Int32(itemIDs.count)
            itemIDs.append(items.string(Int(entry)))
            itemGold.append(gold[Int(entry)])
        }
        var labelerIndex = Array(repeating: Int32(0), count: labelers.count)
        var labelerIDs: [String] = []
        labelerIDs.reserveCapacity(labelers.count)
        for entry in labelers.sortedOrder() {
            labelerIndex[Int(entry)] = Int32(labelerIDs.count)
            labelerIDs.append(labelers.string(Int(entry)))
        }
        var start = Array(repeating: 0, count: itemIDs.count + 1)
        for entry in 0..<items.count where itemIndex[entry] >= 0 { start[Int(itemIndex[entry]) + 1] = perItem[entry] }
        for index in 0..<itemIDs.count { start[index + 1] += start[index] }
        var next = start
        var sortedLabeler = Array(repeating: Int32(0), count: rowItem.count)
        var sortedLabel = Array(repeating: UInt8(0), count: rowItem.count)
        for row in 0..<rowItem.count {
            let item = Int(itemIndex[Int(rowItem[row])])
            sortedLabeler[next[item]] = labelerIndex[Int(rowLabeler[row])]
            sortedLabel[next[item]] = rowLabel[row]
            next[item] += 1
        }
        return LabelData(
            classes: classes, items: itemIDs, labelers: labelerIDs, itemStart: start, rowLabeler: sortedLabeler,
            rowLabel: sortedLabel, gold: itemGold, counts: counts)
    }
}

/// What reading labels found.
public struct LabelCounts: Sendable, Hashable, Codable {
    /// Label records read (lines other than headers and blank lines).
    public var lines: Int64 = 0
    /// Labels used for aggregation.
    public var accepted: Int64 = 0
    /// Records left out, by error code (`unknown-item`, `duplicate-label`, `unknown-class`, ...).
    public var problems: [String: Int64] = [:]
    /// Repeated (item, labeler) pairs that were kept because duplicates are configured as `keep`.
    public var duplicatesKept: Int64 = 0

    public init(lines: Int64 = 0, accepted: Int64 = 0) {
        self.lines = lines
        self.accepted = accepted
    }

    public var problemCount: Int64 { problems.values.reduce(0, +) }
}

/// A label record that was left out (or, for `conflicting-gold`, whose gold value was), with its place in
/// the input and its raw bytes, for the quarantine.
public struct LabelProblem: Sendable {
    public var error: WinnowError
    public var raw: [UInt8]

    public init(error: WinnowError, raw: [UInt8]) {
        self.error = error
        self.raw = raw
    }
}

extension LabelProblem {
    /// The quarantine line: `{"path", "line", "offset", "code", "message", "raw"}` (as in the run's `rejects/`).
    public var record: JSONValue {
        var object = JSONObject()
        object["path"] = error.location.map { .string($0.path) } ?? .null
        object["line"] = error.location?.line.map { .number(JSONNumber($0)) } ?? .null
        object["offset"] = error.location?.byteOffset.map { .number(JSONNumber($0)) } ?? .null
        object["code"] = .string(error.code.rawValue)
        object["message"] = .string(error.message)
        object["raw"] = .string(String(decoding: raw, as: UTF8.self))
        return .object(object)
    }
}
