// Fuzz target: ZstdDecompressor (multi-frame zstd streams, skippable frames), fed in input-chosen pieces.
import WinnowIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZstd(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzDecompressor(fuzzInput(data, size)) { source, ratio, bufferSize in
        try ZstdDecompressor(source: source, path: "fuzz.zst", maxExpansionRatio: ratio, bufferSize: bufferSize)
    }
}
