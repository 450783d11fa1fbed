import WinnowCore

/// Errors shared by the decompressors (truncation and expansion limits read the same for every codec).
enum StreamErrors {
    static func truncated(format: String, unit: String, path: String, compressedOffset: Int64, unitStart: Int64)
        -> WinnowError
    {
        let message =
            compressedOffset == 0
            ? "truncated \(format) stream: the stream is empty"
            : "truncated \(format) stream: ended inside the \(unit) that starts at compressed byte \(unitStart)"
        return WinnowError(
            .truncatedStream, message, at: WinnowError.Location(path: path, byteOffset: compressedOffset))
    }

    static func ratioExceeded(
        format: String, limit: Double, decompressed: Int64, compressed: Int64, path: String
    ) -> WinnowError {
        WinnowError(
            .limitExceeded,
            "decompression ratio exceeds the limit (maxExpansionRatio \(limit)): \(decompressed) bytes from "
                + "\(compressed) compressed bytes (a \(format) bomb?); the rest of the file is not read",
            at: WinnowError.Location(path: path, byteOffset: compressed))
    }

    /// Decompressors check the ratio only past this much output, so small, highly compressible files pass.
    static let ratioGraceBytes: Int64 = 1 << 20

    @inline(__always)
    static func exceedsRatio(_ limit: Double?, decompressed: Int64, compressed: Int64) -> Bool {
        guard let limit, decompressed > ratioGraceBytes else { return false }
        return Double(decompressed) > limit * Double(max(compressed, 1))
    }
}
