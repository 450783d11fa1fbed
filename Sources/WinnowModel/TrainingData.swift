internal import WinnowCore
internal import WinnowIO
internal import WinnowJSON

/// Reads classifier training data: Dolma JSON Lines documents (`id`, `text`) labelled by the consensus
/// table that `winnow consensus` (or the `consensus.labels@1` stage's report) writes, `item,label,confidence`,
/// joined on `id` = `item`; or, without a table, by the `{"label", "confidence"}` object that the consensus
/// stage records in each document's `attributes[<consensus label>]`.
///
/// Nothing vanishes: a malformed document line is counted and described in ``Summary/problems`` (file and
/// line) and the run goes on; a malformed table row stops the read with a ``WinnowError`` naming file and
/// line, since a table is one artefact that is either right or not. Examples come back sorted by id bytes.
public enum TrainingData {
    /// What the read found besides the examples.
    public struct Summary: Sendable, Hashable, Codable {
        public var documents = 0
        public var labelled = 0
        /// Documents with no consensus label.
        public var unlabelled = 0
        /// Lines that are not a JSON object with string `id` and `text`.
        public var rejected = 0
        /// Documents whose id was seen before (the first is kept).
        public var duplicates = 0
        /// Table items with no document.
        public var itemsWithoutDocument = 0
        /// The first problems, as `path:line: reason`.
        public var problems: [String] = []
    }

    public static let maxProblemsListed = 20

    /// Reads `documents` (JSON Lines, plain/gzip/zstd) and, when given, the consensus table `labels`.
    public static func read(documents: [String], labels: String?, attribute: String = "consensus") throws -> (examples: [TrainingExample], summary: Summary) {
        var summary = Summary()
        let table = try labels.map(readTable)
        var seen = Set<String>()
        var usedItems = Set<String>()
        var examples: [TrainingExample] = []
        func problem(_ text: String) {
            summary.rejected += 1
            if summary.problems.count < maxProblemsListed { summary.problems.append(text) }
        }
        for path in documents {
            let reader = LineReader(source: try InputFile.open(path), path: path)
            try reader.forEachLine({ line in
                guard !line.bytes.isEmpty else { return }
                let object: JSONObject
                do {
                    guard let parsed = try JSONParser.parse(line.bytes).objectValue else {
                        return problem("\(path):\(line.number): not a JSON object")
                    }
                    object = parsed
                } catch {
                    return problem("\(path):\(line.number): \(error)")
                }
                guard let id = object["id"]?.stringValue, let text = object["text"]?.stringValue else {
                    return problem("\(path):\(line.number): no string `id` and `text`")
                }
                summary.documents += 1
                guard seen.insert(id).inserted else { summary.duplicates += 1; return }
                var label: String?
                var confidence = 1.0
                if let table {
                    if let entry = table[id] {
                        label = entry.label
                        confidence = entry.confidence
                        usedItems.insert(id)
                    }
                } else if let consensus = object["attributes"]?.objectValue?[attribute]?.objectValue,
                          let name = consensus["label"]?.stringValue {
                    label = name
                    confidence = consensus["confidence"]?.doubleValue ?? 1
                }
                guard let label else { summary.unlabelled += 1; return }
                summary.labelled += 1
                examples.append(TrainingExample(id: id, text: text, label: label, weight: confidence))
            }, oversized: { oversized in
                problem("\(path):\(oversized.number): line longer than the reader's limit")
            })
        }
        if let table { summary.itemsWithoutDocument = table.count - usedItems.count }
        examples.sort { Array($0.id.utf8).lexicographicallyPrecedes(Array($1.id.utf8)) }
        return (examples, summary)
    }

    /// `item → (label, confidence)` from a consensus CSV with a header naming `item`, `label` and
    /// `confidence` (other columns ignored; RFC 4180 quoting).
    static func readTable(_ path: String) throws -> [String: (label: String, confidence: Double)] {
        let reader = LineReader(source: try InputFile.open(path), path: path)
        var columns: (item: Int, label: Int, confidence: Int)?
        var table: [String: (label: String, confidence: Double)] = [:]
        try reader.forEachLine({ line in
            let location = WinnowError.Location(path: path, byteOffset: line.offset, line: line.number)
            var bytes = Array(line.bytes)
            if bytes.last == 0x0d { bytes.removeLast() }
            guard let fields = parseCSVLine(bytes) else {
                throw WinnowError(.malformedRecord, "consensus table: unbalanced quotes", at: location, scope: .run)
            }
            guard let header = columns else {
                guard let item = fields.firstIndex(of: "item"), let label = fields.firstIndex(of: "label"),
                      let confidence = fields.firstIndex(of: "confidence")
                else {
                    throw WinnowError(.malformedRecord, "consensus table: the header must name item, label and confidence, not \(fields.joined(separator: ","))", at: location, scope: .run)
                }
                columns = (item, label, confidence)
                return
            }
            if fields == [""] { return }
            guard fields.count > max(header.item, header.label, header.confidence) else {
                throw WinnowError(.malformedRecord, "consensus table: \(fields.count) fields, the header has more", at: location, scope: .run)
            }
            let item = fields[header.item], label = fields[header.label]
            guard let confidence = Double(fields[header.confidence]), confidence.isFinite, (0...1).contains(confidence) else {
                throw WinnowError(.malformedRecord, "consensus table: confidence '\(fields[header.confidence])' is not a number in [0, 1]", at: location, scope: .run)
            }
            guard !label.isEmpty, !label.utf8.contains(where: FastTextFeaturizer.isSeparator) else {
                throw WinnowError(.malformedRecord, "consensus table: label '\(label)' is empty or has whitespace, which a fastText label cannot", at: location, scope: .run)
            }
            guard table[item] == nil else {
                throw WinnowError(.malformedRecord, "consensus table: item '\(item)' appears twice", at: location, scope: .run)
            }
            table[item] = (label, confidence)
        }, oversized: { oversized in
            throw WinnowError(.recordTooLarge, "consensus table: line too long", at: .init(path: path, line: oversized.number), scope: .run)
        })
        guard columns != nil else { throw WinnowError(.emptyInput, "consensus table is empty", at: .init(path: path), scope: .run) }
        return table
    }

    /// The fields of one CSV line, or nil when a quote is left open.
    static func parseCSVLine(_ bytes: [UInt8]) -> [String]? {
        var fields: [String] = []
        var field: [UInt8] = []
        var index = 0
        var quoted = false
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == 0x22 {
                    if index + 1 < bytes.count, bytes[index + 1] == 0x22 {
                        field.append(0x22)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == 0x22, field.isEmpty {
                quoted = true
            } else if byte == 0x2c {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll()
            } else {
                field.append(byte)
            }
            index += 1
        }
        if quoted { return nil }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }
}
