internal import Foundation

/// Single-precision `exp`, the C library's `expf` as fastText's `std::exp(float)` calls it.
enum FastTextExp {
    @inline(__always)
    static func exp(_ x: Float) -> Float { Foundation.exp(x) }
}
