public import WinnowJSON
internal import WinnowCore
internal import WinnowIO

/// Finds a document's lineage record by id through the run's index (`lineage/index.bin`): a binary search
/// on the id's XXH3-64, then one block of one lineage file is decoded. No scan of the run.
public struct LineageLookup {
    public let runDirectory: String
    private let index: [UInt8]

    public init(runDirectory: String) throws {
        self.runDirectory = runDirectory
        let path = "\(runDirectory)/lineage/index.bin"
        guard try FileSystem.fileExists(path) else {
            throw WinnowError(.noInput, "no lineage index: is this a completed Winnow run?", at: .init(path: path), scope: .run)
        }
        index = try FileSystem.readFile(path)
        guard index.count % LineageFile.IndexEntry.byteSize == 0 else {
            throw WinnowError(.corruptStream, "lineage index has a partial entry", at: .init(path: path, byteOffset: Int64(index.count)), scope: .run)
        }
    }

    /// Every lineage record with this id (usually one; a dataset with duplicate ids has more).
    public func records(for id: String) throws -> [JSONValue] {
        let hash = LineageFile.idHash(id)
        let size = LineageFile.IndexEntry.byteSize
        var low = 0
        var high = index.count / size
        while low < high {
            let middle = (low + high) / 2
            if LineageFile.IndexEntry.decode(index, at: middle * size).idHash < hash { low = middle + 1 } else { high = middle }
        }
        var found: [JSONValue] = []
        var seenBlocks: Set<String> = []
        var position = low
        while position < index.count / size {
            let entry = LineageFile.IndexEntry.decode(index, at: position * size)
            guard entry.idHash == hash else { break }
            position += 1
            let name = String(entry.unit)
            let padded = String(repeating: "0", count: max(0, 6 - name.count)) + name
            let path = "\(runDirectory)/lineage/unit-\(padded).jsonl.zst"
            guard seenBlocks.insert("\(path)@\(entry.blockOffset)").inserted else { continue }
            for record in try LineageFile.readBlock(path: path, offset: entry.blockOffset) where record["id"]?.stringValue == id {
                found.append(record)
            }
        }
        return found
    }
}
