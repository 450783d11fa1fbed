// Fuzz target: the WARC reader (`read.warc@1`), including its HTTP response and chunked/gzip payload decoding.
import Logging
import WinnowCore
import WinnowIngest

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWARC(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let path = FuzzFile.write(fuzzInput(data, size), suffix: ".warc")
    let reader = WARCReader([path], maxRecordBytes: 64 << 10)
    let context = TaskContext(rank: 0, worldSize: 1, phase: "fuzz", runDirectory: "/nonexistent", logger: Logger(label: "fuzz"))
    do {
        try reader.read(InputDescriptor(index: 0, path: path, stageIndex: 0, bytes: Int64(size)), context: context) { event in
            if case .document(let document) = event { _ = document.raw?.bytes.count }
        }
    } catch {
    }
    return 0
}
