internal import WinnowCore
internal import WinnowIO

/// The MinHash index of earlier runs, which a ``MinHashDedup`` with `index` set reads during its band merge
/// and grows by one batch per run (for incremental, cron-style deduplication).
///
/// ```
/// INDEX/index.json                   format, the shingling and LSH configuration, the batches in order
/// INDEX/batch-000000/band-000.bin    sorted (band key, batch << 32 | position) of the batch's documents
/// INDEX/batch-000000/signatures.bin  the documents' signatures (bands × rows little-endian UInt32 each)
/// INDEX/batch-000000/ids.bin         their ids (UInt32 length + UTF-8), in position order
/// INDEX/batch-000000/shingles.bin, shingle-index.bin
///                                    with exact verification: their shingle values (``ShingleSetStore``)
/// ```
///
/// A batch holds the documents a run kept (documents with at least one shingle). A batch directory is
/// written under `staging-<run>` and renamed; `index.json` is replaced atomically afterwards, so an
/// interrupted run leaves the index as it was (a rerun finishes the publication). One run at a time may
/// publish to an index: a run whose index gained a batch since its band merge fails instead of publishing.
/// Deduplicating the same documents twice against one index drops them the second time (they are in it).
public struct MinHashIndex: Sendable {
    /// `index.json`.
    public struct Manifest: Codable, Sendable, Equatable {
        public struct Configuration: Codable, Sendable, Equatable {
            public var ngram: Int
            public var bands: Int
            public var rows: Int
            public var seed: UInt64
            public var mode: ShingleMode
            public var foldDigits: Bool
        }

        public struct Batch: Codable, Sendable, Equatable {
            public var name: String
            public var documents: Int
            /// The run that published it (a hash of its run directory).
            public var run: String
        }

        public var format: Int
        public var configuration: Configuration
        public var batches: [Batch]
    }

    public let path: String
    public var manifest: Manifest

    static let format = 1

    var manifestFile: String { "\(path)/index.json" }

    func bandFile(batch: String, band: Int) -> String { "\(path)/\(batch)/\(MinHashDedup.bandName(band)).bin" }
    func signaturesFile(batch: String) -> String { "\(path)/\(batch)/signatures.bin" }
    func idsFile(batch: String) -> String { "\(path)/\(batch)/ids.bin" }
    func shinglesFile(batch: String) -> String { "\(path)/\(batch)/shingles.bin" }
    func shingleIndexFile(batch: String) -> String { "\(path)/\(batch)/shingle-index.bin" }

    static func configuration(of stage: MinHashDedup) -> Manifest.Configuration {
        .init(ngram: stage.ngram, bands: stage.bands, rows: stage.rows, seed: stage.seed, mode: stage.mode, foldDigits: stage.foldDigits)
    }

    /// Opens the index at `path` (an empty one when the directory or its `index.json` does not exist) and
    /// checks that it was built with `stage`'s shingling and LSH configuration.
    public static func open(_ path: String, stage: MinHashDedup) throws -> MinHashIndex {
        let file = "\(path)/index.json"
        let expected = configuration(of: stage)
        guard try FileSystem.fileExists(file) else {
            return MinHashIndex(path: path, manifest: Manifest(format: format, configuration: expected, batches: []))
        }
        let manifest: Manifest
        do {
            manifest = try JSONCoding.decode(Manifest.self, from: try FileSystem.readFile(file))
        } catch let error as WinnowError {
            throw error
        } catch {
            throw WinnowError(.invalidPlan, "MinHash index manifest does not decode: \(error)", at: .init(path: file), scope: .run)
        }
        guard manifest.format == format else {
            throw WinnowError(.invalidPlan, "MinHash index has format \(manifest.format); this build reads format \(format)", at: .init(path: file), scope: .run)
        }
        guard manifest.configuration == expected else {
            throw WinnowError(
                .invalidPlan,
                "MinHash index was built with \(describe(manifest.configuration)); stage '\(stage.label)' uses \(describe(expected)); use another index directory",
                at: .init(path: file), scope: .run)
        }
        return MinHashIndex(path: path, manifest: manifest)
    }

    static func describe(_ c: Manifest.Configuration) -> String {
        "ngram \(c.ngram), \(c.bands) × \(c.rows), seed \(c.seed), mode \(c.mode.rawValue), foldDigits \(c.foldDigits)"
    }

    func writeManifest() throws {
        try FileSystem.createDirectory(path)
        try FileSystem.writeFileAtomically(manifestFile, try JSONCoding.prettyBytes(manifest), fsync: true)
    }
}
