/// One Slurm job array of a phase: array task `index` runs rank `offset + index`.
///
/// Slurm accepts array indices from 0 to `MaxArraySize - 1` only (slurm.conf(5): "the maximum job array
/// task index value will be one less than MaxArraySize to allow for an index value of zero"; an index of
/// `MaxArraySize` is refused with "Invalid job array specification"), and at most `max_array_tasks` tasks per
/// array (by default `MaxArraySize`). A phase of more tasks than that cannot use its ranks as indices, so
/// ranks are grouped into chunks of `width` consecutive ranks, `[k·width, (k+1)·width)`, each submitted as
/// its own array with indices counted from 0; the job script adds the chunk's offset:
/// `rank = offset + SLURM_ARRAY_TASK_ID`. With `width` at least the task count there is one chunk of offset
/// 0, and the array index is the rank.
public struct SlurmArrayChunk: Sendable, Hashable, Codable {
    /// The rank of array index 0.
    public var offset: Int
    /// The array indices, ascending, without repeats.
    public var indices: [Int]

    public init(offset: Int, indices: [Int]) {
        self.offset = offset
        self.indices = indices
    }

    /// The ranks this array runs, ascending.
    public var ranks: [Int] { indices.map { offset + $0 } }

    /// Splits `ranks` (any order, repeats ignored) into chunks of at most `width` consecutive ranks, in
    /// ascending order of rank. `width` is the cluster's limit: `min(MaxArraySize, max_array_tasks)`.
    public static func chunks(ranks: [Int], width: Int) -> [SlurmArrayChunk] {
        precondition(width >= 1, "the array width must be at least 1")
        var chunks: [SlurmArrayChunk] = []
        var previous: Int? = nil
        for rank in ranks.sorted() where rank != previous {
            precondition(rank >= 0, "ranks are not negative")
            previous = rank
            let offset = rank / width * width
            if chunks.last?.offset != offset {
                chunks.append(SlurmArrayChunk(offset: offset, indices: []))
            }
            chunks[chunks.count - 1].indices.append(rank - offset)
        }
        return chunks
    }

    /// The value of `sbatch --array`: runs of consecutive indices as `a-b`, single indices alone, joined by
    /// commas (`0-3,7,9-10`), and `%limit` when at most `limit` tasks may run at once.
    public func arraySpecification(maxConcurrent limit: Int? = nil) -> String {
        var parts: [String] = []
        var index = 0
        while index < indices.count {
            var end = index
            while end + 1 < indices.count && indices[end + 1] == indices[end] + 1 { end += 1 }
            parts.append(end == index ? "\(indices[index])" : "\(indices[index])-\(indices[end])")
            index = end + 1
        }
        var specification = parts.joined(separator: ",")
        if let limit { specification += "%\(limit)" }
        return specification
    }
}
