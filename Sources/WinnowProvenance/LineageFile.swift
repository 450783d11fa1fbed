internal import WinnowCore
internal import WinnowIO
public import WinnowJSON

/// A lineage file: JSON lines in blocks of ``recordsPerBlock`` records, each block an independent zstd
/// frame, so one record is found by decoding one block. `zstdcat FILE` prints the whole file.
public enum LineageFile {
    public static let recordsPerBlock = 256

    /// One entry of the lineage index: the id's XXH3-64, the input unit, and the byte offset of the block.
    public struct IndexEntry: Sendable, Hashable, Comparable {
        public var idHash: UInt64
        public var unit: UInt32
        public var blockOffset: UInt64

        public static let byteSize = 24

        public init(idHash: UInt64, unit: UInt32, blockOffset: UInt64) {
            self.idHash = idHash
            self.unit = unit
            self.blockOffset = blockOffset
        }

        public static func < (a: IndexEntry, b: IndexEntry) -> Bool {
            (a.idHash, a.unit, a.blockOffset) < (b.idHash, b.unit, b.blockOffset)
        }

        public func append(to bytes: inout [UInt8]) {
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: idHash >> UInt64(shift))) }
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: unit >> UInt32(shift))) }
            bytes.append(contentsOf: [0, 0, 0, 0])
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: blockOffset >> UInt64(shift))) }
        }

        public static func decode(_ bytes: [UInt8], at offset: Int) -> IndexEntry {
            func u64(_ at: Int) -> UInt64 { (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) } }
            let unit = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + 8 + $1]) << (8 * UInt32($1)) }
            return IndexEntry(idHash: u64(offset), unit: unit, blockOffset: u64(offset + 16))
        }
    }

    public static func idHash(_ id: String) -> UInt64 { StableHash.xxh3(id) }

    /// Writes one unit's lineage records (each a JSON object) and returns its index entries.
    public final class Writer {
        private let output: AtomicFileWriter
        private let unit: UInt32
        private var block: [UInt8] = []
        private var blockIDs: [UInt64] = []
        private var offset: UInt64 = 0
        public private(set) var entries: [IndexEntry] = []
        public private(set) var records = 0

        public init(path: String, unit: Int) throws {
            try FileSystem.createDirectory(FileSystem.parentDirectory(of: path))
            output = try AtomicFileWriter(path: path)
            self.unit = UInt32(unit)
        }

        /// Appends a record; `id` is indexed when given.
        public func append(_ record: JSONValue, id: String?) throws {
            block.append(contentsOf: record.serialized())
            block.append(0x0a)
            if let id { blockIDs.append(LineageFile.idHash(id)) }
            records += 1
            if records % LineageFile.recordsPerBlock == 0 { try flush() }
        }

        private func flush() throws {
            guard !block.isEmpty else { return }
            let frame = try ZstdFrames.compress(block, level: 3)
            for hash in blockIDs { entries.append(IndexEntry(idHash: hash, unit: unit, blockOffset: offset)) }
            try output.write(frame)
            offset += UInt64(frame.count)
            block.removeAll(keepingCapacity: true)
            blockIDs.removeAll(keepingCapacity: true)
        }

        public func commit() throws {
            try flush()
            try output.commit()
        }
    }

    /// The records of the block at `offset` of a lineage file.
    public static func readBlock(path: String, offset: UInt64) throws -> [JSONValue] {
        var length = 1 << 20
        while true {
            let bytes = try FileSystem.readRange(path, offset: Int64(offset), count: length)
            do {
                let block = try ZstdFrames.decompressFrame(bytes, at: 0, path: path)
                return try block.split(separator: 0x0a).map { line in
                    do {
                        return try JSONParser.parse(Array(line))
                    } catch {
                        throw WinnowError(.corruptStream, "lineage record is not JSON: \(error)", at: .init(path: path, byteOffset: Int64(offset)), scope: .task)
                    }
                }
            } catch let error as WinnowError where error.code == .corruptStream && bytes.count == length {
                length *= 4  // the frame may be longer than what was read
                if length > 1 << 30 { throw error }
            }
        }
    }
}
