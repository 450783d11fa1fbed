import CZstd
import WinnowCore

/// One-shot zstd frames, for files made of independently decodable blocks (the lineage store reads one
/// block without decompressing the file from its start).
public enum ZstdFrames {
    /// `bytes` as one zstd frame (with its content size, so that it can be decoded in one call).
    public static func compress(_ bytes: [UInt8], level: Int = 3) throws -> [UInt8] {
        let bound = ZSTD_compressBound(bytes.count)
        var out = [UInt8](repeating: 0, count: bound)
        let written = out.withUnsafeMutableBytes { target in
            bytes.withUnsafeBytes { source in
                ZSTD_compress(target.baseAddress, bound, source.baseAddress, source.count, Int32(level))
            }
        }
        if ZSTD_isError(written) != 0 {
            throw WinnowError(.internalInconsistency, "zstd compression failed: \(String(cString: ZSTD_getErrorName(written)))", scope: .task)
        }
        out.removeSubrange(written...)
        return out
    }

    /// Decodes the frame that starts at `offset` of `bytes`; `path` names the file in errors.
    public static func decompressFrame(_ bytes: [UInt8], at offset: Int, path: String) throws -> [UInt8] {
        func corrupt(_ reason: String) -> WinnowError {
            WinnowError(.corruptStream, "zstd frame: \(reason)", at: .init(path: path, byteOffset: Int64(offset)), scope: .task)
        }
        guard offset >= 0, offset < bytes.count else { throw corrupt("offset outside the file") }
        return try bytes.withUnsafeBytes { raw -> [UInt8] in
            let start = raw.baseAddress! + offset
            let available = raw.count - offset
            let frameSize = ZSTD_findFrameCompressedSize(start, available)
            if ZSTD_isError(frameSize) != 0 { throw corrupt(String(cString: ZSTD_getErrorName(frameSize))) }
            let contentSize = ZSTD_getFrameContentSize(start, frameSize)
            guard contentSize != ZSTD_CONTENTSIZE_ERROR, contentSize != ZSTD_CONTENTSIZE_UNKNOWN, contentSize < 1 << 31 else {
                throw corrupt("frame has no usable content size")
            }
            var out = [UInt8](repeating: 0, count: Int(contentSize))
            let produced = out.withUnsafeMutableBytes { target in
                ZSTD_decompress(target.baseAddress, target.count, start, frameSize)
            }
            if ZSTD_isError(produced) != 0 { throw corrupt(String(cString: ZSTD_getErrorName(produced))) }
            guard produced == Int(contentSize) else { throw corrupt("frame decodes to \(produced) bytes, not \(contentSize)") }
            return out
        }
    }
}
