// Fuzz target: HTML extraction (charset detection, iconv transcoding, libxml2 SAX, tree, scoring, rendering).
// The first byte picks the HTTP charset hint; small limits make the depth and node checks reachable.
// Differential: the same page through an extractor that does not cut script and style bodies first
// (RawTextElision) must give the same text, title and error; a difference traps.
import WinnowExtract

let fuzzCharsetHints: [String?] = [nil, "utf-8", "windows-1252", "shift_jis", "utf-16", "koi8-r", "gb18030", "bogus"]
nonisolated(unsafe) let fuzzExtractor = HTMLExtractor(limits: .init(maxInputBytes: 1 << 20, maxDepth: 64, maxNodes: 4096))
nonisolated(unsafe) let fuzzPlainExtractor = HTMLExtractor(
    limits: .init(maxInputBytes: 1 << 20, maxDepth: 64, maxNodes: 4096), elidesRawText: false)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    guard let first = input.first else { return 0 }
    let hint = fuzzCharsetHints[Int(first) % fuzzCharsetHints.count]
    let page = UnsafeRawBufferPointer(rebasing: input.dropFirst())
    let cut = Result { try fuzzExtractor.extract(bytes: page, charsetHint: hint) }
    let plain = Result { try fuzzPlainExtractor.extract(bytes: page, charsetHint: hint) }
    switch (cut, plain) {
    case let (.success(a), .success(b)):
        if a.text != b.text || a.title != b.title { fatalError("raw-text elision changed the extraction") }
    case (.failure, .failure):
        break
    default:
        fatalError("raw-text elision changed whether the extraction fails")
    }
    return 0
}
