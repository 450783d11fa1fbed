internal import WinnowCore
internal import WinnowIO
internal import WinnowJSON

/// Reads label files into ``LabelData``.
///
/// Formats, detected per file from the first non-blank line (files may be gzip or zstd compressed):
/// * CSV with a header naming the columns `item`, `labeler` (or `worker`), `label`, and optionally `time`
///   and `gold`; other columns are ignored. Fields may be quoted as in RFC 4180 (no line breaks inside).
/// * JSON Lines with the keys `item`, `labeler` (or `worker`), `label`, optional `time` and `gold`; values
///   are strings or numbers (a number stands for its text).
///
/// `time` is accepted and not used. A non-empty `gold` is the item's true class (a control item).
///
/// A record is left out, counted by code and handed to the `problem` callback with its file, line and byte
/// offset, when it is malformed, names an item not in `knownItems` (`unknown-item`), a class not in the label
/// set (`unknown-class`), or repeats an (item, labeler) pair (`duplicate-label`: the first occurrence in
/// file order is kept, unless ``duplicates`` is `.keep`, which counts every row as crowd-kit does). A gold
/// value that contradicts the item's earlier gold value is left out (`conflicting-gold`); its label is kept.
///
/// Limits against hostile label files (docs/decisions/0015-limits.md): a line longer than ``maxLineBytes``
/// is left out as `record-too-large` without being held in memory; a label row past the
/// ``maxLabelsPerItem``-th for its item (in file order) is left out as `limit-exceeded`; a compressed file
/// that expands more than 1,000× stops with `limit-exceeded`.
public struct LabelReader: Sendable {
    /// What to do with a second label by the same labeler for the same item.
    public enum Duplicates: String, Sendable, Hashable, Codable, CaseIterable {
        /// Keep the first in input order; report and leave out the others (the default).
        case reject
        /// Keep every row as a separate label (what crowd-kit and the published figures do); counted.
        case keep
    }

    /// The declared classes; nil infers them from the data (see ``LabelSet/inferred(from:)``).
    public var classes: LabelSet?
    /// The ids labels may name (a pipeline's document ids); nil accepts every item.
    public var knownItems: [String]?
    public var duplicates: Duplicates
    /// Label lines longer than this are left out (`record-too-large`); default 1 MiB.
    public var maxLineBytes: Int
    /// The most label rows read for one item; later rows for it are left out (`limit-exceeded`). Real
    /// crowdsourcing has 3–100 labels per item; default 10,000.
    public var maxLabelsPerItem: Int

    public static let defaultMaxLineBytes = 1 << 20
    public static let defaultMaxLabelsPerItem = 10_000

    public init(
        classes: LabelSet?, knownItems: [String]? = nil, duplicates: Duplicates = .reject,
        maxLineBytes: Int = LabelReader.defaultMaxLineBytes, maxLabelsPerItem: Int = LabelReader.defaultMaxLabelsPerItem
    ) {
        self.classes = classes
        self.knownItems = knownItems
        self.duplicates = duplicates
        self.maxLineBytes = maxLineBytes
        self.maxLabelsPerItem = maxLabelsPerItem
    }

    /// A message naming the first bad limit, or nil.
    public var problem: String? {
        if maxLineBytes < 64 { return "maxLineBytes \(maxLineBytes) is below 64" }
        if maxLabelsPerItem < 1 { return "maxLabelsPerItem \(maxLabelsPerItem) must be at least 1" }
        if let classes, classes.count > 255 { return "a label set holds at most 255 classes, got \(classes.count)" }
        return nil
    }

    /// Reads `paths` in the order given. Throws only when a file cannot be read or has no usable header.
    public func read(_ paths: [String], problem: (LabelProblem) throws -> Void) throws -> LabelData {
        if let message = self.problem { throw WinnowError(.invalidArgument, message, scope: .run) }
        var state = State(reader: self)
        for (fileIndex, path) in paths.enumerated() {
            try state.readFile(path, fileIndex: fileIndex, problem: problem)
        }
        return try state.finish(paths: paths, problem: problem)
    }

    /// The accumulating state of one `read` call.
    struct State {
        let reader: LabelReader
        var items = ByteInterner()
        var labelers = ByteInterner()
        var classNames = ByteInterner()
        var declared: Bool
        var itemsClosed: Bool
        var rowItem: [Int32] = []
        var rowLabeler: [Int32] = []
        var rowLabel: [UInt8] = []
        var rowFile: [UInt16] = []
        var rowLine: [Int64] = []
        var gold: [Int16] = []
        /// Label rows accepted so far per item (parallel to `gold`).
        var labelsPerItem: [Int32] = []
        var counts = LabelCounts()

        init(reader: LabelReader) {
            self.reader = reader
            declared = reader.classes != nil
            for name in reader.classes?.classes ?? [] { _ = classNames.intern(name) }
            itemsClosed = reader.knownItems != nil
            if let known = reader.knownItems {
                items = ByteInterner(capacity: known.count)
                for id in known { _ = items.intern(id) }
                gold = Array(repeating: -1, count: items.count)
                labelsPerItem = Array(repeating: 0, count: items.count)
            }
        }

        enum Format { case unknown, csv, jsonl }

        struct Columns {
            var item = -1, labeler = -1, label = -1, gold = -1
            var needed: Int { max(item, labeler, label, gold) + 1 }
        }

        mutating func readFile(_ path: String, fileIndex: Int, problem: (LabelProblem) throws -> Void) throws {
            guard fileIndex < Int(UInt16.max) else {
                throw WinnowError(.invalidArgument, "too many label files (at most \(UInt16.max))", scope: .run)
            }
            let input = try InputFile.open(path, maxExpansionRatio: 1000)
            let lines = LineReader(source: input, path: path, maxLineBytes: reader.maxLineBytes)
            var format = Format.unknown
            var columns = Columns()
            var fields: [Range<Int>] = []
            var quoted: [[UInt8]] = []
            func report(_ code: WinnowError.Code, _ message: String, line: Int64, offset: Int64, raw: UnsafeRawBufferPointer) throws {
                counts.problems[code.rawValue, default: 0] += 1
                let location = WinnowError.Location(path: path, byteOffset: offset, line: line)
                try problem(LabelProblem(
                    error: WinnowError(code, message, at: location, scope: .record),
                    raw: Array(raw.prefix(LineReader.oversizedPrefixLength))))
            }
            try lines.forEachLine({ line in
                var bytes = line.bytes
                if line.number == 1, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                    bytes = UnsafeRawBufferPointer(rebasing: bytes[3...])
                }
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
                switch format {
                case .unknown:
                    if bytes.first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "{") {
                        format = .jsonl
                    } else {
                        columns = try Self.header(bytes, path: path, line: line.number)
                        format = .csv
                        return
                    }
                case .csv, .jsonl:
                    break
                }
                counts.lines += 1
                if format == .jsonl {
                    let object: JSONObject
                    do {
                        guard let parsed = try JSONParser.parse(bytes).objectValue else {
                            return try report(.malformedRecord, "a label record must be a JSON object", line: line.number, offset: line.offset, raw: bytes)
                        }
                        object = parsed
                    } catch {
                        return try report(.malformedJSON, "not a JSON record: \(error)", line: line.number, offset: line.offset, raw: bytes)
                    }
                    var values: [[UInt8]?] = []
                    for keys in [["item"], ["labeler", "worker"], ["label"], ["gold"]] {
                        var found: [UInt8]? = nil
                        for key in keys {
                            guard let value = object[key] else { continue }
                            switch value {
                            case .string(let text): found = Array(text.utf8)
                            case .number(let number): found = Array(number.text.utf8)
                            case .null: found = nil
                            default:
                                return try report(.wrongFieldType, "'\(key)' must be a string or a number", line: line.number, offset: line.offset, raw: bytes)
                            }
                            break
                        }
                        values.append(found)
                    }
                    if let rejection = accept(values[0] ?? [], values[1] ?? [], values[2] ?? [], values[3] ?? [], fileIndex: fileIndex, line: line.number) {
                        try report(rejection.code, rejection.message, line: line.number, offset: line.offset, raw: bytes)
                    }
                    return
                }
                // CSV
                fields.removeAll(keepingCapacity: true)
                if bytes.contains(0x22) {
                    guard let parsed = Self.splitQuoted(bytes) else {
                        return try report(.malformedRecord, "unbalanced quotes", line: line.number, offset: line.offset, raw: bytes)
                    }
                    quoted = parsed
                    guard quoted.count >= columns.needed else {
                        return try report(.malformedRecord, "\(quoted.count) fields, expected at least \(columns.needed)", line: line.number, offset: line.offset, raw: bytes)
                    }
                    if let rejection = accept(quoted[columns.item], quoted[columns.labeler], quoted[columns.label], columns.gold >= 0 ? quoted[columns.gold] : [], fileIndex: fileIndex, line: line.number) {
                        try report(rejection.code, rejection.message, line: line.number, offset: line.offset, raw: bytes)
                    }
                    return
                }
                var start = 0
                for index in 0..<bytes.count where bytes[index] == 0x2C {
                    fields.append(start..<index)
                    start = index + 1
                }
                fields.append(start..<bytes.count)
                guard fields.count >= columns.needed else {
                    return try report(.malformedRecord, "\(fields.count) fields, expected at least \(columns.needed)", line: line.number, offset: line.offset, raw: bytes)
                }
                let rejection = acceptFields(
                    UnsafeRawBufferPointer(rebasing: bytes[fields[columns.item]]),
                    UnsafeRawBufferPointer(rebasing: bytes[fields[columns.labeler]]),
                    UnsafeRawBufferPointer(rebasing: bytes[fields[columns.label]]),
                    columns.gold >= 0 ? UnsafeRawBufferPointer(rebasing: bytes[fields[columns.gold]]) : UnsafeRawBufferPointer(start: nil, count: 0),
                    fileIndex: fileIndex, line: line.number)
                if let rejection {
                    try report(rejection.code, rejection.message, line: line.number, offset: line.offset, raw: bytes)
                }
            }, oversized: { long in
                counts.lines += 1
                try long.prefix.withUnsafeBytes {
                    try report(.recordTooLarge, "label line of \(long.length) bytes, more than \(reader.maxLineBytes)", line: long.number, offset: long.offset, raw: $0)
                }
            })
        }

        /// Why a record was left out.
        struct Rejection {
            var code: WinnowError.Code
            var message: String
            init(_ code: WinnowError.Code, _ message: String) {
                self.code = code
                self.message = message
            }
        }

        mutating func accept(_ item: [UInt8], _ labeler: [UInt8], _ label: [UInt8], _ gold: [UInt8], fileIndex: Int, line: Int64) -> Rejection? {
            item.withUnsafeBytes { i in
                labeler.withUnsafeBytes { w in
                    label.withUnsafeBytes { y in
                        gold.withUnsafeBytes { g in
                            acceptFields(i, w, y, g, fileIndex: fileIndex, line: line)
                        }
                    }
                }
            }
        }

        mutating func acceptFields(
            _ item: UnsafeRawBufferPointer, _ labeler: UnsafeRawBufferPointer, _ label: UnsafeRawBufferPointer,
            _ gold: UnsafeRawBufferPointer, fileIndex: Int, line: Int64
        ) -> Rejection? {
            let item = Self.trimmed(item), labeler = Self.trimmed(labeler), label = Self.trimmed(label), gold = Self.trimmed(gold)
            if item.isEmpty { return Rejection(.missingField, "empty 'item'") }
            if labeler.isEmpty { return Rejection(.missingField, "empty 'labeler'") }
            if label.isEmpty { return Rejection(.missingField, "empty 'label'") }
            if !Self.isUTF8(item) || !Self.isUTF8(labeler) || !Self.isUTF8(label) || !Self.isUTF8(gold) {
                return Rejection(.invalidUTF8, "a field is not valid UTF-8")
            }
            let itemIndex: Int32
            if itemsClosed {
                guard let found = items.lookup(item) else {
                    return Rejection(.unknownItem, "item '\(String(decoding: item, as: UTF8.self))' is not among the run's documents")
                }
                itemIndex = found
            } else {
                itemIndex = items.intern(item)
                if Int(itemIndex) == self.gold.count {
                    self.gold.append(-1)
                    labelsPerItem.append(0)
                }
            }
            guard Int(labelsPerItem[Int(itemIndex)]) < reader.maxLabelsPerItem else {
                return Rejection(
                    .limitExceeded,
                    "item '\(String(decoding: item, as: UTF8.self))' already has \(reader.maxLabelsPerItem) labels (maxLabelsPerItem); this one is left out")
            }
            let labelIndex: Int32
            if declared {
                guard let found = classNames.lookup(label) else {
                    return Rejection(.unknownClass, "label '\(String(decoding: label, as: UTF8.self))' is not one of the declared classes")
                }
                labelIndex = found
            } else {
                guard let found = internClass(label) else {
                    return Rejection(.unknownClass, "more than 255 distinct labels; declare the classes")
                }
                labelIndex = found
            }
            var conflict: Rejection? = nil
            if !gold.isEmpty {
                let goldIndex: Int32
                if declared {
                    guard let found = classNames.lookup(gold) else {
                        return Rejection(.unknownClass, "gold label '\(String(decoding: gold, as: UTF8.self))' is not one of the declared classes")
                    }
                    goldIndex = found
                } else {
                    guard let found = internClass(gold) else {
                        return Rejection(.unknownClass, "more than 255 distinct labels (with gold labels); declare the classes")
                    }
                    goldIndex = found
                }
                let previous = self.gold[Int(itemIndex)]
                if previous >= 0 && previous != Int16(goldIndex) {
                    conflict = Rejection(.conflictingGold, "gold label '\(String(decoding: gold, as: UTF8.self))' contradicts the item's earlier gold label; the earlier one is kept")
                } else {
                    self.gold[Int(itemIndex)] = Int16(goldIndex)
                }
            }
            labelsPerItem[Int(itemIndex)] += 1
            rowItem.append(itemIndex)
            rowLabeler.append(labelers.intern(labeler))
            rowLabel.append(UInt8(labelIndex))
            rowFile.append(UInt16(fileIndex))
            rowLine.append(line)
            return conflict
        }

        /// The index of an inferred class, interning it when there is room: at most 255 classes (labels and
        /// gold labels together), as a row's label is one byte. A name that does not fit is not interned.
        mutating func internClass(_ name: UnsafeRawBufferPointer) -> Int32? {
            if let found = classNames.lookup(name) { return found }
            guard classNames.count < 255 else { return nil }
            return classNames.intern(name)
        }

        /// Builds the data: renumbers classes (when inferred), items and labelers, then resolves duplicates.
        mutating func finish(paths: [String], problem: (LabelProblem) throws -> Void) throws -> LabelData {
            let classes: LabelSet
            if let declaredSet = reader.classes {
                classes = declaredSet
            } else {
                let names = (0..<classNames.count).map { classNames.string($0) }
                classes = LabelSet.inferred(from: names)
                var remap = Array(repeating: UInt8(0), count: names.count)
                for (index, name) in names.enumerated() { remap[index] = UInt8(classes.index(of: name)!) }
                for row in rowLabel.indices { rowLabel[row] = remap[Int(rowLabel[row])] }
                for item in gold.indices where gold[item] >= 0 { gold[item] = Int16(remap[Int(gold[item])]) }
            }
            // Duplicates: sort row numbers by (item, labeler); rows are already in input order.
            var keep = Array(repeating: true, count: rowItem.count)
            var order = Array(0..<rowItem.count)
            order.sort { (rowItem[$0], rowLabeler[$0], $0) < (rowItem[$1], rowLabeler[$1], $1) }
            var index = 1
            while index < order.count {
                let row = order[index], previous = order[index - 1]
                if rowItem[row] == rowItem[previous] && rowLabeler[row] == rowLabeler[previous] {
                    if reader.duplicates == .keep {
                        counts.duplicatesKept += 1
                    } else {
                        keep[row] = false
                        counts.problems[WinnowError.Code.duplicateLabel.rawValue, default: 0] += 1
                        let location = WinnowError.Location(path: paths[Int(rowFile[row])], line: rowLine[row])
                        let message = "labeler '\(labelers.string(Int(rowLabeler[row])))' already labeled item '\(items.string(Int(rowItem[row])))' (first at \(paths[Int(rowFile[previous])]):\(rowLine[previous]))"
                        try problem(LabelProblem(error: WinnowError(.duplicateLabel, message, at: location, scope: .record), raw: []))
                    }
                }
                index += 1
            }
            // Problems are reported in sorted order above; the kept rows stay in input order.
            if keep.contains(false) {
                var write = 0
                for row in 0..<rowItem.count where keep[row] {
                    rowItem[write] = rowItem[row]
                    rowLabeler[write] = rowLabeler[row]
                    rowLabel[write] = rowLabel[row]
                    write += 1
                }
                rowItem.removeLast(rowItem.count - write)
                rowLabeler.removeLast(rowLabeler.count - write)
                rowLabel.removeLast(rowLabel.count - write)
            }
            counts.accepted = Int64(rowItem.count)
            return LabelData.assemble(
                classes: classes, items: items, labelers: labelers, rowItem: rowItem, rowLabeler: rowLabeler,
                rowLabel: rowLabel, gold: gold, counts: counts)
        }

        static func header(_ bytes: UnsafeRawBufferPointer, path: String, line: Int64) throws -> Columns {
            guard let names = splitQuoted(bytes) else {
                throw WinnowError(.malformedRecord, "unbalanced quotes in the CSV header", at: .init(path: path, line: line), scope: .task)
            }
            var columns = Columns()
            for (index, raw) in names.enumerated() {
                let name = String(decoding: raw.withUnsafeBytes { Array(trimmed($0)) }, as: UTF8.self).lowercased()
                switch name {
                case "item", "task": if columns.item < 0 { columns.item = index }
                case "labeler", "worker": if columns.labeler < 0 { columns.labeler = index }
                case "label": if columns.label < 0 { columns.label = index }
                case "gold": if columns.gold < 0 { columns.gold = index }
                default: break
                }
            }
            guard columns.item >= 0, columns.labeler >= 0, columns.label >= 0 else {
                throw WinnowError(
                    .missingField, "the CSV header must name the columns item, labeler (or worker) and label; got '\(String(decoding: bytes, as: UTF8.self))'",
                    at: .init(path: path, line: line), scope: .task)
            }
            return columns
        }

        /// RFC 4180 fields of one line; nil when a quote is not closed.
        static func splitQuoted(_ bytes: UnsafeRawBufferPointer) -> [[UInt8]]? {
            var fields: [[UInt8]] = []
            var field: [UInt8] = []
            var index = 0
            var inQuotes = false
            while index < bytes.count {
                let byte = bytes[index]
                if inQuotes {
                    if byte == 0x22 {
                        if index + 1 < bytes.count && bytes[index + 1] == 0x22 {
                            field.append(0x22)
                            index += 1
                        } else {
                            inQuotes = false
                        }
                    } else {
                        field.append(byte)
                    }
                } else if byte == 0x22 {
                    inQuotes = true
                } else if byte == 0x2C {
                    fields.append(field)
                    field.removeAll()
                } else {
                    field.append(byte)
                }
                index += 1
            }
            if inQuotes { return nil }
            fields.append(field)
            return fields
        }

        static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
            var start = 0, end = bytes.count
            while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
            while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D) { end -= 1 }
            return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        }

        static func isUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
            if bytes.allSatisfy({ $0 < 0x80 }) { return true }
            return String(validating: bytes, as: UTF8.self) != nil
        }
    }
}
