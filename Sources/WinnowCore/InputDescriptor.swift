/// One input file of a run: its place in the sorted input list, which reader reads it, and its size.
public struct InputDescriptor: Sendable, Hashable, Codable {
    /// Position in the run's input list; the first half of every document's order key.
    public var index: Int
    /// The path as resolved from the configured pattern.
    public var path: String
    /// Index of the reading stage in the pipeline.
    public var stageIndex: Int
    /// Size in bytes when the run started.
    public var bytes: Int64

    public init(index: Int, path: String, stageIndex: Int, bytes: Int64) {
        self.index = index
        self.path = path
        self.stageIndex = stageIndex
        self.bytes = bytes
    }
}
