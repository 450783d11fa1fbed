public import WinnowCore
internal import WinnowIO
internal import WinnowJSON

/// Exact deduplication: documents whose normalized text has the same 128-bit XXH3 hash form a group, and
/// only the first document of each group in the global document order (input file order, then record
/// order) is kept. The others are dropped with reason `duplicate` and the id of the kept document; the kept
/// document gets `attributes[label] = {"copies": N}` (the group size) when N > 1.
///
/// Phases: *collect* writes `(hash, ordinal, id)` per document into `partitions` hash partitions per input;
/// *groups* (one work unit per partition) sorts each partition and writes per-input decisions; *apply*
/// reads them back in record order. The partition count is configuration, not the worker count, so the
/// same documents survive at any number of workers. Memory in *groups*: about 40 bytes per document of one
/// partition; raise `partitions` for very large corpora.
public struct ExactDedup: BarrierStage {
    public static let identifier: StageIdentifier = "dedup.exact@1"

    public var label: String
    public var normalization: TextNormalization
    public var partitions: Int

    public init(normalization: TextNormalization = .whitespaceAndCase, partitions: Int = 16, label: String = "dedup.exact") {
        self.label = label
        self.normalization = normalization
        self.partitions = partitions
    }

    public func validate() throws {
        guard (1...4096).contains(partitions) else { throw invalid("partitions \(partitions) is not within 1...4096") }
    }

    public var globalPhases: [GlobalPhase] { [GlobalPhase(name: "groups", units: partitions)] }

    // MARK: Files

    static func name(_ prefix: String, _ number: Int, width: Int) -> String {
        let text = String(number)
        return prefix + String(repeating: "0", count: max(0, width - text.count)) + text
    }

    func collectDirectory(_ context: TaskContext, partition: Int) -> String {
        "\(context.stageDirectory(label))/collect/\(Self.name("p-", partition, width: 4))"
    }

    func resultDirectory(_ context: TaskContext, partition: Int) -> String {
        "\(context.stageDirectory(label))/result/\(Self.name("p-", partition, width: 4))"
    }

    static func unitFile(_ unit: Int) -> String { name("unit-", unit, width: 6) + ".bin" }

    // MARK: Collect

    public func makeCollector(unit: Int, context: TaskContext) throws -> any BarrierCollector {
        Collector(stage: self, unit: unit, context: context)
    }

    struct Collector: BarrierCollector {
        let stage: ExactDedup
        let unit: Int
        let context: TaskContext
        var writers: [BinaryWriter]
        var scratch: [UInt8] = []

        init(stage: ExactDedup, unit: Int, context: TaskContext) {
            self.stage = stage
            self.unit = unit
            self.context = context
            self.writers = Array(repeating: BinaryWriter(), count: stage.partitions)
        }

        mutating func observe(_ document: Document) throws {
            stage.normalization.normalize(document.text, into: &scratch)
            let hash = scratch.withUnsafeBytes { StableHash.xxh3_128($0) }
            let partition = Int(hash.high % UInt64(stage.partitions))
            writers[partition].append(hash.high)
            writers[partition].append(hash.low)
            writers[partition].append(UInt64(document.origin.ordinal))
            writers[partition].append(document.id)
        }

        mutating func commit() throws {
            for (partition, writer) in writers.enumerated() {
                let directory = stage.collectDirectory(context, partition: partition)
                let path = "\(directory)/\(ExactDedup.unitFile(unit))"
                if writer.bytes.isEmpty {
                    if try FileSystem.fileExists(path) { try FileSystem.removeItem(path) }
                    continue
                }
                try FileSystem.createDirectory(directory)
                try FileSystem.writeFileAtomically(path, writer.bytes)
            }
        }
    }

    // MARK: Groups

    struct Entry {
        var high: UInt64
        var low: UInt64
        var unit: Int
        var ordinal: UInt64
        var id: String
    }

    public func runGlobal(phase: String, unit partition: Int, context: TaskContext) throws {
        guard phase == "groups" else {
            throw WinnowError(.internalInconsistency, "stage \(label) has no phase '\(phase)'", scope: .task)
        }
        let directory = collectDirectory(context, partition: partition)
        var entries: [Entry] = []
        if try FileSystem.isDirectory(directory) {
            for file in try FileSystem.contentsOfDirectory(directory) where file.hasPrefix("unit-") && file.hasSuffix(".bin") {
                guard let unit = Int(file.dropFirst(5).dropLast(4)) else { continue }
                let path = "\(directory)/\(file)"
                var reader = BinaryReader(bytes: try FileSystem.readFile(path), path: path)
                while !reader.isAtEnd {
                    let high = try reader.uint64()
                    let low = try reader.uint64()
                    let ordinal = try reader.uint64()
                    let id = try reader.string()
                    entries.append(Entry(high: high, low: low, unit: unit, ordinal: ordinal, id: id))
                }
            }
        }
        entries.sort { ($0.high, $0.low, $0.unit, $0.ordinal) < ($1.high, $1.low, $1.unit, $1.ordinal) }

        // Decisions per input unit: (ordinal, kind, group size, kept id).
        var decisions: [Int: BinaryWriter] = [:]
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count, entries[end].high == entries[start].high, entries[end].low == entries[start].low {
                end += 1
            }
            if end - start > 1 {
                let survivor = entries[start]
                let size = UInt32(end - start)
                for index in start..<end {
                    let entry = entries[index]
                    decisions[entry.unit, default: BinaryWriter()].append(entry.ordinal)
                    decisions[entry.unit, default: BinaryWriter()].append(UInt32(index == start ? 0 : 1))
                    decisions[entry.unit, default: BinaryWriter()].append(size)
                    decisions[entry.unit, default: BinaryWriter()].append(index == start ? "" : survivor.id)
                }
            }
            start = end
        }
        let results = resultDirectory(context, partition: partition)
        if try FileSystem.isDirectory(results) { try FileSystem.removeItem(results, recursive: true) }
        try FileSystem.createDirectory(results)
        for (unit, writer) in decisions {
            try FileSystem.writeFileAtomically("\(results)/\(Self.unitFile(unit))", writer.bytes)
        }
    }

    // MARK: Apply

    public func makeApplier(unit: Int, context: TaskContext) throws -> any DocumentProcessor {
        var rows: [(ordinal: UInt64, drop: Bool, size: UInt32, keptID: String)] = []
        for partition in 0..<partitions {
            let path = "\(resultDirectory(context, partition: partition))/\(Self.unitFile(unit))"
            guard try FileSystem.fileExists(path) else { continue }
            var reader = BinaryReader(bytes: try FileSystem.readFile(path), path: path)
            while !reader.isAtEnd {
                let ordinal = try reader.uint64()
                let kind = try reader.uint32()
                let size = try reader.uint32()
                let keptID = try reader.string()
                rows.append((ordinal, kind == 1, size, keptID))
            }
        }
        rows.sort { $0.ordinal < $1.ordinal }
        return Applier(label: label, rows: rows)
    }

    struct Applier: DocumentProcessor {
        let label: String
        let rows: [(ordinal: UInt64, drop: Bool, size: UInt32, keptID: String)]
        var next = 0

        mutating func process(_ document: inout Document) throws -> Decision {
            let ordinal = UInt64(document.origin.ordinal)
            while next < rows.count, rows[next].ordinal < ordinal { next += 1 }
            guard next < rows.count, rows[next].ordinal == ordinal else { return .keep }
            let row = rows[next]
            if row.drop {
                return .drop(reason: "duplicate", detail: "exact duplicate of \(row.keptID)")
            }
            document.attributes[label] = .object(["copies": .number(JSONNumber(Int64(row.size)))])
            return .keep
        }
    }
}
