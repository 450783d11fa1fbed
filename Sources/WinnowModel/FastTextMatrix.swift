/// A model matrix (input embeddings or output weights): dense floats, or product-quantized codes as in a
/// `.ftz` file. Both compute with fastText's operation order (sequential float sums) so that results
/// match fastText's to the last bit or nearly.
enum FastTextMatrix: Sendable {
    case dense(rows: Int, columns: Int, values: [Float])
    case quantized(QuantizedMatrix)

    struct QuantizedMatrix: Sendable {
        let rows: Int
        let columns: Int
        let codes: [UInt8]
        let quantizer: ProductQuantizer
        /// Per-row norm codes and their one-dimensional quantizer, when norms are quantized apart.
        let normCodes: [UInt8]?
        let normQuantizer: ProductQuantizer?

        @inline(__always)
        func norm(_ row: Int) -> Float {
            guard let normCodes, let normQuantizer else { return 1 }
            return normQuantizer.centroids[normQuantizer.centroidOffset(piece: 0, code: Int(normCodes[row]))]
        }
    }

    var rows: Int {
        switch self {
        case .dense(let rows, _, _): rows
        case .quantized(let matrix): matrix.rows
        }
    }

    var columns: Int {
        switch self {
        case .dense(_, let columns, _): columns
        case .quantized(let matrix): matrix.columns
        }
    }

    /// `vector += row` (fastText's `addRowToVector`).
    @inline(__always)
    func addRow(_ row: Int, to vector: UnsafeMutablePointer<Float>) {
        switch self {
        case .dense(_, let columns, let values):
            values.withUnsafeBufferPointer { values in
                let base = values.baseAddress! + row * columns
                for j in 0..<columns { vector[j] += base[j] }
            }
        case .quantized(let matrix):
            let alpha = matrix.norm(row)
            let pq = matrix.quantizer
            matrix.codes.withUnsafeBufferPointer { codes in
                pq.centroids.withUnsafeBufferPointer { centroids in
                    let code = codes.baseAddress! + pq.subquantizers * row
                    var d = pq.subdimension
                    for m in 0..<pq.subquantizers {
                        let c = centroids.baseAddress! + pq.centroidOffset(piece: m, code: Int(code[m]))
                        if m == pq.subquantizers - 1 { d = pq.lastSubdimension }
                        let x = vector + m * pq.subdimension
                        for n in 0..<d { x[n] += alpha * c[n] }
                    }
                }
            }
        }
    }

    /// `row · vector` (fastText's `dotRow`).
    @inline(__always)
    func dot(_ row: Int, _ vector: UnsafePointer<Float>) -> Float {
        switch self {
        case .dense(_, let columns, let values):
            return values.withUnsafeBufferPointer { values in
                let base = values.baseAddress! + row * columns
                var sum: Float = 0
                for j in 0..<columns { sum += base[j] * vector[j] }
                return sum
            }
        case .quantized(let matrix):
            let alpha = matrix.norm(row)
            let pq = matrix.quantizer
            return matrix.codes.withUnsafeBufferPointer { codes in
                pq.centroids.withUnsafeBufferPointer { centroids in
                    let code = codes.baseAddress! + pq.subquantizers * row
                    var sum: Float = 0
                    var d = pq.subdimension
                    for m in 0..<pq.subquantizers {
                        let c = centroids.baseAddress! + pq.centroidOffset(piece: m, code: Int(code[m]))
                        if m == pq.subquantizers - 1 { d = pq.lastSubdimension }
                        let x = vector + m * pq.subdimension
                        for n in 0..<d { sum += x[n] * c[n] }
                    }
                    return sum * alpha
                }
            }
        }
    }

    static func readDense(from reader: inout ModelByteReader, what: String) throws -> FastTextMatrix {
        let position = reader.offset
        let rows = try reader.int64("\(what) rows")
        let columns = try reader.int64("\(what) columns")
        guard rows >= 0, columns > 0, rows <= Int64(reader.remaining / 4) / columns else {
            throw reader.error("\(what) of \(rows) × \(columns) floats does not fit in the \(reader.remaining) bytes left", at: position)
        }
        let values = try reader.floats(Int(rows * columns), "\(what) values")
        return .dense(rows: Int(rows), columns: Int(columns), values: values)
    }

    static func readQuantized(from reader: inout ModelByteReader, what: String) throws -> FastTextMatrix {
        let position = reader.offset
        let quantizedNorms = try reader.bool("\(what) qnorm")
        let rows = try reader.int64("\(what) rows")
        let columns = try reader.int64("\(what) columns")
        let codeSize = try reader.int32("\(what) codesize")
        guard rows >= 0, columns > 0, codeSize >= 0, Int(codeSize) <= reader.remaining else {
            throw reader.error("\(what): \(rows) × \(columns) with \(codeSize) code bytes does not fit in the file", at: position)
        }
        let codes = try reader.byteArray(Int(codeSize), "\(what) codes")
        let quantizer = try ProductQuantizer.read(from: &reader, what: "\(what) quantizer")
        guard quantizer.dim == Int(columns), Int64(codeSize) == rows * Int64(quantizer.subquantizers) else {
            throw reader.error("\(what): \(codeSize) code bytes for \(rows) rows of \(quantizer.subquantizers) pieces, dim \(quantizer.dim) for \(columns) columns", at: position)
        }
        var normCodes: [UInt8]?
        var normQuantizer: ProductQuantizer?
        if quantizedNorms {
            normCodes = try reader.byteArray(Int(rows), "\(what) norm codes")
            let npq = try ProductQuantizer.read(from: &reader, what: "\(what) norm quantizer")
            guard npq.dim == 1, npq.subquantizers == 1 else {
                throw reader.error("\(what): the norm quantizer has dim \(npq.dim) and \(npq.subquantizers) pieces, not 1 and 1")
            }
            normQuantizer = npq
        }
        return .quantized(QuantizedMatrix(
            rows: Int(rows), columns: Int(columns), codes: codes, quantizer: quantizer, normCodes: normCodes, normQuantizer: normQuantizer))
    }

    func write(to writer: inout ModelByteWriter) {
        guard case .dense(let rows, let columns, let values) = self else {
            preconditionFailure("Winnow writes dense matrices only")
        }
        writer.append(Int64(rows))
        writer.append(Int64(columns))
        writer.append(floats: values)
    }
}
