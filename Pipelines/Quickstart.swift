public import Winnow

extension Pipelines {
    /// The pipeline the README runs on SampleData: JSON Lines (plain, gzip, zstd), a crawl (WARC and WET),
    /// HTML files and a source tree; HTML main-text extraction; a length filter; exact deduplication; gzip
    /// shards with lineage and a manifest. Run from the repository root: `winnow run quickstart` (or with
    /// `--input`/`--output` to point it elsewhere).
    public static var quickstart: Pipeline {
        Pipeline("quickstart", description: "SampleData (JSONL, WARC, HTML, code) -> extraction -> length filter -> exact dedup -> gzip shards") {
            Read.jsonl("SampleData/jsonl", defaultSource: "sampledata")
            Read.warc("SampleData/warc", source: "sample-crawl")
            Read.html("SampleData/html", source: "sample-pages", idPrefix: "sample-pages/")
            Read.code("SampleData/code/tinycalc", source: "sample-code")
            Extract.html()
            Filter.length(minWords: 5)
            Dedup.exact()
            Write.shards(to: "out/quickstart", compression: .gzip, maxShardBytes: 64 << 10)
        }
    }
}
