public import WinnowCore
internal import WinnowIO
internal import WinnowJSON

/// Reads plain text files (`.txt`, optionally gzip- or zstd-compressed): one document per file.
///
/// Text must be UTF-8; invalid sequences are replaced by U+FFFD and the document gets
/// `metadata.utf8_repaired = true` (with `invalidUTF8: .reject` the file is rejected instead, naming the
/// offset of the first bad byte). Document id: the file name without extensions, after `idPrefix`.
public struct TextFileReader: SourceStage {
    public static let identifier: StageIdentifier = "read.text@1"

    public enum InvalidUTF8Policy: String, Sendable, Codable {
        case replace, reject
    }

    public var label: String
    public var inputs: [String]
    public var source: String
    public var idPrefix: String
    public var maxFileBytes: Int
    public var invalidUTF8: InvalidUTF8Policy

    public init(
        _ inputs: [String], source: String = "text", idPrefix: String = "", maxFileBytes: Int = 64 << 20,
        invalidUTF8: InvalidUTF8Policy = .replace, label: String = "read.text"
    ) {
        self.label = label
        self.inputs = inputs
        self.source = source
        self.idPrefix = idPrefix
        self.maxFileBytes = maxFileBytes
        self.invalidUTF8 = invalidUTF8
    }

    public func validate() throws {
        guard maxFileBytes >= 1024 else { throw invalid("maxFileBytes \(maxFileBytes) is below 1024") }
    }

    static let suffixes = [".txt", ".txt.gz", ".txt.zst", ".text"]

    public func accepts(path: String) -> Bool {
        InputProbe.accepts(path, byName: Self.acceptsName)
    }

    static func acceptsName(_ path: String) -> Bool {
        let lower = path.lowercased()
        return Self.suffixes.contains { lower.hasSuffix($0) }
    }

    public func read(_ input: InputDescriptor, context: TaskContext, emit: (ReaderEvent) throws -> Void) throws {
        let bytes: [UInt8]
        do {
            bytes = try WholeFile.read(input.path, maxBytes: maxFileBytes)
        } catch let error as WinnowError where error.scope == .record {
            try emit(.reject(Reject(error: error, raw: [UInt8]())))
            return
        }
        let location = WinnowError.Location(path: input.path, byteOffset: 0)
        if bytes.isEmpty {
            try emit(.reject(Reject(error: WinnowError(.emptyInput, "text file is empty", at: location), raw: [UInt8]())))
            return
        }
        var metadata = JSONObject()
        metadata["path"] = .string(input.path)
        let text: String
        if let valid = String(validating: bytes, as: UTF8.self) {
            text = valid
        } else {
            let offset = UTF8Scan.firstInvalidOffset(bytes) ?? 0
            if invalidUTF8 == .reject {
                let error = WinnowError(.invalidUTF8, "text file is not valid UTF-8", at: .init(path: input.path, byteOffset: Int64(offset)))
                try emit(.reject(Reject(error: error, raw: bytes.prefix(4096))))
                return
            }
            text = String(decoding: bytes, as: UTF8.self)
            metadata["utf8_repaired"] = .bool(true)
        }
        let origin = Origin(path: input.path, inputIndex: input.index, ordinal: 0, byteOffset: 0)
        let name = input.path.split(separator: "/").last.map(String.init) ?? input.path
        let stem = Self.suffixes.sorted { $0.count > $1.count }.first { name.lowercased().hasSuffix($0) }.map { String(name.dropLast($0.count)) } ?? name
        try emit(.document(Document(id: idPrefix + stem, text: text, source: source, metadata: metadata, origin: origin)))
    }
}

/// Finding the first invalid UTF-8 byte (for error offsets).
enum UTF8Scan {
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7f: index += 1; continue
            case 0xc2...0xdf: length = 2
            case 0xe0...0xef: length = 3
            case 0xf0...0xf4: length = 4
            default: return index
            }
            guard index + length <= bytes.count,
                  String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil
            else { return index }
            index += length
        }
        return nil
    }
}
