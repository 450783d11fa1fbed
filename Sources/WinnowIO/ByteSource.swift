/// A pull source of bytes: files, decompressors, in-memory buffers.
///
/// `ByteSource` is a plain protocol (not class-bound), so small value types can conform; the sources
/// in this module (`FileByteSource`, `GzipDecompressor`, `ZstdDecompressor`, `InputFile`) are final
/// classes because they own a file descriptor or a C codec state. A source handed to another
/// (a decompressor, a `LineReader`) belongs to it from then on: do not read it elsewhere.
///
/// Sources are not `Sendable`: one task reads one source.
public protocol ByteSource {
    /// Fills up to `buffer.count` bytes (`buffer.count` must be positive) and returns how many it
    /// filled. Returns 0 only at the end of the stream, and keeps returning 0 afterwards.
    ///
    /// - Throws: `WinnowError` — `.io` for a failing read, `.truncatedStream` or `.corruptStream`
    ///   for damaged compressed data. After an error the source is unusable.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}
