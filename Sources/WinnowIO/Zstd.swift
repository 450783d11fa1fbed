import CZstd
import WinnowCore

/// zstd's result codes, mapped to `WinnowError` in this one place.
enum Zstd {
    /// Whether a `size_t` returned by a zstd function is an error code.
    @inline(__always)
    static func isError(_ result: Int) -> Bool { ZSTD_isError(result) != 0 }

    static func cause(_ result: Int) -> CodecError {
        CodecError(
            library: "zstd", code: Int(ZSTD_getErrorCode(result).rawValue),
            name: String(cString: ZSTD_getErrorName(result)))
    }

    /// The error for a failing `ZSTD_decompressStream`.
    static func decompressionError(_ result: Int, path: String, compressedOffset: Int64, frameStart: Int64)
        -> WinnowError
    {
        let cause = cause(result)
        let location = WinnowError.Location(path: path, byteOffset: compressedOffset)
        switch ZSTD_getErrorCode(result) {
        case ZSTD_error_memory_allocation:
            return WinnowError(.io, "zstd ran out of memory", at: location, scope: .task, cause: cause)
        case ZSTD_error_frameParameter_windowTooLarge:
            return WinnowError(
                .corruptStream,
                "zstd frame at compressed byte \(frameStart) needs a window larger than this reader allows "
                    + "(\(cause.name)); it was probably written with --long or --ultra",
                at: location, cause: cause)
        default:
            return WinnowError(
                .corruptStream,
                "corrupt zstd stream at compressed byte \(compressedOffset), in the frame that starts at "
                    + "compressed byte \(frameStart): \(cause.name)",
                at: location, cause: cause)
        }
    }

    /// The error for a failing compression call or parameter (a bad level, or a bug in WinnowIO).
    static func compressionError(_ result: Int, path: String, operation: String) -> WinnowError {
        let cause = cause(result)
        let code: WinnowError.Code
        switch ZSTD_getErrorCode(result) {
        case ZSTD_error_memory_allocation: code = .io
        case ZSTD_error_parameter_outOfBound: code = .invalidArgument
        default: code = .internalInconsistency
        }
        return WinnowError(
            code, "zstd \(operation) failed: \(cause.name)",
            at: WinnowError.Location(path: path), scope: .task, cause: cause)
    }
}
