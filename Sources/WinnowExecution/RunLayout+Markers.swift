internal import WinnowIO

extension RunLayout {
    /// The ranks of `phase` whose completion marker exists, by world size (a run resumed with another task
    /// count has markers of several world sizes). Names that are not markers are ignored.
    public func completedRanks(phase: String) throws -> [Int: [Int]] {
        let directory = "\(workDirectory)/markers/\(Self.safePhase(phase))"
        guard try FileSystem.isDirectory(directory) else { return [:] }
        var ranks: [Int: [Int]] = [:]
        for name in try FileSystem.contentsOfDirectory(directory) {
            guard let (rank, world) = Self.parseMarkerName(name) else { continue }
            ranks[world, default: []].append(rank)
        }
        return ranks.mapValues { $0.sorted() }
    }

    /// The ranks of `phase` at world size `world` that have no completion marker.
    public func incompleteRanks(phase: String, world: Int) throws -> [Int] {
        let done = try completedRanks(phase: phase)[world] ?? []
        var missing: [Int] = []
        var next = done.makeIterator()
        var current = next.next()
        for rank in 0..<world {
            while let value = current, value < rank { current = next.next() }
            if current != rank { missing.append(rank) }
        }
        return missing
    }

    /// `(rank, world)` of a marker file name `rank-RRRRR-of-WWWWW.done`.
    static func parseMarkerName(_ name: String) -> (rank: Int, world: Int)? {
        guard name.hasPrefix("rank-"), name.hasSuffix(".done") else { return nil }
        let middle = name.dropFirst("rank-".count).dropLast(".done".count)
        let parts = middle.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1] == "of", let rank = Int(parts[0]), let world = Int(parts[2]),
              rank >= 0, world >= 1, rank < world
        else { return nil }
        return (rank, world)
    }
}
