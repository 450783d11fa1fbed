// swift-tools-version: 6.1
import PackageDescription

// Winnow: a batch data-quality pipeline. Module map (see docs/decisions/0001-module-layout.md):
//   C*               one tiny target per C library (zlib, zstd, ISA-L, xxhash), imported by exactly one module
//   WinnowJSON       byte-level JSON values, parser and deterministic writer
//   WinnowCore       Document, Stage protocols, Pipeline builder, Plan, errors, stats, stable hashes
//   WinnowIO         compressed streams, line reading, atomic files, globs
//   WinnowIngest     reader stages (JSONL, WARC, HTML files, code trees, ...)
//   WinnowExtract    HTML main-text extraction with libxml2 (the only importer of CLibXML2)
//   WinnowDedup      deduplication stages (exact, ...)
//   WinnowFilters    document filters (length, ...)
//   WinnowQuality    quality heuristics (Gopher, C4, FineWeb), code filters, language ID, PII
//   WinnowShards     the Dolma shard writer
//   WinnowModel      fastText models: native inference (.bin/.ftz), the score.model stage, classifier training
//   WinnowConsensus  labeler consensus (majority vote, Dawid-Skene, ...), reward weights, the reward ledger
//   WinnowProvenance lineage store, Merkle trees (RFC 9162), manifest signing and verification
//   WinnowExecution  phase planning, task runner, local executor
//   WinnowReport     the run report: one self-contained HTML page and `winnow stats`
//   Winnow           umbrella module used by Pipelines/
//   WinnowPipelines  the Swift pipeline configs in Pipelines/
//   WinnowCLI        the `winnow` executable

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

var targets: [Target] = [
    .target(name: "CZlib", linkerSettings: [.linkedLibrary("z")]),
    .target(name: "CZstd", linkerSettings: [.linkedLibrary("zstd")]),
    .target(name: "CISAL", linkerSettings: [.linkedLibrary("isal")]),
    .target(name: "CXXHash", linkerSettings: [.linkedLibrary("xxhash")]),
    .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    // libcld2_full (the 160-language tables pycld2 uses) first, so its tables override libcld2's 83-language ones.
    .target(name: "CCLD2", linkerSettings: [.linkedLibrary("cld2_full"), .linkedLibrary("cld2")]),

    .target(name: "WinnowJSON"),
    .target(name: "WinnowCore", dependencies: [
        "WinnowJSON", "CXXHash",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Crypto", package: "swift-crypto"),
    ]),
    .target(name: "WinnowIO", dependencies: ["WinnowCore", "CZlib", "CZstd", "CISAL"]),
    .target(name: "WinnowIngest", dependencies: ["WinnowCore", "WinnowIO", "WinnowJSON"]),
    .target(name: "WinnowDedup", dependencies: ["WinnowCore", "WinnowIO", "WinnowJSON"]),
    .target(name: "WinnowFilters", dependencies: ["WinnowCore", "WinnowJSON"]),
    .target(name: "WinnowExtract", dependencies: ["WinnowCore", "WinnowIO", "WinnowJSON", "CLibXML2"]),
    .target(name: "WinnowQuality", dependencies: ["WinnowCore", "WinnowJSON", "WinnowIO", "CCLD2"]),
    .target(name: "WinnowShards", dependencies: ["WinnowCore", "WinnowIO", "WinnowJSON"]),
    .target(name: "WinnowModel", dependencies: ["WinnowCore", "WinnowIO", "WinnowJSON"]),
    .target(name: "WinnowConsensus", dependencies: [
        "WinnowCore", "WinnowIO", "WinnowJSON", .product(name: "Logging", package: "swift-log"),
    ]),
    .target(name: "WinnowProvenance", dependencies: [
        "WinnowCore", "WinnowIO", "WinnowJSON", "WinnowShards",
        .product(name: "Crypto", package: "swift-crypto"),
    ]),
    .target(name: "WinnowExecution", dependencies: [
        "WinnowCore", "WinnowIO", "WinnowJSON", "WinnowIngest", "WinnowExtract", "WinnowDedup", "WinnowFilters",
        "WinnowQuality", "WinnowShards", "WinnowConsensus", "WinnowProvenance", "WinnowModel",
        .product(name: "Logging", package: "swift-log"),
    ]),
    .target(name: "Winnow", dependencies: [
        "WinnowCore", "WinnowIngest", "WinnowExtract", "WinnowDedup", "WinnowFilters", "WinnowQuality", "WinnowShards",
        "WinnowExecution", "WinnowIO", "WinnowConsensus", "WinnowProvenance", "WinnowModel",
    ]),
    .target(name: "WinnowReport", dependencies: ["WinnowCore", "WinnowIO", "WinnowJSON", "WinnowProvenance"]),
    .target(name: "WinnowPipelines", dependencies: ["Winnow"], path: "Pipelines"),
    .executableTarget(name: "WinnowCLI", dependencies: [
        "Winnow", "WinnowPipelines", "WinnowJSON", "WinnowReport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
    ]),

    // The per-stage benchmark driver (Scripts/bench.sh, Scripts/bench-smoke.sh); see Benchmarks/README.md.
    .executableTarget(name: "WinnowBench", dependencies: [
        "Winnow", "WinnowIO", "WinnowJSON",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
    ], path: "Benchmarks/WinnowBench"),

    .testTarget(name: "WinnowJSONTests", dependencies: ["WinnowJSON"]),
    .testTarget(name: "WinnowCoreTests", dependencies: ["WinnowCore", "WinnowJSON"]),
    .testTarget(name: "WinnowIOTests", dependencies: ["WinnowIO", "WinnowCore"]),
    .testTarget(name: "WinnowIngestTests", dependencies: ["WinnowIngest", "WinnowCore", "WinnowIO", "WinnowJSON"]),
    .testTarget(name: "WinnowExtractTests", dependencies: ["WinnowExtract", "WinnowCore", "WinnowIO", "WinnowJSON"], exclude: ["Fixtures"]),
    .testTarget(name: "WinnowDedupTests", dependencies: [
        "WinnowDedup", "WinnowCore", "WinnowIO", "WinnowJSON", "WinnowExecution", "WinnowIngest", "WinnowShards",
        .product(name: "Logging", package: "swift-log"),
    ]),
    .testTarget(name: "WinnowQualityTests", dependencies: [
        "WinnowQuality", "WinnowCore", "WinnowJSON", "WinnowIO", "WinnowIngest",
        .product(name: "Logging", package: "swift-log"),
    ], exclude: ["Fixtures"]),
    .testTarget(name: "WinnowConsensusTests", dependencies: [
        "WinnowConsensus", "WinnowCore", "WinnowIO", "WinnowJSON", "Winnow", "WinnowExecution",
        .product(name: "Logging", package: "swift-log"),
    ], exclude: ["Fixtures"]),
    .testTarget(name: "WinnowModelTests", dependencies: [
        "WinnowModel", "WinnowCore", "WinnowIO", "WinnowJSON",
        .product(name: "Logging", package: "swift-log"),
    ], exclude: ["Fixtures"]),
    .testTarget(name: "WinnowProvenanceTests", dependencies: ["WinnowProvenance", "WinnowCore", "WinnowIO", "WinnowJSON"]),
    .testTarget(name: "WinnowExecutionTests", dependencies: [
        "Winnow", "WinnowPipelines", "WinnowIO", "WinnowJSON",
    ]),
    .testTarget(name: "WinnowReportTests", dependencies: [
        "WinnowReport", "WinnowCore", "WinnowJSON", "WinnowIO", "Winnow", "WinnowPipelines",
        .product(name: "Logging", package: "swift-log"),
    ]),
    .testTarget(name: "WinnowCLITests", dependencies: ["WinnowJSON", "WinnowIO", "WinnowCore"]),
]

for index in targets.indices where targets[index].type != .system {
    let name = targets[index].name
    guard name.hasPrefix("Winnow") else { continue }
    targets[index].swiftSettings = (targets[index].swiftSettings ?? []) + strictSettings
}

let package = Package(
    name: "Winnow",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "winnow", targets: ["WinnowCLI"]),
        .executable(name: "winnow-bench", targets: ["WinnowBench"]),
        .library(name: "Winnow", targets: ["Winnow"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
