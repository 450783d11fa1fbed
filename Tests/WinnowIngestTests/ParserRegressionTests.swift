import Testing
import WinnowCore
import WinnowIngest

/// Inputs that crashed a parser (found by fuzzing or by review during the fuzzing work, docs/fuzzing.md),
/// kept byte for byte: each must now give documents or rejects, never a trap.
@Suite struct ParserRegressionTests {
    static func warc(_ block: String, type: String = "response") -> [UInt8] {
        let payload = Array(block.utf8)
        return Array("WARC/1.1\r\nWARC-Type: \(type)\r\nWARC-Record-ID: <urn:uuid:r>\r\nContent-Length: \(payload.count)\r\n\r\n".utf8)
            + payload + Array("\r\n\r\n".utf8)
    }

    /// A chunk size of 0x7fffffffffffffff made `index + size` overflow in the de-chunker. The body is not
    /// validly chunked, so it is kept as stored (crawlers often store de-chunked bodies with the header).
    @Test func chunkSizeNearIntMaxIsNotValidChunking() throws {
        let body = "7fffffffffffffff\r\n<html><body><p>x</p></body></html>\r\n0\r\n\r\n"
        let block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" + body
        let path = try ReaderHarness.temporaryFile("overflow.warc", Self.warc(block))
        let result = try ReaderHarness.collect(WARCReader([path]), path: path)
        #expect(result.rejects.isEmpty)
        #expect(result.documents.map(\.id) == ["urn:uuid:r"])
        #expect(result.documents.first?.raw?.bytes == Array(body.utf8))
    }
}
