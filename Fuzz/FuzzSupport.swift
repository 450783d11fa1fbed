// Shared by every fuzz target (compiled into each one by Scripts/fuzz.sh): a scratch file for readers that
// take a path, and an in-memory ByteSource that hands out its bytes in small, input-chosen pieces.
import Glibc
import WinnowIO

/// A per-process scratch file in /dev/shm (or TMPDIR), rewritten for every input.
enum FuzzFile {
    static let path: String = {
        let directory = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : (getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp")
        return "\(directory)/winnow-fuzz-\(getpid())"
    }()

    /// Writes `bytes` to `path` (with `suffix`) and returns the path.
    static func write(_ bytes: UnsafeRawBufferPointer, suffix: String = "") -> String {
        let file = path + suffix
        let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(descriptor >= 0, "cannot create the fuzz scratch file \(file)")
        var written = 0
        while written < bytes.count {
            let result = Glibc.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            precondition(result > 0, "cannot write the fuzz scratch file \(file)")
            written += result
        }
        close(descriptor)
        return file
    }
}

/// Bytes from memory, at most `maxPerRead` per `read`, so streaming code sees every kind of split.
struct FuzzSource: ByteSource {
    let bytes: [UInt8]
    let maxPerRead: Int
    var position = 0

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, maxPerRead, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + position, byteCount: count)
        }
        position += count
        return count
    }
}

/// The fuzz input as a buffer.
func fuzzInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: count > 0 ? start : nil, count: count)
}

/// Drains a decompressor built over the input after its first byte, which picks the read size (low six
/// bits, 1–64), whether an expansion limit of 50 applies (bit 6) and the output buffer size (bit 7). Stops
/// at 64 MiB of output; errors are the expected outcome of bad input and end the run quietly.
func fuzzDecompressor(
    _ input: UnsafeRawBufferPointer,
    _ make: (_ source: FuzzSource, _ maxExpansionRatio: Double?, _ bufferSize: Int) throws -> any ByteSource
) -> CInt {
    guard let first = input.first else { return 0 }
    let piece = Int(first & 0x3f) + 1
    let source = FuzzSource(bytes: Array(input.dropFirst()), maxPerRead: piece)
    do {
        var decompressor = try make(source, first & 0x40 != 0 ? 50 : nil, piece)
        var output = [UInt8](repeating: 0, count: Int(first >> 7) * 4000 + 7)
        var total = 0
        while total < 64 << 20 {
            let count = try output.withUnsafeMutableBytes { try decompressor.read(into: $0) }
            if count == 0 { break }
            total += count
        }
    } catch {
    }
    return 0
}
