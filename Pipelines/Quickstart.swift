public import Winnow

extension Pipelines {
    /// The pipeline the README runs: SampleData's JSON Lines files (plain, gzip and zstd) through a length
    /// filter and exact deduplication into gzip shards. Run from the repository root:
    /// `winnow run quickstart` (or with `--input`/`--output` to point it elsewhere).
    public static var quickstart: Pipeline {
        Pipeline("quickstart", description: "SampleData JSON Lines -> length filter -> exact dedup -> gzip shards") {
            Read.jsonl("SampleData/jsonl", defaultSource: "sampledata")
            Filter.length(minWords: 5)
            Dedup.exact()
            Write.shards(to: "out/quickstart", compression: .gzip, maxShardBytes: 64 << 10)
        }
    }
}
