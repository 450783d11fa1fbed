import Testing
import WinnowCore
import WinnowIO

/// A naive splitter, the oracle for the streaming reader.
func referenceLines(_ bytes: [UInt8]) -> [LineRecord] {
    var lines: [LineRecord] = []
    var start = 0
    var number: Int64 = 0
    for (index, byte) in bytes.enumerated() where byte == 0x0A {
        var content = Array(bytes[start..<index])
        if content.last == 0x0D { content.removeLast() }
        number += 1
        lines.append(LineRecord(number: number, offset: Int64(start), bytes: content))
        start = index + 1
    }
    if start < bytes.count {
        number += 1
        lines.append(LineRecord(number: number, offset: Int64(start), bytes: Array(bytes[start...])))
    }
    return lines
}

@Suite("LineReader")
struct LineReaderTests {
    @Test("an empty source yields no lines")
    func emptySource() throws {
        #expect(try verifiedLines([]) == [])
    }

    @Test("lines with and without a final newline, empty lines, CRLF")
    func basicShapes() throws {
        #expect(try verifiedLines(Array("a\nbc\n".utf8)) == [line(1, 0, "a"), line(2, 2, "bc")])
        #expect(try verifiedLines(Array("a\nbc".utf8)) == [line(1, 0, "a"), line(2, 2, "bc")])
        #expect(try verifiedLines(Array("\n".utf8)) == [line(1, 0, "")])
        #expect(
            try verifiedLines(Array("\n\nx\n\n".utf8)) == [
                line(1, 0, ""), line(2, 1, ""), line(3, 2, "x"), line(4, 4, ""),
            ])
        #expect(
            try verifiedLines(Array("a\r\nb\r\n\r\nc".utf8)) == [
                line(1, 0, "a"), line(2, 3, "b"), line(3, 6, ""), line(4, 8, "c"),
            ])
        // Only "\r\n" is a terminator: a lone "\r" inside a line, or at the very end, is content.
        #expect(try verifiedLines(Array("a\rb\nc\r".utf8)) == [line(1, 0, "a\rb"), line(2, 4, "c\r")])
        #expect(try verifiedLines(Array("\r\n".utf8)) == [line(1, 0, "")])
    }

    @Test("every split of mixed content gives the oracle's lines", arguments: [1, 2, 3, 4, 5])
    func matchesOracle(seed: UInt64) throws {
        var bytes = sampleText(size: 3_000, seed: seed)
        // Sprinkle CRLFs, empty lines and a missing final newline.
        bytes.insert(contentsOf: Array("\r\n\r\n\n".utf8), at: 100)
        bytes.insert(contentsOf: Array("x\r\n".utf8), at: 1_000)
        bytes.append(contentsOf: Array("tail".utf8))
        let expected = referenceLines(bytes)
        #expect(expected.count > 50)
        #expect(try verifiedLines(bytes) == expected)
    }

    @Test("a line longer than maxLineBytes is reported, and the following lines still come", arguments: [false, true])
    func oversizedLine(crlf: Bool) throws {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 40)
        let terminator: [UInt8] = crlf ? [0x0D, 0x0A] : [0x0A]
        let bytes = Array("ok\n".utf8) + long + terminator + Array("after\n".utf8) + long
        let lines = try verifiedLines(bytes, maxLineBytes: 10)
        let afterOffset = Int64(3 + 40 + terminator.count)
        #expect(
            lines == [
                line(1, 0, "ok"),
                LineRecord(number: 2, offset: 3, bytes: long, oversizedLength: 40),
                line(3, afterOffset, "after"),
                LineRecord(number: 4, offset: afterOffset + 6, bytes: long, oversizedLength: 40),
            ])
    }

    @Test("a line of exactly maxLineBytes is delivered, one byte more is oversized")
    func limitBoundary() throws {
        let exact = String(repeating: "y", count: 8)
        #expect(
            try verifiedLines(Array("\(exact)\n\(exact)\r\n\(exact)".utf8), maxLineBytes: 8)
                == [line(1, 0, exact), line(2, 9, exact), line(3, 19, exact)])
        let lines = try verifiedLines(Array("\(exact)z\nq".utf8), maxLineBytes: 8)
        #expect(
            lines == [
                LineRecord(number: 1, offset: 0, bytes: Array("\(exact)z".utf8), oversizedLength: 9), line(2, 10, "q"),
            ])
    }

    @Test("a 10 MB line with a 1 MB limit is skipped in bounded memory")
    func hugeLine() throws {
        let limit = 1 << 20
        let chunk = 64 << 10
        let hugeLength = 10_000_000
        var bytes = Array("first\n".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "h"), count: hugeLength)
        bytes += Array("\nsecond\nthird".utf8)
        let reader = LineReader(
            source: MemorySource(bytes, maxPerRead: 100_003), path: "huge", maxLineBytes: limit, chunkSize: chunk)
        var lines: [LineRecord] = []
        var oversized: [LineReader.OversizedLine] = []
        try reader.forEachLine { line in
            lines.append(LineRecord(number: line.number, offset: line.offset, bytes: Array(line.bytes)))
        } oversized: { line in
            oversized.append(line)
        }
        #expect(
            lines == [
                line(1, 0, "first"), line(3, 6 + Int64(hugeLength) + 1, "second"),
                line(4, 6 + Int64(hugeLength) + 8, "third"),
            ])
        #expect(oversized.count == 1)
        #expect(oversized.first?.number == 2)
        #expect(oversized.first?.offset == 6)
        #expect(oversized.first?.length == Int64(hugeLength))
        #expect(
            oversized.first?.prefix == [UInt8](repeating: UInt8(ascii: "h"), count: LineReader.oversizedPrefixLength))
        #expect(reader.carryCapacity <= limit + chunk)
        #expect(reader.lineCount == 4)
        #expect(reader.bytesRead == Int64(bytes.count))
    }

    @Test("a truncated source: complete lines first, then the error naming the cut-off line")
    func truncatedSource() throws {
        let text = Array("one\ntwo\nthree, cut".utf8)
        let compressed = try gzipCompress(text + Array(String(repeating: "more\n", count: 200).utf8))
        // Cut inside the deflate data (a partial line is pending) and inside the trailer (none is).
        for cut in [compressed.count / 2, compressed.count - 3] {
            let source = try GzipDecompressor(source: MemorySource(Array(compressed[..<cut])), path: "cut.gz")
            let reader = LineReader(source: source, path: "cut.gz", chunkSize: 5)
            var delivered: [LineRecord] = []
            let error = #expect(throws: WinnowError.self) {
                try reader.forEachLine { line in
                    delivered.append(LineRecord(number: line.number, offset: line.offset, bytes: Array(line.bytes)))
                } oversized: { _ in
                }
            }
            #expect(error?.code == .truncatedStream)
            #expect(error?.location?.path == "cut.gz")
            // Every delivered line is a complete, correct line of the original.
            let all = referenceLines(text + Array(String(repeating: "more\n", count: 200).utf8))
            #expect(delivered == Array(all.prefix(delivered.count)))
            // The bytes after the last delivered line form the cut-off line the message names.
            let endOfDelivered = delivered.last.map { $0.offset + Int64($0.bytes.count) + 1 } ?? 0
            let cutOff = "line \(delivered.count + 1), which starts at decompressed byte \(endOfDelivered), was cut off"
            #expect(reader.bytesRead >= endOfDelivered)
            #expect(
                error?.message.contains(cutOff) == (reader.bytesRead > endOfDelivered), "\(String(describing: error))")
            // Afterwards the reader is finished.
            var calls = 0
            try reader.forEachLine { _ in
                calls += 1
            } oversized: { _ in
                calls += 1
            }
            #expect(calls == 0)
        }
    }

    @Test("a source error after a partial line names that line and does not deliver it", arguments: [1, 4, 1 << 20])
    func partialLineBeforeError(chunkSize: Int) throws {
        struct FailingSource: ByteSource {
            var data: MemorySource
            mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
                let count = try data.read(into: buffer)
                if count == 0 {
                    throw WinnowError(
                        .truncatedStream, "truncated", at: WinnowError.Location(path: "f", byteOffset: 99))
                }
                return count
            }
        }
        let reader = LineReader(
            source: FailingSource(data: MemorySource(Array("ab\r\ncd\npartial".utf8), maxPerRead: 3)), path: "f",
            chunkSize: chunkSize)
        var delivered: [LineRecord] = []
        let error = #expect(throws: WinnowError.self) {
            try reader.forEachLine { line in
                delivered.append(LineRecord(number: line.number, offset: line.offset, bytes: Array(line.bytes)))
            } oversized: { _ in
            }
        }
        #expect(delivered == [line(1, 0, "ab"), line(2, 4, "cd")])
        #expect(error?.code == .truncatedStream)
        #expect(error?.location == WinnowError.Location(path: "f", byteOffset: 99))
        #expect(
            error?.message == "truncated; line 3, which starts at decompressed byte 7, was cut off and not delivered")
    }

    @Test("an error thrown by the callback stops the reader")
    func callbackError() throws {
        struct Stop: Error {}
        let reader = LineReader(source: MemorySource(Array("a\nb\nc\n".utf8)), path: "x")
        var seen: [Int64] = []
        #expect(throws: Stop.self) {
            try reader.forEachLine { line in
                seen.append(line.number)
                if line.number == 2 { throw Stop() }
            } oversized: { _ in
            }
        }
        #expect(seen == [1, 2])
    }
}
