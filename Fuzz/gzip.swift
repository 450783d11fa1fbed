// Fuzz target: GzipDecompressor (multi-member gzip streams), fed in pieces whose size the first byte picks.
import WinnowIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGzip(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzDecompressor(fuzzInput(data, size)) { source, ratio, bufferSize in
        try GzipDecompressor(source: source, path: "fuzz.gz", maxExpansionRatio: ratio, bufferSize: bufferSize)
    }
}
