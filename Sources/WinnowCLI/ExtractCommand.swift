import ArgumentParser
import Foundation
import Winnow
import WinnowIO

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract the main text of HTML pages, one text file per page.",
        discussion: """
            Each input NAME.html, NAME.htm or NAME.html.gz (or each such file in a folder given as PATH, \
            recursively) becomes DIR/NAME.txt. Each WARC file (.warc, .warc.gz, .warc.zst; WET: .wet, \
            .wet.gz) given as PATH or found in a folder yields one DIR/H.txt per HTTP 200 HTML response \
            record (WET: per conversion record, its text as is), where H is the 16-digit hex XXH3-64 of \
            the WARC-Record-ID without angle brackets; DIR/warc-records.tsv maps each H back to its \
            record id, URL, WARC file and byte offset. Other records are skipped and counted by reason. \
            Bad files and records are reported on standard error with their path, offset and reason, \
            counted, and skipped. Exit codes: 0 done (even with bad files), 65 --fail-fast \
            stopped at a bad file, 66 an input is missing, 74 the output cannot be written.
            """
    )

    @Argument(help: "HTML files, WARC/WET files, or folders.")
    var paths: [String]

    @Option(name: .long, help: "Output folder (created if missing).")
    var to: String

    @Option(name: .long, help: "Charset to assume when a page declares none (as an HTTP header would give it).")
    var charset: String?

    @Flag(name: .long, help: "Stop at the first bad file, with exit code 65.")
    var failFast = false

    @Flag(name: .long, help: "Print the time spent decoding and extracting, and reading WARC files (CPU seconds), to standard error.")
    var timing = false

    // Limits against hostile pages (docs/decisions/0015-limits.md); a page past one is a bad file.
    @Option(name: .long, help: "Deepest element nesting of a page.")
    var maxDepth = HTMLExtractor.Limits().maxDepth

    @Option(name: .long, help: "Most elements and text nodes of a page.")
    var maxNodes = HTMLExtractor.Limits().maxNodes

    @Option(name: .long, help: "Largest page in bytes (after gzip decompression).")
    var maxPageBytes = HTMLExtractor.Limits().maxInputBytes

    func validate() throws {
        guard maxDepth > 0, maxNodes > 0, maxPageBytes > 0 else {
            throw ValidationError("--max-depth, --max-nodes and --max-page-bytes must be positive")
        }
    }

    func run() throws {
        do {
            var htmlPaths: [String] = []
            var warcFiles: [String] = []
            for path in paths {
                guard try FileSystem.fileExists(path) else {
                    throw WinnowError(.noInput, "no such file or directory: \(path)", scope: .run)
                }
                if try FileSystem.isDirectory(path) {
                    htmlPaths.append(path)
                    warcFiles += try FileSystem.walk(path, includeHidden: false).filter(WARCReader.acceptsName)
                } else if WARCReader.acceptsName(path) {
                    warcFiles.append(path)
                } else {
                    htmlPaths.append(path)
                }
            }
            let files = try HTMLFiles.collect(htmlPaths)
            warcFiles = FileSystem.sortedByUTF8(warcFiles).reduce(into: []) { unique, file in
                if unique.last != file { unique.append(file) }
            }
            guard !files.isEmpty || !warcFiles.isEmpty else {
                throw WinnowError(.noInput, "no HTML files (.html, .htm, .html.gz) or WARC files (.warc, .warc.gz, .wet.gz) in \(paths.joined(separator: " "))", scope: .run)
            }
            try FileSystem.createDirectory(to)
            var extraction = FileExtraction(
                extractor: HTMLExtractor(limits: .init(maxInputBytes: maxPageBytes, maxDepth: maxDepth, maxNodes: maxNodes)),
                charsetHint: charset)
            var written: [String: String] = [:]
            var bad = 0
            for file in files {
                let result = extraction.extract(path: file)
                let problem: String
                switch result {
                case .success(let text):
                    guard let name = HTMLFiles.outputName(for: file) else {
                        problem = "\(file): not an HTML file name (.html, .htm, .html.gz)"
                        break
                    }
                    if let earlier = written[name] {
                        problem = "\(file): output \(name) already written for \(earlier)"
                        break
                    }
                    written[name] = file
                    try FileSystem.writeFileAtomically(FileSystem.join(to, name), Array(text.utf8))
                    continue
                case .failure(let error):
                    problem = error.description  // names the file (and the byte offset, where there is one)
                }
                bad += 1
                CLI.printError("bad file: \(problem)")
                if failFast {
                    throw WinnowError(.failFast, "stopped at the first bad file (--fail-fast)", scope: .run)
                }
            }
            var stderr = StandardError()
            if !files.isEmpty {
                print("extracted \(written.count) of \(files.count) files to \(to); bad files: \(bad)", to: &stderr)
            }
            if !warcFiles.isEmpty {
                var crawl = WARCExtraction(directory: to, failFast: failFast)
                for (index, file) in warcFiles.enumerated() {
                    try crawl.extract(file, index: index, extraction: &extraction, written: &written)
                }
                try crawl.writeIndex()
                print(crawl.summary(files: warcFiles.count), to: &stderr)
                if timing {
                    let seconds = (crawl.readingCPUSeconds * 1000).rounded() / 1000
                    print("WARC reading CPU s \(seconds) for \(crawl.inputBytes) bytes of WARC files", to: &stderr)
                }
            }
            if timing {
                let seconds = (extraction.cpuSeconds * 1000).rounded() / 1000
                print("extraction CPU s \(seconds) for \(extraction.htmlBytes) bytes of HTML", to: &stderr)
            }
        } catch {
            throw CLI.fail(error)
        }
    }
}

/// Extracts one file's main text; shared by the HTML-file path and the WARC path (``WARCExtraction``),
/// which calls ``extract(bytes:charsetHint:)`` per record.
struct FileExtraction {
    let extractor: HTMLExtractor
    let charsetHint: String?
    /// CPU seconds spent in decoding and extraction (not reading or decompressing).
    private(set) var cpuSeconds = 0.0
    private(set) var htmlBytes = 0

    init(extractor: HTMLExtractor, charsetHint: String?) {
        self.extractor = extractor
        self.charsetHint = charsetHint
    }

    mutating func extract(path: String) -> Result<String, WinnowError> {
        do {
            let bytes = try HTMLFiles.read(path, maxBytes: extractor.limits.maxInputBytes)
            return extract(bytes: bytes, charsetHint: charsetHint).mapError { $0.located(at: .init(path: path)) }
        } catch let error as WinnowError {
            return .failure(error.location == nil ? error.located(at: .init(path: path)) : error)
        } catch {
            return .failure(WinnowError(.io, "\(error)", at: .init(path: path)))
        }
    }

    mutating func extract(bytes: [UInt8], charsetHint: String?) -> Result<String, WinnowError> {
        let start = Self.processCPUTime()
        defer {
            cpuSeconds += Self.processCPUTime() - start
            htmlBytes += bytes.count
        }
        do {
            return .success(try extractor.extract(bytes, charsetHint: charsetHint).text)
        } catch let error as WinnowError {
            return .failure(error)
        } catch {
            return .failure(WinnowError(.malformedRecord, "\(error)"))
        }
    }

    static func processCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
