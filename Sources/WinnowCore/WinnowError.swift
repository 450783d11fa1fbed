/// The one public error type of Winnow.
///
/// Every error names what went wrong (`code`, `message`), where (`location`: a file with a byte offset or
/// line number, or a document id), what caused it (`cause`), and how much it stops (`scope`):
/// a `record` error quarantines one record and the run goes on; a `task` error fails one task (a rerun
/// retries it); a `run` error stops everything (bad configuration, an unusable output directory).
public struct WinnowError: Error, Sendable, CustomStringConvertible {
    /// A growable set of error codes, compared by their raw value.
    public struct Code: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public var description: String { rawValue }

        // Record-level problems (quarantined, counted, the run goes on).
        public static let malformedJSON: Code = "malformed-json"
        public static let invalidUTF8: Code = "invalid-utf8"
        public static let missingField: Code = "missing-field"
        public static let wrongFieldType: Code = "wrong-field-type"
        public static let recordTooLarge: Code = "record-too-large"
        public static let malformedRecord: Code = "malformed-record"
        public static let emptyInput: Code = "empty-input"
        /// A configured resource limit was exceeded (decompression ratio, HTML depth or nodes, labels per
        /// item); the message names the limit and its value. See docs/decisions/0015-limits.md.
        public static let limitExceeded: Code = "limit-exceeded"
        // Stream-level problems (the rest of one file is lost; earlier records are kept).
        public static let truncatedStream: Code = "truncated-stream"
        public static let corruptStream: Code = "corrupt-stream"
        // Task- and run-level problems.
        public static let io: Code = "io"
        public static let invalidPlan: Code = "invalid-plan"
        public static let invalidArgument: Code = "invalid-argument"
        public static let noInput: Code = "no-input"
        public static let unknownPipeline: Code = "unknown-pipeline"
        public static let unknownStage: Code = "unknown-stage"
        public static let taskFailed: Code = "task-failed"
        public static let failFast: Code = "fail-fast"
        public static let tooManyRejects: Code = "too-many-rejects"
        public static let internalInconsistency: Code = "internal-inconsistency"
        public static let verificationFailed: Code = "verification-failed"
        public static let locked: Code = "locked"
        public static let interrupted: Code = "interrupted"
    }

    /// How much an error stops.
    public enum Scope: String, Sendable, Codable {
        case record, task, run
    }

    /// Where an error happened: a file, and within it a byte offset and/or a 1-based line number.
    public struct Location: Sendable, Hashable, Codable, CustomStringConvertible {
        public var path: String
        public var byteOffset: Int64?
        public var line: Int64?

        public init(path: String, byteOffset: Int64? = nil, line: Int64? = nil) {
            self.path = path
            self.byteOffset = byteOffset
            self.line = line
        }

        public var description: String {
            var text = path
            if let line { text += ":\(line)" }
            if let byteOffset { text += " (byte \(byteOffset))" }
            return text
        }
    }

    public var code: Code
    public var message: String
    public var location: Location?
    public var scope: Scope
    public var cause: (any Error & Sendable)?

    public init(
        _ code: Code,
        _ message: String,
        at location: Location? = nil,
        scope: Scope = .record,
        cause: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.message = message
        self.location = location
        self.scope = scope
        self.cause = cause
    }

    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "\(message) [\(code)]"
        if let cause { text += " (caused by: \(cause))" }
        return text
    }

    /// A copy located at `location` (used by readers that learn the position after the parser failed).
    public func located(at location: Location) -> WinnowError {
        var copy = self
        copy.location = location
        return copy
    }
}
