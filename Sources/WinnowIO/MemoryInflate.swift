import CZlib

/// One-shot decoding of an in-memory gzip or zlib ("deflate" in HTTP) body, as found in crawled HTTP
/// responses with a `Content-Encoding`.
public enum MemoryInflate {
    /// The decoded bytes, or nil when `bytes` is not a complete gzip or zlib stream or decodes to more
    /// than `maxBytes`.
    public static func decode(_ bytes: [UInt8], maxBytes: Int) -> [UInt8]? {
        var stream = z_stream()
        // 47 = 32 (detect gzip or zlib header) + 15 (window bits).
        guard CZlib_inflateInit2(&stream, 47) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var input = bytes
        return input.withUnsafeMutableBufferPointer { inputBuffer -> [UInt8]? in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = UInt32(inputBuffer.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, out.count - Int(stream.avail_out))
                }
                output.append(contentsOf: chunk[0..<produced])
                if output.count > maxBytes { return nil }
                switch status {
                case Z_STREAM_END: return output
                case Z_OK: continue
                case Z_BUF_ERROR where produced > 0: continue
                default: return nil
                }
            }
        }
    }
}
