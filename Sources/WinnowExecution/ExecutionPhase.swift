public import WinnowCore

/// One phase of a run: every task of a phase can run in parallel; phases run one after another, each a
/// barrier for the next.
public struct ExecutionPhase: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A streaming pass over every input unit. Segment 0 reads the inputs, later segments read the
        /// previous segment's parts. `applying` is the barrier stage whose apply step opens the segment,
        /// `stages` the document stages that follow, `collecting` the barrier stage whose collect step closes
        /// it. The last segment writes shard lines.
        case segment(index: Int, applying: Int?, stages: [Int], collecting: Int?, isLast: Bool)
        /// A global phase of the barrier stage at `stage`.
        case global(stage: Int, phase: String, units: Int)
        /// Computes the shard layout from the final parts' line sizes (one unit).
        case shardLayout
        /// Writes the shards (one unit per shard).
        case shardWrite
        /// Writes each input unit's lineage, index entries and Merkle leaves.
        case lineage
        /// Merges stats, index and leaves; writes croissant.json and the manifest (one unit).
        case manifest
    }

    public var name: String
    public var kind: Kind

    /// The phases of a validated pipeline, in order.
    public static func phases(of stages: [any Stage]) -> [ExecutionPhase] {
        var phases: [ExecutionPhase] = []
        var segment = 0
        var applying: Int? = nil
        var current: [Int] = []
        for (index, stage) in stages.enumerated() {
            switch stage {
            case is any SourceStage, is any SinkStage:
                continue
            case let barrier as any BarrierStage:
                phases.append(ExecutionPhase(
                    name: "segment-\(segment)",
                    kind: .segment(index: segment, applying: applying, stages: current, collecting: index, isLast: false)))
                for global in barrier.globalPhases {
                    phases.append(ExecutionPhase(
                        name: "\(barrier.label)/\(global.name)",
                        kind: .global(stage: index, phase: global.name, units: global.units)))
                }
                segment += 1
                applying = index
                current = []
            default:
                current.append(index)
            }
        }
        phases.append(ExecutionPhase(
            name: "segment-\(segment)",
            kind: .segment(index: segment, applying: applying, stages: current, collecting: nil, isLast: true)))
        phases.append(ExecutionPhase(name: "shards-layout", kind: .shardLayout))
        phases.append(ExecutionPhase(name: "shards-write", kind: .shardWrite))
        phases.append(ExecutionPhase(name: "lineage", kind: .lineage))
        phases.append(ExecutionPhase(name: "manifest", kind: .manifest))
        return phases
    }
}
