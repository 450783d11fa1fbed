public import WinnowCore
internal import WinnowJSON

/// Weighted resampling: decides how many times each document should be written, proportionally to its
/// weight: sets ``Document/copies`` and records `attributes[label] = {"copies": n}`; documents with 0 copies
/// are dropped (reason `zero_copies`). The writer writes each kept document's line `copies` times, one after
/// the other; each copy is a shard line and a documents-Merkle leaf of its own, and the lineage record lists
/// every placement. Place it after deduplication and the reward ledger, so that copies are neither
/// deduplicated away nor paid twice.
///
/// `n = ⌊w · scale⌋ + (u < frac(w · scale) ? 1 : 0)`, with `u ∈ [0, 1)` drawn from SplitMix64 seeded by
/// XXH3-64 of the document id with ``seed``: the expectation of `n` is exactly `w · scale`, and the draw
/// depends only on the id and the seed — not on the order, the worker count or Swift's random generator.
/// A document without a weight counts as weight 1.
public struct WeightedResampling: DocumentStage {
    public static let identifier: StageIdentifier = "consensus.resample@1"

    public var label: String
    /// Expected copies per unit of weight.
    public var scale: Double
    public var seed: UInt64

    public init(scale: Double = 1, seed: UInt64, label: String = "resample") {
        self.label = label
        self.scale = scale
        self.seed = seed
    }

    public func validate() throws {
        guard scale.isFinite, scale > 0, scale <= 1_000_000 else { throw invalid("scale \(scale) must be in (0, 1e6]") }
    }

    public func makeProcessor(context: TaskContext) throws -> any DocumentProcessor { Processor(stage: self) }

    /// The number of copies of a document with `id` and `weight`.
    public func copies(id: String, weight: Double?) -> Int64 {
        let expected = max(0, weight ?? 1) * scale
        let whole = expected.rounded(.down)
        var state = StableHash.xxh3(id, seed: seed)
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        z ^= z >> 31
        let u = Double(z >> 11) * 0x1p-53
        return Int64(whole) + (u < expected - whole ? 1 : 0)
    }

    struct Processor: DocumentProcessor {
        let stage: WeightedResampling

        mutating func process(_ document: inout Document) throws -> Decision {
            let n = stage.copies(id: document.id, weight: document.weight)
            document.attributes[stage.label] = .object(["copies": .number(JSONNumber(n))])
            document.copies = n
            if n == 0 { return .drop(reason: "zero_copies", detail: "weight \(document.weight ?? 1) × scale \(stage.scale) drew 0 copies") }
            return .keep
        }
    }
}
