public import WinnowCore
internal import WinnowIO
internal import WinnowJSON

/// Reads WARC files (WARC 1.0 and 1.1): `.warc`, `.warc.gz` where each record is its own gzip member
/// (Common Crawl's layout) or the whole file is one gzip stream, and `.warc.zst`. Streaming, record by
/// record; memory is bounded by `maxRecordBytes`.
///
/// * `response` records with an HTTP 200 HTML payload become documents whose ``Document/raw`` holds the
///   payload (chunked transfer coding and gzip/deflate content coding removed) with the media type and the
///   header's charset; an extraction stage (`Extract.html`) turns it into text. Other statuses are skipped
///   as `non_200_status`, other media types as `non_html`; both are logged in the run's drop log.
/// * `conversion` records (WET files) become documents with their UTF-8 text.
/// * `warcinfo`, `request`, `metadata`, `revisit` and `resource` records are skipped and counted as
///   `record_type_<type>`.
///
/// Document id: the `WARC-Record-ID` without angle brackets. `created`: `WARC-Date`. Metadata: `url`,
/// `warc_date`, `warc_type`, and for responses `http_status` and `content_type`; for WET records
/// `warc_refers_to`. Origin: the file and the record's byte offset in the decompressed stream; for gzip files
/// `metadata.warc_gzip_offset` is the compressed offset of the record's gzip member (what Common Crawl's
/// index calls the offset).
///
/// Bad input: a record without a `WARC/1.x` version line, without `WARC-Type`, `WARC-Record-ID` or a valid
/// `Content-Length`, or whose `Content-Length` does not end at a record boundary, is rejected with the file
/// and offset, and the reader resynchronises at the next line that starts with `WARC/`. A truncated gzip
/// member or file is rejected and ends the file.
public struct WARCReader: SourceStage {
    public static let identifier: StageIdentifier = "read.warc@1"

    public var label: String
    public var inputs: [String]
    /// The `source` of the documents.
    public var source: String
    /// Records whose block is larger are skipped (without holding them in memory) and rejected.
    public var maxRecordBytes: Int
    /// Media types of responses that become documents.
    public var htmlMediaTypes: [String]
    /// For compressed files, the largest ratio of decompressed to compressed bytes (see
    /// ``JSONLReader/maxExpansionRatio``); past it the rest of the file is quarantined with `limit-exceeded`.
    public var maxExpansionRatio: Double?

    public init(
        _ inputs: [String],
        source: String = "warc",
        maxRecordBytes: Int = 32 << 20,
        htmlMediaTypes: [String] = ["text/html", "application/xhtml+xml"],
        maxExpansionRatio: Double? = JSONLReader.defaultMaxExpansionRatio,
        label: String = "read.warc"
    ) {
        self.label = label
        self.inputs = inputs
        self.source = source
        self.maxRecordBytes = maxRecordBytes
        self.htmlMediaTypes = htmlMediaTypes
        self.maxExpansionRatio = maxExpansionRatio
    }

    public func validate() throws {
        guard maxRecordBytes >= 1024 else { throw invalid("maxRecordBytes \(maxRecordBytes) is below 1024") }
        guard !htmlMediaTypes.isEmpty else { throw invalid("htmlMediaTypes is empty") }
        if let ratio = maxExpansionRatio, !(ratio >= 1) || !ratio.isFinite {
            throw invalid("maxExpansionRatio \(ratio) must be a finite number >= 1 (or nil for no limit)")
        }
    }

    public func accepts(path: String) -> Bool {
        InputProbe.accepts(path, byName: Self.acceptsName)
    }

    /// Whether the file name says WARC or WET: `.warc`, `.warc.gz`, `.warc.zst`, `.wet`, `.wet.gz`.
    public static func acceptsName(_ path: String) -> Bool {
        let lower = path.lowercased()
        return [".warc", ".warc.gz", ".warc.zst", ".wet", ".wet.gz"].contains { lower.hasSuffix($0) }
    }

    static let maxHeaderBytes = 256 << 10
    static let versionPrefix = Array("WARC/".utf8)

    public func read(_ input: InputDescriptor, context: TaskContext, emit: (ReaderEvent) throws -> Void) throws {
        let file = try InputFile.open(input.path, maxExpansionRatio: maxExpansionRatio)
        // Member starts of a per-record gzip file, to report each record's compressed offset.
        var memberStarts: [(compressed: Int64, decompressed: Int64)] = []
        file.gzipMemberStartHandler = { compressed, decompressed in
            memberStarts.append((compressed, decompressed))
        }
        let reader = BufferedReader(source: file, path: input.path)
        var ordinal: Int64 = 0
        var sawRecord = false

        func location(_ offset: Int64) -> WinnowError.Location {
            WinnowError.Location(path: input.path, byteOffset: offset)
        }
        func reject(_ code: WinnowError.Code, _ message: String, at offset: Int64, raw: [UInt8] = []) throws {
            try emit(.reject(Reject(error: WinnowError(code, message, at: location(offset)), raw: raw)))
        }
        /// Skips to the next line that starts with `WARC/`; false at the end of the file.
        func resynchronise() throws -> Bool {
            try reader.skip(toLineStarting: Self.versionPrefix)
        }

        do {
            records: while true {
                // Blank lines between records are tolerated.
                var recordStart = reader.offset
                var versionLine: [UInt8]
                repeat {
                    recordStart = reader.offset
                    guard let line = try reader.readLine(maxBytes: Self.maxHeaderBytes) else { break records }
                    versionLine = line
                } while versionLine.isEmpty
                guard versionLine.starts(with: Self.versionPrefix) else {
                    try reject(.malformedRecord, "expected a WARC version line (WARC/1.0 or WARC/1.1), found '\(Self.preview(versionLine))'", at: recordStart, raw: versionLine)
                    if try resynchronise() { continue records } else { break records }
                }
                sawRecord = true
                var header = WARCRecordHeader(version: String(decoding: versionLine, as: UTF8.self))
                var headerBytes = 0
                while true {
                    guard let line = try reader.readLine(maxBytes: Self.maxHeaderBytes) else {
                        try reject(.truncatedStream, "file ends inside the header of the record", at: recordStart)
                        break records
                    }
                    if line.isEmpty { break }
                    headerBytes += line.count
                    if headerBytes > Self.maxHeaderBytes {
                        try reject(.recordTooLarge, "record header exceeds \(Self.maxHeaderBytes) bytes", at: recordStart)
                        if try resynchronise() { continue records } else { break records }
                    }
                    if let first = line.first, first == 0x20 || first == 0x09, !header.fields.isEmpty {
                        header.fields[header.fields.count - 1].value += " " + String(decoding: line, as: UTF8.self).trimmingWhitespace()
                        continue
                    }
                    guard let colon = line.firstIndex(of: 0x3a) else {
                        try reject(.malformedRecord, "WARC header line without ':': '\(Self.preview(line))'", at: recordStart, raw: line)
                        if try resynchronise() { continue records } else { break records }
                    }
                    header.fields.append((
                        String(decoding: line[..<colon], as: UTF8.self).trimmingWhitespace().lowercased(),
                        String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingWhitespace()))
                }
                guard let length = header.contentLength else {
                    try reject(.malformedRecord, "record has no valid Content-Length", at: recordStart)
                    if try resynchronise() { continue records } else { break records }
                }
                let missing = ["warc-type", "warc-record-id"].filter { header[$0] == nil }
                let type = header.type ?? ""
                let wanted = missing.isEmpty && (type == "response" || type == "conversion")
                var block: [UInt8] = []
                if wanted && length <= Int64(maxRecordBytes) {
                    block = try reader.read(upTo: Int(length))
                    if block.count < Int(length) {
                        try reject(.truncatedStream, "file ends inside the record's block (\(block.count) of \(length) bytes)", at: recordStart)
                        break records
                    }
                } else {
                    let skipped = try reader.skip(length)
                    if skipped < length {
                        try reject(.truncatedStream, "file ends inside the record's block (\(skipped) of \(length) bytes)", at: recordStart)
                        break records
                    }
                }
                // The block must be followed by CRLF CRLF (or the end of the file).
                let separator = try reader.peek(4)
                if separator == [0x0d, 0x0a, 0x0d, 0x0a] {
                    try reader.skip(4)
                } else if !separator.isEmpty {
                    try reject(.malformedRecord, "Content-Length \(length) does not end at a record boundary (no CRLF CRLF after the block); the record is skipped", at: recordStart)
                    if try resynchronise() { continue records } else { break records }
                }
                guard missing.isEmpty else {
                    try reject(.malformedRecord, "record lacks \(missing.joined(separator: " and "))", at: recordStart)
                    continue records
                }
                defer { ordinal += 1 }
                let recordID = WARCRecordHeader.bareID(header.recordID!)
                var gzipOffset: Int64?
                if file.compression == .gzip {
                    memberStarts.removeAll { $0.decompressed < recordStart }
                    if let member = memberStarts.first, member.decompressed == recordStart { gzipOffset = member.compressed }
                }
                let origin = Origin(path: input.path, inputIndex: input.index, ordinal: ordinal, byteOffset: recordStart, recordID: header.recordID)
                guard wanted else {
                    try emit(.skip(Skip(id: recordID, reason: "record_type_\(type.isEmpty ? "unknown" : type)", location: location(recordStart), isDocument: false)))
                    continue records
                }
                if length > Int64(maxRecordBytes) {
                    try reject(.recordTooLarge, "\(type) record of \(length) bytes exceeds maxRecordBytes \(maxRecordBytes)", at: recordStart)
                    continue records
                }
                var metadata = JSONObject()
                if let uri = header.targetURI { metadata["url"] = .string(uri) }
                if let date = header.date { metadata["warc_date"] = .string(date) }
                metadata["warc_type"] = .string(type)
                if let gzipOffset { metadata["warc_gzip_offset"] = .number(JSONNumber(gzipOffset)) }
                if type == "conversion" {
                    if let refersTo = header["warc-refers-to"] { metadata["warc_refers_to"] = .string(WARCRecordHeader.bareID(refersTo)) }
                    let text = String(decoding: block, as: UTF8.self)
                    if String(validating: block, as: UTF8.self) == nil { metadata["utf8_repaired"] = .bool(true) }
                    try emit(.document(Document(id: recordID, text: text, source: source, created: header.date, metadata: metadata, origin: origin)))
                    continue records
                }
                // A response: HTTP status line, headers, payload.
                let response: HTTPResponse
                do {
                    response = try HTTPResponse.parse(block, maxPayloadBytes: maxRecordBytes)
                } catch {
                    guard case .malformed(let reason) = error else { continue records }
                    try reject(.malformedRecord, "response record: \(reason)", at: recordStart, raw: Array(block.prefix(4096)))
                    continue records
                }
                metadata["http_status"] = .number(JSONNumber(response.status))
                if let contentType = response["content-type"] { metadata["content_type"] = .string(contentType) }
                guard response.status == 200 else {
                    try emit(.skip(Skip(id: recordID, reason: "non_200_status", detail: "HTTP \(response.status) \(header.targetURI ?? "")", location: location(recordStart), isDocument: true)))
                    continue records
                }
                let mediaType = response.mediaType
                    ?? HTTPResponse.mediaType(of: header["warc-identified-payload-type"])
                    ?? (Self.looksLikeHTML(response.payload) ? "text/html" : nil)
                guard let mediaType, htmlMediaTypes.contains(mediaType) else {
                    try emit(.skip(Skip(id: recordID, reason: "non_html", detail: "\(mediaType ?? "unknown media type") \(header.targetURI ?? "")", location: location(recordStart), isDocument: true)))
                    continue records
                }
                let raw = RawContent(bytes: response.payload, mediaType: mediaType, charset: response.charset)
                try emit(.document(Document(id: recordID, text: "", source: source, created: header.date, metadata: metadata, origin: origin, raw: raw)))
            }
        } catch let error as WinnowError
            where error.code == .truncatedStream || error.code == .corruptStream || error.code == .limitExceeded
        {
            try emit(.reject(Reject(error: error, raw: [UInt8]())))
            return
        } catch let error as WinnowError where error.code == .recordTooLarge {
            // A header line longer than the limit: the file is not WARC from here on.
            try emit(.reject(Reject(error: error, raw: [UInt8]())))
            return
        }
        if !sawRecord {
            try reject(.emptyInput, "no WARC record in the file", at: 0)
        }
    }

    static func preview(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(60), as: UTF8.self)
    }

    /// Whether a payload without a declared type starts like an HTML document.
    static func looksLikeHTML(_ payload: [UInt8]) -> Bool {
        let head = String(decoding: payload.prefix(1024), as: UTF8.self).lowercased()
        return head.contains("<!doctype html") || head.contains("<html")
    }
}
