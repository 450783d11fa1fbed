public import WinnowCore
internal import WinnowIO
internal import WinnowJSON

/// Reads HTML files (`.html`, `.htm`, `.xhtml`, optionally gzip- or zstd-compressed): one document per
/// file, with the page in ``Document/raw`` for an extraction stage (`Extract.html`) to decode and extract.
///
/// Document id: the file name without its extensions, prefixed by `idPrefix` (default none) — stable for
/// the same file names. `metadata.path` is the path as listed in the run's inputs. Files larger than
/// `maxFileBytes` are rejected without being read whole.
public struct HTMLFileReader: SourceStage {
    public static let identifier: StageIdentifier = "read.html@1"

    public var label: String
    public var inputs: [String]
    public var source: String
    public var idPrefix: String
    public var maxFileBytes: Int

    public init(_ inputs: [String], source: String = "html", idPrefix: String = "", maxFileBytes: Int = 32 << 20, label: String = "read.html") {
        self.label = label
        self.inputs = inputs
        self.source = source
        self.idPrefix = idPrefix
        self.maxFileBytes = maxFileBytes
    }

    public func validate() throws {
        guard maxFileBytes >= 1024 else { throw invalid("maxFileBytes \(maxFileBytes) is below 1024") }
    }

    static let suffixes = [".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".html.zst"]

    public func accepts(path: String) -> Bool {
        InputProbe.accepts(path, byName: Self.acceptsName)
    }

    static func acceptsName(_ path: String) -> Bool {
        let lower = path.lowercased()
        return Self.suffixes.contains { lower.hasSuffix($0) }
    }

    /// The file name without the HTML (and compression) extension.
    public static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let lower = name.lowercased()
        for suffix in suffixes.sorted(by: { $0.count > $1.count }) where lower.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return name
    }

    public func read(_ input: InputDescriptor, context: TaskContext, emit: (ReaderEvent) throws -> Void) throws {
        let location = WinnowError.Location(path: input.path, byteOffset: 0)
        let bytes: [UInt8]
        do {
            bytes = try WholeFile.read(input.path, maxBytes: maxFileBytes)
        } catch let error as WinnowError where error.scope == .record {
            try emit(.reject(Reject(error: error, raw: [UInt8]())))
            return
        }
        if bytes.isEmpty {
            try emit(.reject(Reject(error: WinnowError(.emptyInput, "HTML file is empty", at: location), raw: [UInt8]())))
            return
        }
        var metadata = JSONObject()
        metadata["path"] = .string(input.path)
        let origin = Origin(path: input.path, inputIndex: input.index, ordinal: 0, byteOffset: 0)
        try emit(.document(Document(
            id: idPrefix + Self.stem(of: input.path), text: "", source: source, metadata: metadata, origin: origin,
            raw: RawContent(bytes: bytes, mediaType: "text/html"))))
    }
}

/// Reading a whole (possibly compressed) file with a size limit, for one-document-per-file readers.
enum WholeFile {
    /// The decompressed bytes; a `recordTooLarge` record error past `maxBytes`, stream errors as they come.
    static func read(_ path: String, maxBytes: Int) throws -> [UInt8] {
        let file = try InputFile.open(path)
        let reader = BufferedReader(source: file, path: path)
        let bytes = try reader.read(upTo: maxBytes)
        if bytes.count == maxBytes, !(try reader.atEnd()) {
            throw WinnowError(.recordTooLarge, "file is larger than the limit of \(maxBytes) bytes", at: .init(path: path, byteOffset: 0))
        }
        return bytes
    }
}
