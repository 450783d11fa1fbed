// Tiny shim over the system zlib: zlib's init functions are macros, which Swift cannot call.
#ifndef WINNOW_CZLIB_H
#define WINNOW_CZLIB_H
#include <zlib.h>

/// inflateInit2 with the header mode chosen by `windowBits` (31 = gzip only, 47 = zlib or gzip).
static inline int CZlib_inflateInit2(z_streamp strm, int windowBits) {
    return inflateInit2(strm, windowBits);
}

/// deflateInit2 producing a gzip member (windowBits 31), memLevel 8, default strategy.
static inline int CZlib_deflateInitGzip(z_streamp strm, int level) {
    return deflateInit2(strm, level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
}
#endif
