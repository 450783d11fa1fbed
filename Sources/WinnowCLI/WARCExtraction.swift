import Foundation
import Logging
import Winnow
import WinnowIO
import WinnowJSON

/// The WARC half of `winnow extract`: reads each WARC or WET file with ``WARCReader`` (so the HTTP header's
/// charset reaches the extractor and non-HTML, non-200 and non-response records are skipped by the same rules
/// as in a pipeline) and writes one text file per document record.
///
/// Naming: `DIR/H.txt`, where `H` is ``StableHash/hex(_:)`` of ``StableHash/xxh3(_:seed:)`` (seed 0) of the
/// record id without angle brackets (the document id `read.warc` gives it), so the same record gets the same
/// name in every run and from every file. `DIR/warc-records.tsv` lists `name, record id, url, file, byte
/// offset` (in the decompressed stream, as in the document's origin) for each written record, in input order. Skipped records are counted by the reader's reason;
/// rejected records (malformed, truncated) and records the extractor cannot handle are reported on standard
/// error with file and offset and counted as bad.
struct WARCExtraction {
    let directory: String
    let failFast: Bool
    private(set) var written = 0
    private(set) var bad = 0
    private(set) var skipped: [String: Int] = [:]
    /// CPU seconds spent in ``WARCReader`` itself (decompression, record and HTTP parsing), without the
    /// extraction and writing of the documents it emits; and the compressed bytes it read.
    private(set) var readingCPUSeconds = 0.0
    private(set) var inputBytes: Int64 = 0
    private var index: [String] = ["name\trecord_id\turl\tfile\tbyte_offset"]

    init(directory: String, failFast: Bool) {
        self.directory = directory
        self.failFast = failFast
    }

    /// The output file name of the record with (bare) id `recordID`.
    static func outputName(recordID: String) -> String {
        StableHash.hex(StableHash.xxh3(recordID)) + ".txt"
    }

    /// Extracts every document record of the WARC or WET file at `path`.
    ///
    /// - Parameter written: output names already written in this run (name to what produced it); a second
    ///   record with the same name (a repeated record id) is reported as bad, never overwrites the first.
    /// - Throws: `WinnowError(.failFast)` at the first bad record with `failFast`; I/O errors writing output.
    mutating func extract(_ path: String, index fileIndex: Int, extraction: inout FileExtraction, written names: inout [String: String]) throws {
        let reader = WARCReader([path])
        let context = TaskContext(rank: 0, worldSize: 1, phase: "extract", runDirectory: directory, failFast: failFast, logger: Logger(label: "winnow.extract"))
        let start = FileExtraction.processCPUTime()
        var handling = 0.0
        defer { readingCPUSeconds += FileExtraction.processCPUTime() - start - handling }
        do {
            let input = InputDescriptor(index: fileIndex, path: path, stageIndex: 0, bytes: try FileSystem.fileSize(path))
            inputBytes += input.bytes
            try reader.read(input, context: context) { event in
                switch event {
                case .skip(let skip):
                    skipped[skip.reason, default: 0] += 1
                case .reject(let reject):
                    try report(reject.error.description)
                case .document(let document):
                    let handlingStart = FileExtraction.processCPUTime()
                    defer { handling += FileExtraction.processCPUTime() - handlingStart }
                    let place = "\(path) (byte \(document.origin.byteOffset ?? 0))"
                    let text: String
                    if let raw = document.raw {
                        switch extraction.extract(bytes: raw.bytes, charsetHint: raw.charset ?? extraction.charsetHint) {
                        case .success(let extracted): text = extracted
                        case .failure(let error):
                            try report("\(place): record \(document.id): \(error.message)")
                            return
                        }
                    } else {
                        text = document.text  // a WET conversion record: already text
                    }
                    let name = Self.outputName(recordID: document.id)
                    if let earlier = names[name] {
                        try report("\(place): record \(document.id): output \(name) already written for \(earlier)")
                        return
                    }
                    names[name] = "record \(document.id) in \(path)"
                    try FileSystem.writeFileAtomically(FileSystem.join(directory, name), Array(text.utf8))
                    written += 1
                    let url = document.metadata["url"]?.stringValue ?? ""
                    let fields = [name, document.id, url, path, String(document.origin.byteOffset ?? 0)]
                    index.append(fields.map { $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\t"))
                }
            }
        } catch let error as WinnowError where error.code != .failFast {
            // The file cannot be opened or read on: a bad file, counted like a bad record.
            try report(error.location == nil ? "\(path): \(error.description)" : error.description)
        }
    }

    private mutating func report(_ problem: String) throws {
        bad += 1
        CLI.printError("bad record: \(problem)")
        if failFast {
            throw WinnowError(.failFast, "stopped at the first bad record (--fail-fast)", scope: .run)
        }
    }

    /// Writes `DIR/warc-records.tsv`.
    func writeIndex() throws {
        try FileSystem.writeFileAtomically(FileSystem.join(directory, "warc-records.tsv"), Array((index.joined(separator: "\n") + "\n").utf8))
    }

    /// One line for standard error: records written, skipped by reason (sorted), bad.
    func summary(files: Int) -> String {
        let reasons = skipped.keys.sorted().map { "\($0) \(skipped[$0]!)" }.joined(separator: ", ")
        return "extracted \(written) records from \(files) WARC file\(files == 1 ? "" : "s") to \(directory); skipped: \(reasons.isEmpty ? "none" : reasons); bad records: \(bad)"
    }
}
