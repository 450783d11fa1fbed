internal import Foundation

/// fastText's numeric helpers for prediction, with its float/double conversions: the 512-entry sigmoid
/// table the one-vs-all and negative-sampling outputs read, and `std_log(x) = log(x + 1e-5)`.
enum FastTextMath {
    static let sigmoidTableSize = 512
    static let maxSigmoid: Float = 8

    static let sigmoidTable: [Float] = (0...sigmoidTableSize).map { i in
        let x = Float(i * 2 * 8) / Float(sigmoidTableSize) - maxSigmoid
        return Float(1.0 / (1.0 + Double(Foundation.exp(-x))))
    }

    /// fastText's table sigmoid (`Loss::sigmoid`).
    @inline(__always)
    static func sigmoid(_ x: Float, table: UnsafePointer<Float>) -> Float {
        if x < -maxSigmoid { return 0 }
        if x > maxSigmoid { return 1 }
        let index = Int((x + maxSigmoid) * Float(sigmoidTableSize) / maxSigmoid / 2)
        return table[index]
    }

    /// `Loss::std_log`: the log of `x + 1e-5`, computed in double, returned as float.
    @inline(__always)
    static func stdLog(_ x: Float) -> Float {
        Float(Foundation.log(Double(x) + 1e-5))
    }
}
