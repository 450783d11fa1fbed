import Foundation
import Testing
import WinnowCore
import WinnowIngest
import WinnowIO
import WinnowJSON

@Suite struct WARCReaderTests {
    static var sample: String { "\(ReaderHarness.packageRoot)/SampleData/warc/sample.warc.gz" }

    static func record(_ type: String, id: String, uri: String = "https://example.test/", block: String, lengthDelta: Int = 0, extra: String = "") -> [UInt8] {
        let bytes = Array(block.utf8)
        let header = "WARC/1.0\r\nWARC-Type: \(type)\r\nWARC-Record-ID: <urn:uuid:\(id)>\r\nWARC-Target-URI: \(uri)\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n\(extra)Content-Length: \(bytes.count + lengthDelta)\r\n\r\n"
        return Array(header.utf8) + bytes + Array("\r\n\r\n".utf8)
    }

    static func response(_ id: String, status: Int = 200, type: String = "text/html", body: String = "<html><body><p>Hello</p></body></html>") -> [UInt8] {
        record("response", id: id, block: "HTTP/1.1 \(status) X\r\nContent-Type: \(type)\r\n\r\n\(body)")
    }

    @Test func readsTheSampleCrawl() throws {
        let result = try ReaderHarness.collect(WARCReader([]), path: Self.sample)
        #expect(result.rejects.isEmpty)
        #expect(result.documents.count == 8)
        #expect(result.documents.map { $0.metadata["url"]?.stringValue ?? "" }.first == "https://fieldnotebook.example/rivers/why-rivers-meander")
        for document in result.documents {
            #expect(document.id.hasPrefix("urn:uuid:"))
            #expect(document.text.isEmpty)
            #expect(document.raw?.mediaType == "text/html")
            #expect(document.created == "2024-05-06T07:08:09Z")
            #expect(document.metadata["http_status"]?.int64Value == 200)
            #expect(document.metadata["warc_gzip_offset"]?.int64Value != nil)
            #expect(document.origin.recordID?.hasPrefix("<urn:uuid:") == true)
        }
        // Chunked transfer coding and gzip content coding are removed: the payloads are the pages.
        let forum = try #require(result.documents.first { $0.metadata["url"]?.stringValue?.contains("homebaking") == true })
        #expect(String(decoding: forum.raw!.bytes, as: UTF8.self).hasPrefix("<!DOCTYPE html>"))
        #expect(String(decoding: forum.raw!.bytes, as: UTF8.self).hasSuffix("</html>\n"))
        let docs = try #require(result.documents.first { $0.metadata["url"]?.stringValue?.contains("handbuch") == true })
        #expect(String(decoding: docs.raw!.bytes, as: UTF8.self).contains("Konfiguration der Protokollierung"))
        // The charset from the HTTP header is kept for the extractor.
        let russian = try #require(result.documents.first { $0.metadata["url"]?.stringValue?.contains("gorod") == true })
        #expect(russian.raw?.charset == "windows-1251")

        #expect(Dictionary(grouping: result.skips, by: \.reason).mapValues(\.count) == [
            "record_type_warcinfo": 1, "record_type_request": 8, "record_type_metadata": 1,
            "non_200_status": 2, "non_html": 2,
        ])
        #expect(result.skips.filter(\.isDocument).count == 4)
    }

    @Test func gzipOffsetsPointAtEachRecordsMember() throws {
        let result = try ReaderHarness.collect(WARCReader([]), path: Self.sample)
        let file = try FileSystem.readFile(Self.sample)
        for document in result.documents {
            let offset = Int(try #require(document.metadata["warc_gzip_offset"]?.int64Value))
            // A member starts there: decompressing from that offset yields this record first.
            let path = try ReaderHarness.temporaryFile("member.gz", Array(file[offset...]))
            let reader = BufferedReader(source: try InputFile.open(path), path: path)
            var header: [String] = []
            while let line = try reader.readLine(maxBytes: 4096), !line.isEmpty { header.append(String(decoding: line, as: UTF8.self)) }
            #expect(header.contains("WARC-Record-ID: <\(document.id)>"))
        }
    }

    @Test func readsWETConversions() throws {
        let result = try ReaderHarness.collect(WARCReader([]), path: "\(ReaderHarness.packageRoot)/SampleData/warc/sample.warc.wet.gz")
        #expect(result.documents.count == 3)
        #expect(result.documents.allSatisfy { $0.raw == nil && !$0.text.isEmpty && $0.metadata["warc_refers_to"] != nil })
        #expect(result.documents[2].text.contains("Новосибирске"))
        #expect(result.skips.map(\.reason) == ["record_type_warcinfo"])
    }

    @Test func plainAndWholeFileGzipWARCReadTheSame() throws {
        let plain = Self.response("a") + Self.response("b", status: 404) + Self.response("c", type: "image/png", body: "PNG")
        let plainPath = try ReaderHarness.temporaryFile("x.warc", plain)
        let gzPath = try ReaderHarness.temporaryFile("x.warc.gz", try ReaderHarness.gzip(plain))
        let fromPlain = try ReaderHarness.collect(WARCReader([]), path: plainPath)
        let fromGzip = try ReaderHarness.collect(WARCReader([]), path: gzPath)
        #expect(fromPlain.documents.map(\.id) == ["urn:uuid:a"])
        #expect(fromGzip.documents.map(\.id) == ["urn:uuid:a"])
        #expect(fromPlain.documents[0].origin.byteOffset == 0)
        #expect(fromPlain.skips.map(\.reason) == ["non_200_status", "non_html"])
        #expect(fromPlain.skips[0].location.byteOffset == Int64(Self.response("a").count))
        // Whole-file gzip: one member, so only the first record starts one.
        #expect(fromGzip.documents[0].metadata["warc_gzip_offset"]?.int64Value == 0)
    }

    @Test func aWrongContentLengthIsRejectedAndTheReaderResynchronises() throws {
        let bad = Self.record("response", id: "bad", block: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>x</p>", lengthDelta: -5)
        let bytes = Self.response("a") + bad + Self.response("c")
        let result = try ReaderHarness.collect(WARCReader([]), path: try ReaderHarness.temporaryFile("x.warc", bytes))
        #expect(result.documents.map(\.id) == ["urn:uuid:a", "urn:uuid:c"])
        #expect(result.rejects.count == 1)
        #expect(result.rejects[0].error.code == .malformedRecord)
        #expect(result.rejects[0].error.message.contains("does not end at a record boundary"))
        #expect(result.rejects[0].error.location?.byteOffset == Int64(Self.response("a").count))
    }

    @Test func missingHeadersAndGarbageAreRejected() throws {
        let noID = Array("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 4\r\n\r\nabcd\r\n\r\n".utf8)
        let noLength = Array("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:z>\r\n\r\n".utf8)
        var garbage: [UInt8] = Array("\u{1}\u{2}binary garbage \u{ff}\n".utf8)
        garbage += (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        garbage += [0x0a]
        let bytes = Self.response("a") + noID + noLength + garbage + Self.response("b")
        let result = try ReaderHarness.collect(WARCReader([]), path: try ReaderHarness.temporaryFile("x.warc", bytes))
        #expect(result.documents.map(\.id) == ["urn:uuid:a", "urn:uuid:b"])
        let messages = result.rejects.map(\.error.message)
        #expect(messages.count == 2)
        #expect(messages[0].contains("lacks warc-record-id"))
        #expect(messages[1].contains("no valid Content-Length"))
        #expect(result.rejects.allSatisfy { $0.error.location?.path.hasSuffix("x.warc") == true })
    }

    @Test func aTruncatedGzipMemberEndsTheFileWithAReject() throws {
        var bytes: [UInt8] = []
        for id in ["a", "b", "c"] { bytes += try ReaderHarness.gzip(Self.response(id)) }
        let cut = Array(bytes.dropLast(20))
        let result = try ReaderHarness.collect(WARCReader([]), path: try ReaderHarness.temporaryFile("x.warc.gz", cut))
        #expect(result.documents.map(\.id) == ["urn:uuid:a", "urn:uuid:b"])
        #expect(result.rejects.count == 1)
        #expect(result.rejects[0].error.code == .truncatedStream)
    }

    @Test func anOversizedRecordIsSkippedWithoutBeingHeld() throws {
        let big = Self.response("big", body: String(repeating: "x", count: 300_000))
        let bytes = Self.response("a") + big + Self.response("c")
        let result = try ReaderHarness.collect(WARCReader([], maxRecordBytes: 100_000), path: try ReaderHarness.temporaryFile("x.warc", bytes))
        #expect(result.documents.map(\.id) == ["urn:uuid:a", "urn:uuid:c"])
        #expect(result.rejects.map(\.error.code) == [.recordTooLarge])
    }

    @Test func emptyAndNonWARCFiles() throws {
        let empty = try ReaderHarness.collect(WARCReader([]), path: try ReaderHarness.temporaryFile("e.warc", []))
        #expect(empty.rejects.map(\.error.code) == [.emptyInput])
        let text = try ReaderHarness.collect(WARCReader([]), path: try ReaderHarness.temporaryFile("t.warc", Array("just some text\nmore text\n".utf8)))
        #expect(text.documents.isEmpty)
        #expect(text.rejects.first?.error.code == .malformedRecord)
    }
}
