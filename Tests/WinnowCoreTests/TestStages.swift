import WinnowCore

/// Minimal stages for testing plans and builders (the real ones live in other modules).
struct FakeReader: SourceStage {
    static let identifier: StageIdentifier = "test.read@1"
    var label = "test.read"
    var inputs: [String]
    var suffix = ".txt"

    func accepts(path: String) -> Bool { path.hasSuffix(suffix) }
    func read(_ input: InputDescriptor, context: TaskContext, emit: (ReaderEvent) throws -> Void) throws {}
}

struct FakeFilter: DocumentStage {
    static let identifier: StageIdentifier = "test.filter@2"
    var label = "test.filter"
    var threshold: Double = 0.5

    func validate() throws {
        guard (0...1).contains(threshold) else { throw invalid("threshold \(threshold) is not within 0...1") }
    }

    func makeProcessor(context: TaskContext) throws -> any DocumentProcessor { Processor() }

    struct Processor: DocumentProcessor {
        mutating func process(_ document: inout Document) throws -> Decision { .keep }
    }
}

struct FakeSink: SinkStage {
    static let identifier: StageIdentifier = "test.write@1"
    var label = "test.write"
    var output: String
}
