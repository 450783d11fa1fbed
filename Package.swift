// swift-tools-version: 6.1
import PackageDescription

// Winnow: a batch data-quality pipeline. Module map (see docs/decisions/0001-module-layout.md):
//   C*               one tiny target per C library (zlib, zstd, xxhash), imported by exactly one module
//   WinnowJSON       byte-level JSON values, parser and deterministic writer
//   WinnowCore       Document, Stage protocols, Pipeline builder, Plan, errors, stats, stable hashes
//   WinnowIO         compressed streams, line reading, atomic files, globs
//   WinnowIngest     reader stages (JSONL, ...)
//   WinnowDedup      deduplication stages (exact, ...)
//   WinnowFilters    document filters (length, ...)
//   WinnowShards     the Dolma shard writer
//   WinnowExecution  phase planning, task runner, local executor
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
    .target(name: "CXXHash", linkerSettings: [.linkedLibrary("xxhash")]),

    .target(name: "WinnowJSON"),
    .target(name: "WinnowCore", dependencies: [
        "WinnowJSON", "CXXHash",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Crypto", package: "swift-crypto"),
    ]),
    .target(name: "WinnowIO", dependencies: ["WinnowCore", "CZlib", "CZstd"]),
    .target(name: "WinnowIngest", dependencies: ["WinnowCore", "WinnowIO", "WinnowJSON"]),
    .target(name: "WinnowDedup", dependencies: ["WinnowCore", "WinnowIO", "WinnowJSON"]),
    .target(name: "WinnowFilters", dependencies: ["WinnowCore", "WinnowJSON"]),
    .target(name: "WinnowShards", dependencies: ["WinnowCore", "WinnowIO", "WinnowJSON"]),
    .target(name: "WinnowExecution", dependencies: [
        "WinnowCore", "WinnowIO", "WinnowJSON", "WinnowIngest", "WinnowDedup", "WinnowFilters", "WinnowShards",
        .product(name: "Logging", package: "swift-log"),
    ]),
    .target(name: "Winnow", dependencies: [
        "WinnowCore", "WinnowIngest", "WinnowDedup", "WinnowFilters", "WinnowShards", "WinnowExecution", "WinnowIO",
    ]),
    .target(name: "WinnowPipelines", dependencies: ["Winnow"], path: "Pipelines"),
    .executableTarget(name: "WinnowCLI", dependencies: [
        "Winnow", "WinnowPipelines", "WinnowJSON",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
    ]),

    .testTarget(name: "WinnowJSONTests", dependencies: ["WinnowJSON"]),
    .testTarget(name: "WinnowCoreTests", dependencies: ["WinnowCore", "WinnowJSON"]),
    .testTarget(name: "WinnowIOTests", dependencies: ["WinnowIO", "WinnowCore"]),
    .testTarget(name: "WinnowExecutionTests", dependencies: [
        "Winnow", "WinnowPipelines", "WinnowIO", "WinnowJSON",
    ]),
    .testTarget(name: "WinnowCLITests", dependencies: ["WinnowJSON", "WinnowIO", "WinnowCore"]),
]

for index in targets.indices where targets[index].type != .system {
    let name = targets[index].name
    guard !name.hasPrefix("C") || name.hasPrefix("CLI") else { continue }
    targets[index].swiftSettings = (targets[index].swiftSettings ?? []) + strictSettings
}

let package = Package(
    name: "Winnow",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "winnow", targets: ["WinnowCLI"]),
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
