/// A step of a pipeline: an immutable, `Sendable`, `Codable` value, validated before any work starts.
///
/// A stage is configuration; the work is done by per-task objects it makes (readers, processors,
/// collectors), which hold the mutable state. Every stage has a versioned identifier (`filter.length@1`)
/// and a label unique within its pipeline, used in stats, drop reasons and attributes.
///
/// The roles a stage can play are the refinements below: ``SourceStage`` (reads inputs),
/// ``DocumentStage`` (sees one document at a time), ``BarrierStage`` (needs every document of the phase
/// before it can decide, such as deduplication) and ``SinkStage`` (writes the output).
public protocol Stage: Sendable, Codable {
    /// The stage kind and version, for example `filter.length@1`.
    static var identifier: StageIdentifier { get }
    /// The name of this stage in its pipeline (defaults to the identifier's name).
    var label: String { get }
    /// Checks the configuration; throws ``WinnowError`` with code `invalidPlan` naming the bad setting.
    func validate() throws
    /// Files the stage reads as configuration rather than as inputs (a labels file, a model). A run records
    /// their sizes and SHA-256 in `config-files.json` and the manifest, and refuses to resume when one changed.
    var configurationFiles: [String] { get }
}

extension Stage {
    public var label: String { Self.identifier.name }
    public func validate() throws {}
    public var configurationFiles: [String] { [] }

    /// A plan error about this stage.
    public func invalid(_ message: String) -> WinnowError {
        WinnowError(.invalidPlan, "stage '\(label)' (\(Self.identifier)): \(message)", scope: .run)
    }
}

/// What a reader hands to the pipeline for each record: a document, a record that could not be read, or a
/// well-formed record that the reader skips by rule (a non-HTML response, a WARC request record).
public enum ReaderEvent: Sendable {
    case document(Document)
    case reject(Reject)
    case skip(Skip)
}

/// A well-formed record that a reader skips by rule, counted under the reader's label with `reason`.
/// When `isDocument` is true (for example an HTTP response that is not HTML) the skip is also written to
/// the run's drop log with `id` and `detail`, so that every candidate document is accounted for.
public struct Skip: Sendable, Hashable {
    public var id: String?
    public var reason: String
    public var detail: String?
    public var location: WinnowError.Location
    public var isDocument: Bool

    public init(id: String?, reason: String, detail: String? = nil, location: WinnowError.Location, isDocument: Bool) {
        self.id = id
        self.reason = reason
        self.detail = detail
        self.location = location
        self.isDocument = isDocument
    }
}

/// A stage that reads input files into documents.
public protocol SourceStage: Stage {
    /// The input paths or glob patterns, as configured (the CLI's `--input` replaces them).
    var inputs: [String] { get set }
    /// Whether this reader handles `path` (used to route `--input` paths when a pipeline has several readers,
    /// and to pick files out of a directory given as input).
    func accepts(path: String) -> Bool
    /// How each configured pattern becomes work units: by default, every file the pattern matches that this
    /// reader accepts (a directory: every accepted file below it). A reader of whole trees (source code)
    /// returns the directory itself as one unit. Called once per run, before any task starts.
    func inputUnits(for pattern: String, expand: (String) throws -> [String]) throws -> [String]
    /// Reads one input, calling `emit` for each record in file order. Problems with one record are emitted
    /// as ``ReaderEvent/reject(_:)``; a stream that cannot go on (truncated compression) emits a reject for
    /// the rest of the file and returns. Only task-level failures (the file cannot be opened) throw.
    func read(_ input: InputDescriptor, context: TaskContext, emit: (ReaderEvent) throws -> Void) throws
}

extension SourceStage {
    public func inputUnits(for pattern: String, expand: (String) throws -> [String]) throws -> [String] {
        let matches = try expand(pattern)
        // A file named explicitly is read whatever its name; files found by a glob or in a folder must fit.
        if matches == [pattern] { return matches }
        return matches.filter { accepts(path: $0) }
    }
}

/// A stage that looks at one document at a time: a filter, an annotator or a transformer.
public protocol DocumentStage: Stage {
    func makeProcessor(context: TaskContext) throws -> any DocumentProcessor
}

/// The per-task worker of a ``DocumentStage`` (or the apply step of a ``BarrierStage``).
public protocol DocumentProcessor {
    /// Decides about `document`, possibly changing it (its text, attributes or metadata).
    mutating func process(_ document: inout Document) throws -> Decision
}

/// One phase of a barrier stage that runs between collecting and applying, split into `units` independent
/// work units (for example 14 LSH bands, or 16 hash partitions). The number of units is part of the stage's
/// configuration, never derived from the worker count, so results do not depend on it.
public struct GlobalPhase: Sendable, Hashable, Codable {
    public var name: String
    public var units: Int
    public init(name: String, units: Int) {
        self.name = name
        self.units = units
    }
}

/// A stage that needs to see every document before it can decide about any (deduplication, consensus).
///
/// It runs in three steps. *Collect*: in the segment before it, each input unit's documents are observed by a
/// collector, which writes what the stage needs to its work directory. *Global*: the stage's
/// ``globalPhases`` run, each a set of independent work units, with a barrier between phases. *Apply*: in the
/// next segment, an applier decides about each document using the global results.
public protocol BarrierStage: Stage {
    /// The phases between collect and apply, in order.
    var globalPhases: [GlobalPhase] { get }
    /// A collector for the documents of input unit `unit`.
    func makeCollector(unit: Int, context: TaskContext) throws -> any BarrierCollector
    /// Runs work unit `unit` of global phase `phase`.
    func runGlobal(phase: String, unit: Int, context: TaskContext) throws
    /// The apply step for the documents of input unit `unit`.
    func makeApplier(unit: Int, context: TaskContext) throws -> any DocumentProcessor
}

/// Observes the documents of one input unit for a ``BarrierStage``.
public protocol BarrierCollector {
    mutating func observe(_ document: Document) throws
    /// Makes what was observed durable (atomically). Called once, after the unit's last document.
    mutating func commit() throws
}

/// The stage that writes a pipeline's output. It is the last stage of every pipeline.
public protocol SinkStage: Stage {
    /// The output directory (the CLI's `--output` replaces it).
    var output: String { get set }
}
