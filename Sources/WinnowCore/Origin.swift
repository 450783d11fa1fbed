/// Where a document came from: the input file, its position in the plan's sorted input list, and the
/// record's place inside that file.
///
/// `(inputIndex, ordinal)` is the document's global order key. Every deterministic choice (which copy of a
/// duplicate survives, the order of lines in shards) is made on it, so results do not depend on how the
/// work is split across tasks.
public struct Origin: Sendable, Hashable, Codable {
    /// The input path as listed in the run's `inputs.json`.
    public var path: String
    /// Position of the input in the run's sorted input list.
    public var inputIndex: Int
    /// 0-based position of the record among the records read from this input.
    public var ordinal: Int64
    /// Byte offset of the record in the (decompressed) input, when the format has one.
    public var byteOffset: Int64?
    /// 1-based line number of the record, for line-oriented formats.
    public var line: Int64?
    /// The record's own id in the input (for example a WARC-Record-ID), when it differs from the document id.
    public var recordID: String?

    public init(path: String, inputIndex: Int, ordinal: Int64, byteOffset: Int64? = nil, line: Int64? = nil, recordID: String? = nil) {
        self.path = path
        self.inputIndex = inputIndex
        self.ordinal = ordinal
        self.byteOffset = byteOffset
        self.line = line
        self.recordID = recordID
    }

    /// A location for error messages.
    public var location: WinnowError.Location {
        WinnowError.Location(path: path, byteOffset: byteOffset, line: line)
    }

    /// Whether `self` comes before `other` in the global document order.
    public func precedes(_ other: Origin) -> Bool {
        (inputIndex, ordinal) < (other.inputIndex, other.ordinal)
    }
}
