public import Winnow

extension Pipelines {
    /// A FineWeb-style recipe for crawls: WARC → main text → English (CLD2) → Gopher quality and repetition,
    /// C4 and FineWeb filters with the published thresholds → PII redaction → quality score → MinHash
    /// dedup (5-grams, 14 × 8) → shards. `winnow run fineweb-recipe --input CRAWL_DIR --output DIR`.
    public static var fineWebRecipe: Pipeline {
        Pipeline("fineweb-recipe", description: "WARC -> extraction -> English -> Gopher, C4, FineWeb filters -> PII -> MinHash dedup -> shards") {
            Read.warc("SampleData/warc")
            Extract.html()
            Language.identify(languages: ["en"], minScore: 0.65)
            Quality.gopher()
            Quality.gopherRepetition()
            Quality.c4()
            Quality.fineweb()
            PII.redact()
            Quality.score()
            Dedup.minhash()
            Write.shards(to: "out/fineweb-recipe")
        }
    }
}
