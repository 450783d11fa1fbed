// Fuzz target: the JSONL reader (`read.jsonl@1`) on a file of arbitrary bytes, plain or compressed.
import Logging
import WinnowCore
import WinnowIngest

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONL(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let path = FuzzFile.write(fuzzInput(data, size), suffix: ".jsonl")
    let reader = JSONLReader([path], maxRecordBytes: 4096)
    let context = TaskContext(rank: 0, worldSize: 1, phase: "fuzz", runDirectory: "/nonexistent", logger: Logger(label: "fuzz"))
    var events = 0
    do {
        try reader.read(InputDescriptor(index: 0, path: path, stageIndex: 0, bytes: Int64(size)), context: context) { event in
            events += 1
            if case .document(let document) = event { _ = document.text.utf8.count }
        }
    } catch {
        // Errors are fine (they name the file); crashes, hangs and leaks are not.
    }
    return 0
}
