public import WinnowCore
internal import WinnowConsensus
internal import WinnowDedup
internal import WinnowExtract
internal import WinnowFilters
internal import WinnowIngest
internal import WinnowModel
internal import WinnowQuality
internal import WinnowShards

extension StageRegistry {
    /// Every stage that ships with Winnow: each module lists its own in `<Module>Stages.all`.
    public static let builtIn = StageRegistry(
        IngestStages.all + ExtractStages.all + FiltersStages.all + QualityStages.all + DedupStages.all + ConsensusStages.all + ShardsStages.all
            + ModelStages.all
    )
}
