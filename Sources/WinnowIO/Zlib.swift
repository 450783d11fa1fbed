import CZlib
import WinnowCore

/// zlib's status codes, mapped to `WinnowError` in this one place.
enum Zlib {
    static func name(of status: Int32) -> String {
        switch status {
        case Z_OK: "Z_OK"
        case Z_STREAM_END: "Z_STREAM_END"
        case Z_NEED_DICT: "Z_NEED_DICT"
        case Z_ERRNO: "Z_ERRNO"
        case Z_STREAM_ERROR: "Z_STREAM_ERROR"
        case Z_DATA_ERROR: "Z_DATA_ERROR"
        case Z_MEM_ERROR: "Z_MEM_ERROR"
        case Z_BUF_ERROR: "Z_BUF_ERROR"
        case Z_VERSION_ERROR: "Z_VERSION_ERROR"
        default: "zlib status \(status)"
        }
    }

    static func cause(_ status: Int32, _ stream: UnsafePointer<z_stream>?) -> CodecError {
        let detail = stream?.pointee.msg.map { String(cString: $0) }
        return CodecError(library: "zlib", code: Int(status), name: name(of: status), detail: detail)
    }

    /// The error for a failing `inflateInit2`/`deflateInit2`.
    static func initError(_ status: Int32, path: String, operation: String) -> WinnowError {
        let cause = cause(status, nil)
        let code: WinnowError.Code = status == Z_MEM_ERROR ? .io : .internalInconsistency
        return WinnowError(
            code, "cannot start zlib \(operation): \(cause.name)",
            at: WinnowError.Location(path: path), scope: .task, cause: cause)
    }

    /// The error for a failing `inflate`: corrupt data, or a misuse of zlib (a bug in WinnowIO).
    static func inflateError(
        _ status: Int32, _ stream: UnsafePointer<z_stream>, path: String, compressedOffset: Int64, memberStart: Int64
    ) -> WinnowError {
        let cause = cause(status, stream)
        let location = WinnowError.Location(path: path, byteOffset: compressedOffset)
        switch status {
        case Z_DATA_ERROR, Z_NEED_DICT:
            let reason = cause.detail ?? cause.name
            return WinnowError(
                .corruptStream,
                "corrupt gzip stream at compressed byte \(compressedOffset), in the member that starts at "
                    + "compressed byte \(memberStart): \(reason)",
                at: location, cause: cause)
        case Z_MEM_ERROR:
            return WinnowError(.io, "zlib ran out of memory", at: location, scope: .task, cause: cause)
        default:
            return WinnowError(
                .internalInconsistency, "unexpected zlib status \(cause.name) while decompressing",
                at: location, scope: .task, cause: cause)
        }
    }

    /// The error for a failing `deflate` (only a misuse of zlib can cause one).
    static func deflateError(_ status: Int32, _ stream: UnsafePointer<z_stream>, path: String) -> WinnowError {
        let cause = cause(status, stream)
        return WinnowError(
            status == Z_MEM_ERROR ? .io : .internalInconsistency,
            "unexpected zlib status \(cause.name) while compressing",
            at: WinnowError.Location(path: path), scope: .task, cause: cause)
    }
}
