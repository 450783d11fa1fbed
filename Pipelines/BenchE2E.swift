public import Winnow

extension Pipelines {
    /// The end-to-end benchmark pipeline (`Scripts/bench.sh e2e`): the same steps as datatrove's FineWeb
    /// recipe without PII redaction or scoring, so both tools do the same work — WARC → main text → English
    /// (CLD2, score ≥ 0.65) → Gopher quality and repetition, C4 and FineWeb filters → MinHash dedup
    /// (5-grams, 14 × 8) → gzip shards. `winnow run bench-e2e --input WARC_DIR --output DIR`.
    public static var benchE2E: Pipeline {
        Pipeline("bench-e2e", description: "WARC -> extraction -> English -> Gopher, C4, FineWeb filters -> MinHash dedup -> shards (benchmark)") {
            Read.warc("SampleData/warc")
            Extract.html()
            Language.identify(languages: ["en"], minScore: 0.65)
            Quality.gopher()
            Quality.gopherRepetition()
            Quality.c4()
            Quality.fineweb()
            Dedup.minhash()
            Write.shards(to: "out/bench-e2e")
        }
    }
}
