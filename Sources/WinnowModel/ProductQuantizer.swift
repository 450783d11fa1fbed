/// fastText's product quantizer: a `dim`-dimensional vector is cut into `subquantizers` pieces of
/// `subdimension` floats (the last piece `lastSubdimension`), each replaced by one of 256 centroids.
struct ProductQuantizer: Sendable {
    static let centroidsPerPiece = 256
    let dim: Int
    let subquantizers: Int
    let subdimension: Int
    let lastSubdimension: Int
    let centroids: [Float]

    /// The offset in `centroids` of centroid `code` of piece `piece` (fastText's `get_centroids`).
    @inline(__always)
    func centroidOffset(piece: Int, code: Int) -> Int {
        if piece == subquantizers - 1 {
            return piece * Self.centroidsPerPiece * subdimension + code * lastSubdimension
        }
        return (piece * Self.centroidsPerPiece + code) * subdimension
    }

    static func read(from reader: inout ModelByteReader, what: String) throws -> ProductQuantizer {
        let position = reader.offset
        let dim = Int(try reader.int32("\(what) dim"))
        let nsubq = Int(try reader.int32("\(what) nsubq"))
        let dsub = Int(try reader.int32("\(what) dsub"))
        let lastdsub = Int(try reader.int32("\(what) lastdsub"))
        guard dim > 0, nsubq > 0, dsub > 0, lastdsub > 0, dsub * (nsubq - 1) + lastdsub == dim else {
            throw reader.error("\(what): dim \(dim), \(nsubq) pieces of \(dsub) (last \(lastdsub)) do not fit together", at: position)
        }
        let centroids = try reader.floats(dim * centroidsPerPiece, "\(what) centroids")
        return ProductQuantizer(dim: dim, subquantizers: nsubq, subdimension: dsub, lastSubdimension: lastdsub, centroids: centroids)
    }
}
