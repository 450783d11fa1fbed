// The umbrella module that pipeline configs import: every public type of Winnow, plus the factory
// namespaces (`Read`, `Filter`, `Dedup`, `Write`) that make a pipeline read like a recipe.
@_exported public import WinnowConsensus
@_exported public import WinnowCore
@_exported public import WinnowDedup
@_exported public import WinnowExecution
@_exported public import WinnowExtract
@_exported public import WinnowFilters
@_exported public import WinnowIngest
@_exported public import WinnowModel
@_exported public import WinnowProvenance
@_exported public import WinnowQuality
@_exported public import WinnowShards
@_exported public import enum WinnowIO.Compression
