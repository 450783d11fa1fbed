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
}

extension Stage {
    public var label: String { Self.identifier.name }
    public func validate() throws {}

    /// A plan error about this stage.
    public func invalid(_ message: String) -> WinnowError {
        WinnowError(.invalidPlan, "stage '\(label)' (\(Self.identifier)): \(message)", scope: .run)
    }
}

/// What a reader hands to the pipeline for each record: a document, or a record that could not be read.
public enum ReaderEvent: Sendable {
    case document(Document)
    case reject(Reject)
}

/// A stage that reads input files into documents.
public protocol SourceStage: Stage {
    /// The input paths or glob patterns, as configured (the CLI's `--input` replaces them).
    var inputs: [String] { get set }
    /// Whether this reader handles `path` (used to route `--input` paths when a pipeline has several readers).
    func accepts(path: String) -> Bool
    /// Reads one input, calling `emit` for each record in file order. Problems with one record are emitted
    /// as ``ReaderEvent/reject(_:)``; a stream that cannot go on (truncated compression) emits a reject for
    /// the rest of the file and returns. Only task-level failures (the file cannot be opened) throw.
    func read(_ input: InputDescriptor, context: TaskContext, emit: (ReaderEvent) throws -> Void) throws
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
