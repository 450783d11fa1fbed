// Fuzz target: HTML extraction (charset detection, iconv transcoding, libxml2 SAX, tree, scoring, rendering).
// The first byte picks the HTTP charset hint; small limits make the depth and node checks reachable.
import WinnowExtract

let fuzzCharsetHints: [String?] = [nil, "utf-8", "windows-1252", "shift_jis", "utf-16", "koi8-r", "gb18030", "bogus"]
nonisolated(unsafe) let fuzzExtractor = HTMLExtractor(limits: .init(maxInputBytes: 1 << 20, maxDepth: 64, maxNodes: 4096))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    guard let first = input.first else { return 0 }
    let hint = fuzzCharsetHints[Int(first) % fuzzCharsetHints.count]
    do {
        let page = try fuzzExtractor.extract(bytes: UnsafeRawBufferPointer(rebasing: input.dropFirst()), charsetHint: hint)
        _ = page.text.utf8.count
    } catch {
    }
    return 0
}
