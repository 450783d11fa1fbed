public import WinnowCore
internal import WinnowDedup
internal import WinnowIngest
internal import WinnowShards
internal import WinnowFilters

extension StageRegistry {
    /// Every stage that ships with Winnow.
    public static let builtIn = StageRegistry([
        JSONLReader.self,
        LengthFilter.self,
        ExactDedup.self,
        ShardWriter.self,
    ])
}
