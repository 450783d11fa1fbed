// Fuzz target: ZstdDecompressor (multi-frame zstd streams, skippable frames), fed in input-chosen pieces.
import WinnowIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZstd(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    guard let first = input.first else { return 0 }
    let piece = Int(first & 0x3f) + 1
    let source = FuzzSource(bytes: Array(input.dropFirst()), maxPerRead: piece)
    do {
        let decompressor = try ZstdDecompressor(
            source: source, path: "fuzz.zst", maxExpansionRatio: first & 0x40 != 0 ? 50 : nil, bufferSize: piece)
        var output = [UInt8](repeating: 0, count: Int(first >> 7) * 4000 + 7)
        var total = 0
        while total < 64 << 20 {
            let count = try output.withUnsafeMutableBytes { try decompressor.read(into: $0) }
            if count == 0 { break }
            total += count
        }
    } catch {
    }
    return 0
}
