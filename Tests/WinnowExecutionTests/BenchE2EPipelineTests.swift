import Testing
import Winnow
import WinnowIO
import WinnowJSON
import WinnowPipelines

/// The end-to-end benchmark pipeline (`Scripts/bench.sh e2e`) must do the same steps as datatrove's
/// equivalent (`Scripts/bench-e2e-datatrove.py`), in the same order and with the same parameters, and run.
@Suite struct BenchE2EPipelineTests {
    @Test func stagesMatchTheDatatroveRecipe() throws {
        let pipeline = Pipelines.benchE2E
        for stage in pipeline.stages { try stage.validate() }
        #expect(pipeline.stages.map { "\(type(of: $0).identifier)" } == [
            "read.warc@1", "extract.html@1", "lang.cld2@1", "filter.gopher-quality@1", "filter.gopher-repetition@1",
            "filter.c4@1", "filter.fineweb-quality@1", "dedup.minhash@1", "write.shards@1",
        ])
        let language = try #require(pipeline.stages[2] as? LanguageFilter)
        #expect(language.languages == ["en"])
        #expect(language.minScore == 0.65)
        let minhash = try #require(pipeline.stages[7] as? MinHashDedup)
        #expect([minhash.ngram, minhash.bands, minhash.rows] == [5, 14, 8])
        #expect(minhash.seed == 1)
        #expect(Pipelines.named("bench-e2e") != nil)
    }

    /// On the sample crawl: 8 HTML responses, 3 of them English, of which the Gopher quality filter drops the
    /// short one; the river article and the sourdough forum thread are written, in input order.
    @Test func runsOnTheSampleCrawl() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let output = "\(directory.path)/run"
        let pipeline = try Pipelines.benchE2E.overriding(
            inputs: ["\(Fixtures.packageRoot)/SampleData/warc/sample.warc.gz"], output: output)
        let stats = try Fixtures.run(pipeline, workers: 2)
        #expect(stats.documentsRead == 8)
        let documents = try Fixtures.shardDocuments(output)
        #expect(documents.map { $0["metadata"]?.objectValue?["url"]?.stringValue } == [
            "https://fieldnotebook.example/rivers/why-rivers-meander",
            "https://homebaking.example/bread/sourdough/starter-smell",
        ])
    }
}
