// Fuzz target: the consensus labels parser (CSV and JSON Lines label files), with and without declared classes.
import WinnowConsensus

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLabels(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    guard let first = input.first else { return 0 }
    let path = FuzzFile.write(UnsafeRawBufferPointer(rebasing: input.dropFirst()), suffix: ".labels")
    let reader = LabelReader(
        classes: first & 1 == 0 ? nil : LabelSet(["good", "bad", "0", "1"]),
        knownItems: first & 2 == 0 ? nil : ["a", "b", "1", "2"],
        duplicates: first & 4 == 0 ? .reject : .keep,
        maxLineBytes: 4096)
    do {
        let data = try reader.read([path]) { _ in }
        _ = data
    } catch {
    }
    return 0
}
