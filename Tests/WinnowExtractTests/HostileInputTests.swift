import Testing
import WinnowCore
import WinnowExtract

/// Deep nesting, huge single-line pages, binary garbage: an error or a result, never a crash, and cheap.
@Suite struct HostileInputTests {
    @Test func deepNestingIsAMalformedRecord() throws {
        let depth = 100_000
        var html = "<html><body>"
        html += String(repeating: "<div>", count: depth) + "deep" + String(repeating: "</div>", count: depth)
        html += "</body></html>"
        let error = #expect(throws: WinnowError.self) { try HTMLExtractor().extract(Array(html.utf8)) }
        #expect(error?.code == .limitExceeded)
        #expect(error?.message.contains("nested deeper than 2048") == true)
    }

    @Test func depthLimitIsConfigurable() throws {
        let html = "<html><body>" + String(repeating: "<div>", count: 40) + "<p>Text at depth forty, still fine.</p></body></html>"
        #expect(try HTMLExtractor().extract(Array(html.utf8)).text == "Text at depth forty, still fine.")
        let strict = HTMLExtractor(limits: .init(maxDepth: 20))
        #expect(throws: WinnowError.self) { try strict.extract(Array(html.utf8)) }
    }

    @Test func nodeLimit() throws {
        let html = "<html><body>" + String(repeating: "<p>x</p>", count: 1000) + "</body></html>"
        let error = #expect(throws: WinnowError.self) {
            try HTMLExtractor(limits: .init(maxNodes: 500)).extract(Array(html.utf8))
        }
        #expect(error?.code == .limitExceeded)
        #expect(error?.message == "HTML has more than 500 nodes")
    }

    @Test func sizeLimit() throws {
        let error = #expect(throws: WinnowError.self) {
            try HTMLExtractor(limits: .init(maxInputBytes: 100)).extract([UInt8](repeating: 0x41, count: 101))
        }
        #expect(error?.code == .recordTooLarge)
    }

    @Test func fiftyMegabyteSingleLinePage() throws {
        let sentence = "The quick brown fox jumps over the lazy dog, again and again, without any line break at all. "
        let head = Array("<html><body><article><p>".utf8)
        let unit = Array(sentence.utf8)
        let target = 50 << 20
        let copies = (target + unit.count - 1) / unit.count
        var bytes = [UInt8](repeating: 0, count: head.count + copies * unit.count)
        bytes.withUnsafeMutableBytes { buffer in
            buffer.copyBytes(from: head)
            var offset = head.count
            unit.withUnsafeBytes { unit in
                for _ in 0..<copies {
                    UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<(offset + unit.count)]).copyMemory(from: unit)
                    offset += unit.count
                }
            }
        }
        bytes += Array("</p></article></body></html>".utf8)
        let page = try HTMLExtractor().extract(bytes)
        #expect(page.figures.lines == 1)
        #expect(page.text.hasPrefix("The quick brown fox"))
        #expect(page.text.utf8.count == copies * unit.count - 1)
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func binaryGarbage(seed: UInt64) throws {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        var bytes = [UInt8](repeating: 0, count: 256 << 10)
        bytes.withUnsafeMutableBufferPointer { bytes in
            for index in bytes.indices {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes[index] = UInt8(truncatingIfNeeded: state >> 56)
            }
        }
        // Either outcome is fine; what matters is no crash and a clean error type.
        do {
            let page = try HTMLExtractor().extract(bytes)
            #expect(page.text.utf8.count < bytes.count * 3)
        } catch let error as WinnowError {
            #expect(error.code == .malformedRecord || error.code == .limitExceeded)
        }
    }

    @Test func emptyAndTextOnlyInputs() throws {
        let extractor = HTMLExtractor()
        #expect(try extractor.extract([]).text == "")
        #expect(try extractor.extract(Array("   ".utf8)).text == "")
        #expect(try extractor.extract(Array("just some words without any markup at all".utf8)).text
            == "just some words without any markup at all")
    }

    @Test func unclosedButtonDoesNotSwallowThePage() throws {
        // libxml2 cannot close an open <div> with </button>, so the button "contains" the rest of the page.
        let html = """
            <html><body><header><button><div>Menu<div></button></header>
            <article><p>The article text follows a broken menu button and must still be extracted in full.</p>
            <p>A second paragraph of the article, long enough to count as real content for the scorer.</p></article>
            </body></html>
            """
        let page = try HTMLExtractor().extract(Array(html.utf8))
        #expect(page.text.contains("The article text follows a broken menu button"))
        #expect(page.text.contains("A second paragraph of the article"))
    }
}
