import Testing
import WinnowCore
import WinnowJSON

@Suite struct PlanTests {
    static func pipeline(filters: Int = 1, extra: Bool = false) -> Pipeline {
        Pipeline("test", description: "a test") {
            FakeReader(inputs: ["a.txt"])
            for index in 0..<filters {
                FakeFilter(label: "filter-\(index)", threshold: 0.25)
            }
            if extra {
                FakeFilter(label: "extra")
            }
            FakeSink(output: "out")
        }
    }

    @Test func builderSupportsLoopsAndConditionals() {
        #expect(Self.pipeline(filters: 3).stages.map(\.label) == ["test.read", "filter-0", "filter-1", "filter-2", "test.write"])
        #expect(Self.pipeline(filters: 0, extra: true).stages.map(\.label) == ["test.read", "extra", "test.write"])
    }

    @Test func planRoundTripsThroughJSON() throws {
        let plan = try Plan(Self.pipeline(filters: 2))
        let bytes = plan.json.serialized(sortKeys: true)
        let reread = try Plan(json: try JSONParser.parse(bytes))
        #expect(reread == plan)
        #expect(reread.fingerprint == plan.fingerprint)
        #expect(plan.stages.map(\.role) == [.source, .document, .document, .sink])
        #expect(plan.stages[1].identifier == StageIdentifier("test.filter", version: 2))
        #expect(plan.stages[1].config["threshold"]?.doubleValue == 0.25)
    }

    @Test func fingerprintIsCanonicalAndPinned() throws {
        let plan = try Plan(Self.pipeline(filters: 1))
        #expect(plan.fingerprint == StableHash.sha256Hex(plan.canonicalJSON))
        // Pinned: the canonical JSON of this plan must not change silently.
        let text = String(decoding: plan.canonicalJSON, as: UTF8.self)
        #expect(text == #"{"description":"a test","format":1,"options":{},"pipeline":"test","stages":[{"config":{"inputs":["a.txt"],"label":"test.read","suffix":".txt"},"label":"test.read","role":"source","stage":"test.read@1"},{"config":{"label":"filter-0","threshold":0.25},"label":"filter-0","role":"document","stage":"test.filter@2"},{"config":{"label":"test.write","output":"out"},"label":"test.write","role":"sink","stage":"test.write@1"}]}"#)
        #expect(try Plan(Self.pipeline(filters: 2)).fingerprint != plan.fingerprint)
    }

    @Test func registryRebuildsTheStages() throws {
        let plan = try Plan(Self.pipeline(filters: 2))
        let registry = StageRegistry([FakeReader.self, FakeFilter.self, FakeSink.self])
        let rebuilt = try registry.pipeline(for: plan)
        #expect(try Plan(rebuilt).fingerprint == plan.fingerprint)

        let partial = StageRegistry([FakeReader.self, FakeSink.self])
        #expect(throws: WinnowError.self) { try partial.pipeline(for: plan) }
    }

    static let invalidPipelines: [(String, Pipeline)] = [
        ("it has no stages", Pipeline("p") {}),
        ("it must start with at least one reader stage", Pipeline("p") { FakeFilter(); FakeSink(output: "o") }),
        ("comes after non-reader stages", Pipeline("p") { FakeReader(inputs: []); FakeFilter(); FakeReader(label: "r2", inputs: []); FakeSink(output: "o") }),
        ("exactly one writer stage", Pipeline("p") { FakeReader(inputs: []); FakeFilter() }),
        ("exactly one writer stage", Pipeline("p") { FakeReader(inputs: []); FakeSink(output: "o"); FakeSink(label: "w2", output: "o") }),
        ("two stages are labelled 'test.filter'", Pipeline("p") { FakeReader(inputs: []); FakeFilter(); FakeFilter(); FakeSink(output: "o") }),
        ("may hold only letters", Pipeline("p") { FakeReader(inputs: []); FakeFilter(label: "bad label"); FakeSink(output: "o") }),
        ("threshold 2.0 is not within 0...1", Pipeline("p") { FakeReader(inputs: []); FakeFilter(threshold: 2); FakeSink(output: "o") }),
        ("maxRejectFraction", Pipeline("p", options: PipelineOptions(maxRejectFraction: 3)) { FakeReader(inputs: []); FakeSink(output: "o") }),
    ]

    @Test(arguments: invalidPipelines)
    func invalidPipelinesAreRejectedBeforeWork(expected: String, pipeline: Pipeline) {
        do {
            _ = try Plan(pipeline)
            Issue.record("plan validated but should fail with '\(expected)'")
        } catch let error as WinnowError {
            #expect(error.code == .invalidPlan)
            #expect(error.scope == .run)
            #expect(error.message.contains(expected), "message: \(error.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func overridesRouteInputsByReader() throws {
        let pipeline = Pipeline("p") {
            FakeReader(label: "text", inputs: ["x.txt"])
            FakeReader(label: "markdown", inputs: ["y.md"], suffix: ".md")
            FakeSink(output: "o")
        }
        let changed = try pipeline.overriding(inputs: ["a.md", "b.txt", "c.txt"], output: "elsewhere")
        #expect((changed.stages[0] as? FakeReader)?.inputs == ["b.txt", "c.txt"])
        #expect((changed.stages[1] as? FakeReader)?.inputs == ["a.md"])
        #expect((changed.stages[2] as? FakeSink)?.output == "elsewhere")
        #expect(throws: WinnowError.self) { try pipeline.overriding(inputs: ["a.pdf"], output: nil) }
        // No overrides: unchanged.
        #expect(try Plan(try pipeline.overriding(inputs: [], output: nil)).fingerprint == (try Plan(pipeline)).fingerprint)
    }

    @Test func stageIdentifiersParse() {
        #expect(StageIdentifier(parsing: "filter.gopher-quality@1") == StageIdentifier("filter.gopher-quality", version: 1))
        #expect(StageIdentifier(parsing: "a@b@12")?.name == "a@b")
        for bad in ["noversion", "@1", "x@0", "x@", "x@-1"] {
            #expect(StageIdentifier(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func errorsNameTheirLocation() {
        let error = WinnowError(.malformedJSON, "not a JSON record", at: .init(path: "in.jsonl", byteOffset: 120, line: 3))
        #expect(error.description == "in.jsonl:3 (byte 120): not a JSON record [malformed-json]")
    }

    @Test func stageCountersMerge() {
        var a = StageCounters(label: "f", stage: "test.filter@2")
        a.record(.keep)
        a.record(.drop(reason: "short"))
        var b = StageCounters(label: "f", stage: "test.filter@2")
        b.record(.drop(reason: "short"))
        b.record(.drop(reason: "long", detail: "x"))
        a.merge(b)
        #expect((a.seen, a.kept, a.dropped) == (4, 1, 3))
        #expect(a.reasons == ["short": 2, "long": 1])
    }
}
