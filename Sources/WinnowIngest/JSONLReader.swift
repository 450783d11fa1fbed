public import WinnowCore
internal import WinnowIO
internal import WinnowJSON

/// Reads Dolma-style JSON Lines: `.jsonl`, `.jsonl.gz`, `.jsonl.zst` (compression is detected from the
/// file's first bytes, not its name), one JSON object per line.
///
/// Fields: the text comes from `textField` (default `text`), the id from `idField` (default `id`; a string
/// or a number). `source`, `added`, `created` are taken when present and strings. `metadata` (an object) is
/// carried over, and every other top-level field is added to it, so nothing of the input is lost.
///
/// A record without an id gets `<file name>:<line>` when `missingID` is `.derive` (the default), which is
/// stable for the same input file. Blank lines are skipped. Everything else that is not a usable record is
/// rejected with the file, line and byte offset (in the decompressed stream), and the run goes on.
public struct JSONLReader: SourceStage {
    public static let identifier: StageIdentifier = "read.jsonl@1"

    /// What to do with a record that has no id.
    public enum MissingIDPolicy: String, Sendable, Codable {
        /// Use `<file name>:<line>`.
        case derive
        /// Reject the record.
        case reject
    }

    public var label: String
    public var inputs: [String]
    public var textField: String
    public var idField: String
    /// The `source` of documents whose record has none (default: `jsonl`).
    public var defaultSource: String
    public var missingID: MissingIDPolicy
    /// Records (lines) longer than this are rejected (`record-too-large`) without being held in memory.
    public var maxRecordBytes: Int
    /// For compressed files, the largest ratio of decompressed to compressed bytes (checked past the first
    /// MiB); past it the rest of the file is quarantined with `limit-exceeded` (a gzip or zstd bomb). Nil
    /// for no limit. See docs/decisions/0015-limits.md.
    public var maxExpansionRatio: Double?

    public init(
        _ inputs: [String],
        textField: String = "text",
        idField: String = "id",
        defaultSource: String = "jsonl",
        missingID: MissingIDPolicy = .derive,
        maxRecordBytes: Int = 64 << 20,
        maxExpansionRatio: Double? = JSONLReader.defaultMaxExpansionRatio,
        label: String = "read.jsonl"
    ) {
        self.label = label
        self.inputs = inputs
        self.textField = textField
        self.idField = idField
        self.defaultSource = defaultSource
        self.missingID = missingID
        self.maxRecordBytes = maxRecordBytes
        self.maxExpansionRatio = maxExpansionRatio
    }

    /// The default ``maxExpansionRatio``: 200, far above real text (gzip 3–10×, zstd up to ~30×) and far
    /// below a bomb's (zeros: gzip ~1,000×, zstd ~30,000×).
    public static let defaultMaxExpansionRatio: Double? = 200

    public func validate() throws {
        guard !textField.isEmpty else { throw invalid("textField is empty") }
        guard !idField.isEmpty else { throw invalid("idField is empty") }
        guard textField != idField else { throw invalid("textField and idField are both '\(textField)'") }
        guard maxRecordBytes >= 1024 else { throw invalid("maxRecordBytes \(maxRecordBytes) is below 1024") }
        if let ratio = maxExpansionRatio, !(ratio >= 1) || !ratio.isFinite {
            throw invalid("maxExpansionRatio \(ratio) must be a finite number >= 1 (or nil for no limit)")
        }
    }

    public func accepts(path: String) -> Bool {
        InputProbe.accepts(path, byName: Self.acceptsName)
    }

    static func acceptsName(_ path: String) -> Bool {
        let lower = path.lowercased()
        return [".jsonl", ".jsonl.gz", ".jsonl.zst", ".jsonl.zstd", ".ndjson", ".ndjson.gz", ".ndjson.zst", ".json.gz", ".json.zst"]
            .contains { lower.hasSuffix($0) }
    }

    public func read(_ input: InputDescriptor, context: TaskContext, emit: (ReaderEvent) throws -> Void) throws {
        let stream = try InputFile.open(input.path, maxExpansionRatio: maxExpansionRatio)
        let lines = LineReader(source: stream, path: input.path, maxLineBytes: maxRecordBytes)
        let fileName = input.path.split(separator: "/").last.map(String.init) ?? input.path
        var ordinal: Int64 = 0
        var sawBytes = false

        func location(_ line: Int64, _ offset: Int64) -> WinnowError.Location {
            WinnowError.Location(path: input.path, byteOffset: offset, line: line)
        }

        do {
            try lines.forEachLine({ line in
                sawBytes = true
                if Self.isBlank(line.bytes) { return }
                defer { ordinal += 1 }
                let event = self.decode(
                    line.bytes, fileName: fileName, input: input, ordinal: ordinal, line: line.number, offset: line.offset
                )
                try emit(event)
            }, oversized: { long in
                sawBytes = true
                defer { ordinal += 1 }
                let error = WinnowError(
                    .recordTooLarge, "record of \(long.length) bytes exceeds maxRecordBytes \(self.maxRecordBytes)",
                    at: location(long.number, long.offset))
                try emit(.reject(Reject(error: error, raw: long.prefix)))
            })
        } catch let error as WinnowError
            where error.code == .truncatedStream || error.code == .corruptStream || error.code == .limitExceeded
        {
            // The stream cannot go on: everything before was delivered; quarantine the rest of the file.
            try emit(.reject(Reject(error: error, raw: [UInt8]())))
            return
        }
        if !sawBytes {
            let error = WinnowError(.emptyInput, "input file is empty: no records", at: location(1, 0))
            try emit(.reject(Reject(error: error, raw: [UInt8]())))
        }
    }

    static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0d || $0 == 0x0a }
    }

    func decode(
        _ bytes: UnsafeRawBufferPointer, fileName: String, input: InputDescriptor, ordinal: Int64, line: Int64, offset: Int64
    ) -> ReaderEvent {
        func reject(_ code: WinnowError.Code, _ message: String, at errorOffset: Int = 0) -> ReaderEvent {
            let error = WinnowError(code, message, at: WinnowError.Location(path: input.path, byteOffset: offset + Int64(errorOffset), line: line))
            return .reject(Reject(error: error, raw: bytes))
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            let code: WinnowError.Code = error.kind == .invalidUTF8 ? .invalidUTF8 : .malformedJSON
            return reject(code, "not a JSON record: \(error.reason)", at: error.offset)
        }
        guard case .object(var object) = value else {
            return reject(.wrongFieldType, "record is not a JSON object")
        }
        guard let textValue = object.removeValue(forKey: textField) else {
            return reject(.missingField, "record has no '\(textField)' field")
        }
        guard case .string(let text) = textValue else {
            return reject(.wrongFieldType, "field '\(textField)' is not a string")
        }
        let id: String
        switch object.removeValue(forKey: idField) {
        case .string(let value)?:
            id = value
        case .number(let number)?:
            id = number.text
        case nil, .null?:
            if missingID == .reject { return reject(.missingField, "record has no '\(idField)' field") }
            id = "\(fileName):\(line)"
        case _?:
            return reject(.wrongFieldType, "field '\(idField)' is neither a string nor a number")
        }
        var source = defaultSource
        if case .string(let value)? = object["source"] {
            source = value
            object["source"] = nil
        }
        var added: String?
        if case .string(let value)? = object["added"] {
            added = value
            object["added"] = nil
        }
        var created: String?
        if case .string(let value)? = object["created"] {
            created = value
            object["created"] = nil
        }
        var metadata = JSONObject()
        if case .object(let given)? = object["metadata"] {
            metadata = given
            object["metadata"] = nil
        }
        for entry in object {
            metadata[entry.key] = entry.value
        }
        let origin = Origin(path: input.path, inputIndex: input.index, ordinal: ordinal, byteOffset: offset, line: line)
        return .document(Document(
            id: id, text: text, source: source, added: added, created: created, metadata: metadata, origin: origin))
    }
}
