/// A push destination of bytes: files, compressors, in-memory buffers.
///
/// `close()` ends the stream *successfully*: a compressor writes its trailer and closes its sink, and
/// an `AtomicFileWriter` commits (renames its temporary file to the final name). A sink that is
/// dropped without `close()` is abandoned: `AtomicFileWriter` deletes its temporary file.
public protocol ByteSink {
    /// Writes all of `bytes`. Throws `WinnowError` (`.io`).
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Ends the stream successfully (see the protocol documentation). Writing afterwards is an error.
    mutating func close() throws
}
