internal import WinnowCore
internal import WinnowIO

/// The parts of an HTTP response in a WARC `response` record that extraction needs.
struct HTTPResponse {
    var status: Int
    /// Header names lower-cased.
    var headers: [(name: String, value: String)]
    var payload: [UInt8]

    subscript(name: String) -> String? { headers.first { $0.name == name }?.value }

    /// The media type of `Content-Type`, lower-cased and without parameters.
    var mediaType: String? { HTTPResponse.mediaType(of: self["content-type"]) }
    /// The `charset` parameter of `Content-Type`.
    var charset: String? { HTTPResponse.charset(of: self["content-type"]) }

    static func mediaType(of contentType: String?) -> String? {
        guard let contentType else { return nil }
        let type = contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingWhitespace().lowercased() } ?? ""
        return type.isEmpty ? nil : type
    }

    static func charset(of contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingWhitespace().lowercased() == "charset" else { continue }
            var value = parts[1].trimmingWhitespace()
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    enum ParseError: Error {
        case malformed(String)
    }

    /// Parses `block` (status line, headers, blank line, payload). Chunked transfer coding is removed and
    /// gzip/deflate content coding decoded (at most `maxPayloadBytes` decoded bytes).
    static func parse(_ block: [UInt8], maxPayloadBytes: Int) throws(ParseError) -> HTTPResponse {
        // The header ends at the first CRLFCRLF (or LFLF from sloppy servers).
        var headerEnd = -1
        var bodyStart = -1
        var index = 0
        while index < block.count {
            if block[index] == 0x0a {
                if index + 2 < block.count, block[index + 1] == 0x0d, block[index + 2] == 0x0a {
                    headerEnd = index
                    bodyStart = index + 3
                    break
                }
                if index + 1 < block.count, block[index + 1] == 0x0a {
                    headerEnd = index
                    bodyStart = index + 2
                    break
                }
            }
            index += 1
        }
        if headerEnd < 0 {
            headerEnd = block.count
            bodyStart = block.count
        }
        let headerText = String(decoding: block[0..<headerEnd], as: UTF8.self)
        var lines = headerText.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard !lines.isEmpty else { throw .malformed("empty HTTP response") }
        let statusLine = lines.removeFirst()
        let statusParts = statusLine.split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/"), let status = Int(statusParts[1]), (100...999).contains(status) else {
            throw .malformed("not an HTTP status line: \(statusLine.prefix(80))")
        }
        var headers: [(String, String)] = []
        for line in lines {
            if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].1 += " " + line.trimmingWhitespace()
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((line[..<colon].trimmingWhitespace().lowercased(), line[line.index(after: colon)...].trimmingWhitespace()))
        }
        var response = HTTPResponse(status: status, headers: headers, payload: Array(block[bodyStart...]))
        if response["transfer-encoding"]?.lowercased().contains("chunked") == true, let body = dechunk(response.payload) {
            response.payload = body
        }
        switch response["content-encoding"]?.lowercased() {
        case "gzip"?, "x-gzip"?, "deflate"?:
            if let decoded = inflate(response.payload, maxBytes: maxPayloadBytes) {
                response.payload = decoded
            } else {
                throw .malformed("content-encoding \(response["content-encoding"] ?? "") payload does not decode")
            }
        default:
            break
        }
        return response
    }

    /// Removes chunked transfer coding; nil when the body is not validly chunked (it is then kept as is,
    /// since crawlers often store de-chunked bodies with the original header).
    static func dechunk(_ body: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var index = 0
        while true {
            var lineEnd = index
            while lineEnd < body.count && body[lineEnd] != 0x0a { lineEnd += 1 }
            guard lineEnd < body.count else { return nil }
            var sizeLine = body[index..<lineEnd]
            if sizeLine.last == 0x0d { sizeLine = sizeLine.dropLast() }
            let sizeText = String(decoding: sizeLine, as: UTF8.self)
                .split(separator: ";").first.map { $0.trimmingWhitespace() } ?? ""
            guard let size = Int(sizeText, radix: 16), size >= 0 else { return nil }
            index = lineEnd + 1
            if size == 0 { return out }
            guard size <= body.count - index else { return nil }  // not `index + size`: size may be near Int.max
            out.append(contentsOf: body[index..<(index + size)])
            index += size
            if index < body.count && body[index] == 0x0d { index += 1 }
            if index < body.count && body[index] == 0x0a { index += 1 }
        }
    }

    /// gzip or zlib/deflate content coding through WinnowIO's decompressor; nil when it fails.
    static func inflate(_ bytes: [UInt8], maxBytes: Int) -> [UInt8]? {
        MemoryInflate.decode(bytes, maxBytes: maxBytes)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start] == " " || scalars[start] == "\t" { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)] == " " || scalars[scalars.index(before: end)] == "\t" {
            end = scalars.index(before: end)
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[start..<end])
        return result
    }
}
