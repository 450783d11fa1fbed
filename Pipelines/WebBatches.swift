public import Winnow

extension Pipelines {
    /// Crawl batches for cron: JSON Lines and WARC files dropped into a folder, processed incrementally —
    /// `winnow run web-batches --incremental --input DROP_FOLDER --output DIR` reads only new files and
    /// removes near-duplicates of documents kept by earlier batches (MinHash index in `DIR/minhash-index`).
    public static var webBatches: Pipeline {
        Pipeline("web-batches", description: "JSONL and WARC batches -> extraction -> length filter -> MinHash dedup across batches -> shards") {
            Read.jsonl("SampleData/jsonl", defaultSource: "batches")
            Read.warc("SampleData/warc", source: "batches-crawl")
            Extract.html()
            Filter.length(minWords: 5)
            Dedup.minhash()
            Write.shards(to: "out/web-batches", compression: .zstd)
        }
    }
}
