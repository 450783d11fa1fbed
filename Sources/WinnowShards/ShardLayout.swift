/// Which lines of which parts make up each shard. Computed from the line sizes alone, so the layout is the
/// same whatever the number of tasks that produced the parts.
public struct ShardLayout: Sendable, Hashable, Codable {
    /// A run of consecutive lines of one part.
    public struct Piece: Sendable, Hashable, Codable {
        public var part: Int
        public var firstLine: Int64
        public var lineCount: Int64
    }

    public struct Shard: Sendable, Hashable, Codable {
        public var index: Int
        public var pieces: [Piece]
        public var documents: Int64
        public var uncompressedBytes: Int64
    }

    public var shards: [Shard] = []

    public init() {}

    /// Incremental builder: feed line sizes part by part, in order.
    public struct Builder {
        public let maxShardBytes: Int64
        private var shards: [Shard] = []
        private var current = Shard(index: 0, pieces: [], documents: 0, uncompressedBytes: 0)

        public init(maxShardBytes: Int64) {
            self.maxShardBytes = maxShardBytes
        }

        /// Adds the next line, of `bytes` bytes including its newline, of part `part` (line `line` of it).
        public mutating func add(part: Int, line: Int64, bytes: Int64) {
            if current.documents > 0 && current.uncompressedBytes + bytes > maxShardBytes {
                let next = current.index + 1
                shards.append(current)
                current = Shard(index: next, pieces: [], documents: 0, uncompressedBytes: 0)
            }
            if let last = current.pieces.last, last.part == part, last.firstLine + last.lineCount == line {
                current.pieces[current.pieces.count - 1].lineCount += 1
            } else {
                current.pieces.append(Piece(part: part, firstLine: line, lineCount: 1))
            }
            current.documents += 1
            current.uncompressedBytes += bytes
        }

        public consuming func finish() -> ShardLayout {
            var layout = ShardLayout()
            layout.shards = shards
            if current.documents > 0 { layout.shards.append(current) }
            return layout
        }
    }
}
