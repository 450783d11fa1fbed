import CISAL
import WinnowCore

/// ISA-L's inflate status codes, mapped to `WinnowError` in this one place.
enum ISAL {
    static func name(of status: Int32) -> String {
        switch status {
        case ISAL_DECOMP_OK: "ISAL_DECOMP_OK"
        case ISAL_END_INPUT: "ISAL_END_INPUT"
        case ISAL_OUT_OVERFLOW: "ISAL_OUT_OVERFLOW"
        case ISAL_NEED_DICT: "ISAL_NEED_DICT"
        case ISAL_INVALID_BLOCK: "ISAL_INVALID_BLOCK"
        case ISAL_INVALID_SYMBOL: "ISAL_INVALID_SYMBOL"
        case ISAL_INVALID_LOOKBACK: "ISAL_INVALID_LOOKBACK"
        case ISAL_INVALID_WRAPPER: "ISAL_INVALID_WRAPPER"
        case ISAL_UNSUPPORTED_METHOD: "ISAL_UNSUPPORTED_METHOD"
        case ISAL_INCORRECT_CHECKSUM: "ISAL_INCORRECT_CHECKSUM"
        default: "ISA-L status \(status)"
        }
    }

    /// What a failing status means for gzip input, in words.
    static func detail(of status: Int32) -> String? {
        switch status {
        case ISAL_INVALID_BLOCK: "invalid deflate block"
        case ISAL_INVALID_SYMBOL: "invalid deflate symbol"
        case ISAL_INVALID_LOOKBACK: "invalid distance too far back"
        case ISAL_INVALID_WRAPPER: "incorrect gzip header"
        case ISAL_UNSUPPORTED_METHOD: "unknown compression method"
        case ISAL_INCORRECT_CHECKSUM: "incorrect data check (CRC-32 or length of the member)"
        case ISAL_NEED_DICT: "the stream asks for a preset dictionary"
        default: nil
        }
    }

    /// The error for a failing `isal_inflate` on gzip input: every failing status means corrupt data.
    static func inflateError(_ status: Int32, path: String, compressedOffset: Int64, memberStart: Int64) -> WinnowError {
        let cause = CodecError(library: "isa-l", code: Int(status), name: name(of: status), detail: detail(of: status))
        let location = WinnowError.Location(path: path, byteOffset: compressedOffset)
        if status < 0 || status == ISAL_NEED_DICT {
            return WinnowError(
                .corruptStream,
                "corrupt gzip stream at compressed byte \(compressedOffset), in the member that starts at "
                    + "compressed byte \(memberStart): \(cause.detail ?? cause.name)",
                at: location, cause: cause)
        }
        return WinnowError(
            .internalInconsistency, "unexpected ISA-L status \(cause.name) while decompressing",
            at: location, scope: .task, cause: cause)
    }
}
