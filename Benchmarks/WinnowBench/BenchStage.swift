internal import Logging
internal import Winnow
internal import WinnowIO
internal import WinnowJSON

/// One measurable stage of the end-to-end pipeline, run in process over documents held in memory, so that its
/// cost is counted apart from the others (`winnow-bench stages`). Each stage sees every document the stage
/// before it produced (filters do not drop here: every filter sees every extracted document, as
/// `winnow score` does), so per-document figures do not depend on the other filters' thresholds.
enum BenchStage: String, CaseIterable, Sendable {
    /// gunzip + WARC record and HTTP parsing (`read.warc@1`) → documents with raw HTML.
    case read
    /// Charset detection, decoding, libxml2 SAX parsing, main-text selection (`extract.html@1`).
    case extract
    /// CLD2 language identification (`lang.cld2@1`).
    case lang
    case gopher
    case gopherRepetition = "gopher-repetition"
    case c4
    case fineweb
    /// Gopher quality, Gopher repetition, C4 and FineWeb one after the other on each document, as a pipeline
    /// segment runs them (a drop ends the chain): unlike the four stages above, the filters share the
    /// analysis of the text here (decoded once, its words tokenized once, C4's kept text handed on).
    case quality
    /// Word 5-gram shingling and 112-hash MinHash signatures, written to the stage's work files (the collect
    /// step of `dedup.minhash@1`).
    case minhash
    /// Dolma JSON serialization and gzip level 6 shard output (`write.shards@1`).
    case shards

    /// What the stage's byte count measures.
    var bytesMeaning: String {
        switch self {
        case .read: "compressed WARC bytes"
        case .extract: "HTML bytes"
        default: "UTF-8 text bytes"
        }
    }
}

/// The documents each stage consumes, prepared once (outside any measured region).
struct BenchInputs {
    var files: [InputDescriptor]
    /// Documents with raw HTML, as the WARC reader made them.
    var raw: [Document] = []
    /// Documents with extracted text (those extraction kept).
    var extracted: [Document] = []

    var compressedBytes: Int { files.reduce(0) { $0 + Int($1.bytes) } }
    var htmlBytes: Int { raw.reduce(0) { $0 + ($1.raw?.bytes.count ?? 0) } }
    var textBytes: Int { extracted.reduce(0) { $0 + $1.text.utf8.count } }

    func documents(for stage: BenchStage) -> (count: Int, bytes: Int) {
        switch stage {
        case .read: (raw.count, compressedBytes)
        case .extract: (raw.count, htmlBytes)
        default: (extracted.count, textBytes)
        }
    }
}

/// Runs stages over ``BenchInputs``; the scratch directory holds the MinHash work files and the shard file.
struct StageRunner {
    let scratch: String
    let context: TaskContext

    init(scratch: String) {
        self.scratch = scratch
        self.context = TaskContext(rank: 0, worldSize: 1, phase: "bench", runDirectory: scratch, logger: Logger(label: "winnow-bench"))
    }

    /// Reads the WARC files into `inputs.raw`; returns the rejects' count (a benchmark input should have none).
    func read(_ inputs: inout BenchInputs) throws -> Int {
        let reader = Read.warc()
        var documents: [Document] = []
        var rejects = 0
        for file in inputs.files {
            try reader.read(file, context: context) { event in
                switch event {
                case .document(let document): documents.append(document)
                case .reject: rejects += 1
                case .skip: break
                }
            }
        }
        inputs.raw = documents
        return rejects
    }

    /// Extracts every raw document; keeps those extraction kept in `inputs.extracted`.
    func extract(_ inputs: inout BenchInputs) throws {
        var processor = try Extract.html().makeProcessor(context: context)
        var kept: [Document] = []
        kept.reserveCapacity(inputs.raw.count)
        for var document in inputs.raw {
            if case .keep = try processor.process(&document) {
                document.raw = nil
                kept.append(document)
            }
        }
        inputs.extracted = kept
    }

    /// Runs `stage` once over its documents; returns how many it kept (or wrote).
    func run(_ stage: BenchStage, _ inputs: inout BenchInputs) throws -> Int {
        switch stage {
        case .read:
            _ = try read(&inputs)
            return inputs.raw.count
        case .extract:
            try extract(&inputs)
            return inputs.extracted.count
        case .lang, .gopher, .gopherRepetition, .c4, .fineweb: return try filter(filterStage(stage), inputs.extracted)
        case .quality:
            var chain = try [BenchStage.gopher, .gopherRepetition, .c4, .fineweb].map { try filterStage($0).makeProcessor(context: context) }
            var kept = 0
            documents: for var document in inputs.extracted {
                for k in chain.indices where !(try chain[k].process(&document)).isKeep { continue documents }
                kept += 1
            }
            return kept
        case .minhash:
            if try FileSystem.fileExists("\(scratch)/work") { try FileSystem.removeItem("\(scratch)/work", recursive: true) }
            var collector = try Dedup.minhash().makeCollector(unit: 0, context: context)
            for document in inputs.extracted { try collector.observe(document) }
            try collector.commit()
            return inputs.extracted.count
        case .shards:
            let output = try OutputFile(path: "\(scratch)/shard-0000.jsonl.gz", compression: .gzip)
            var writer = JSONWriter(reservingCapacity: 1 << 16)
            for document in inputs.extracted {
                writer.bytes.removeAll(keepingCapacity: true)
                ShardWriter.serialize(document, into: &writer)
                writer.bytes.append(0x0a)
                try output.write(writer.bytes)
            }
            _ = try output.commit()
            return inputs.extracted.count
        }
    }

    /// The document stage of a filter `stage` (language, Gopher quality and repetition, C4, FineWeb).
    func filterStage(_ stage: BenchStage) -> any DocumentStage {
        switch stage {
        case .lang: Language.identify(languages: ["en"], minScore: 0.65)
        case .gopher: Quality.gopher()
        case .gopherRepetition: Quality.gopherRepetition()
        case .c4: Quality.c4()
        case .fineweb: Quality.fineweb()
        case .read, .extract, .quality, .minhash, .shards: preconditionFailure("\(stage.rawValue) is not a document filter")
        }
    }

    private func filter(_ stage: any DocumentStage, _ documents: [Document]) throws -> Int {
        var processor = try stage.makeProcessor(context: context)
        var kept = 0
        for var document in documents {
            if case .keep = try processor.process(&document) { kept += 1 }
        }
        return kept
    }
}
