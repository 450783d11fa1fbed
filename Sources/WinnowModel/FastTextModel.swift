internal import WinnowCore
internal import WinnowIO

/// A supervised fastText model (`.bin`, or `.ftz` quantized), loaded from fastText's own file format and
/// run natively: the same tokens, char and word n-grams, hidden average and output (softmax,
/// hierarchical softmax, one-vs-all or negative-sampling sigmoids) as fastText 0.9.
///
/// The file: magic `793712314` and version `12` (11 is read too), the ``FastTextArgs`` block, the
/// dictionary, a quantized flag and the input matrix, a quantized flag and the output matrix. See
/// docs/decisions/0014-fasttext.md. Unsupervised (cbow, skip-gram) models are rejected with
/// ``WinnowError/Code/unsupportedModel``. A model is immutable and shared between tasks; each task makes
/// its own ``FastTextPredictor``.
public final class FastTextModel: Sendable {
    public static let magic: Int32 = 793_712_314
    public static let version: Int32 = 12

    public let args: FastTextArgs
    public let dictionary: FastTextDictionary
    /// Label names with their `__label__` prefix, in the model's order.
    public let labels: [String]
    /// Whether the input matrix is product-quantized (a `.ftz` model).
    public let isQuantized: Bool
    let input: FastTextMatrix
    let output: FastTextMatrix
    let tree: HuffmanTree?

    /// Loads the model at `path`.
    public convenience init(path: String) throws {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readFile(path)
        } catch {
            throw WinnowError(.io, "cannot read the model file", at: .init(path: path), scope: .run, cause: error)
        }
        try self.init(bytes: bytes, path: path)
    }

    /// Reads a model from the bytes of a model file; `path` names it in errors.
    public init(bytes: [UInt8], path: String) throws {
        var reader = ModelByteReader(bytes: bytes, path: path)
        let magic = try reader.int32("magic number")
        guard magic == Self.magic else {
            throw reader.error("magic number \(magic) is not fastText's \(Self.magic)", at: 0)
        }
        let version = try reader.int32("version")
        guard version == 11 || version == 12 else {
            throw reader.error("file format version \(version) is not 11 or 12", at: 4)
        }
        var args = try FastTextArgs.read(from: &reader)
        guard args.kind == .supervised else {
            throw WinnowError(
                .unsupportedModel,
                "an unsupervised fastText model (\(args.kind == .cbow ? "cbow" : "skipgram")) has word vectors but no labels to predict; train it with `fasttext supervised`",
                at: .init(path: path), scope: .run)
        }
        if version == 11 { args.maxn = 0 }  // fastText: version-11 supervised models have no char n-grams
        guard args.dim > 0, args.bucket >= 0, args.wordNgrams >= 1, args.maxn <= 0 || args.minn >= 1, args.minn <= max(args.maxn, args.minn) else {
            throw reader.error("implausible arguments: dim \(args.dim), bucket \(args.bucket), wordNgrams \(args.wordNgrams), minn \(args.minn), maxn \(args.maxn)", at: 8)
        }
        let dictionary = try FastTextDictionary.read(from: &reader, args: args)
        guard dictionary.labelCount > 0 else { throw reader.error("the dictionary has no labels") }

        let quantizedInput = try reader.bool("input quantized flag")
        let input = quantizedInput
            ? try FastTextMatrix.readQuantized(from: &reader, what: "input matrix")
            : try FastTextMatrix.readDense(from: &reader, what: "input matrix")
        if !quantizedInput, dictionary.pruneSize >= 0 {
            throw reader.error("a pruned dictionary with a dense input matrix (fastText refuses it too)")
        }
        let quantizedOutput = try reader.bool("output quantized flag")
        let output = quantizedInput && quantizedOutput
            ? try FastTextMatrix.readQuantized(from: &reader, what: "output matrix")
            : try FastTextMatrix.readDense(from: &reader, what: "output matrix")
        if reader.remaining != 0 {
            throw reader.error("\(reader.remaining) bytes follow the output matrix")
        }

        let dim = Int(args.dim)
        let neededRows = dictionary.wordCount + (dictionary.pruneSize >= 0 ? Int(dictionary.pruneSize) : Int(args.bucket))
        guard input.columns == dim, input.rows >= neededRows else {
            throw WinnowError(.invalidModel, "not a usable fastText model: the input matrix is \(input.rows) × \(input.columns), it needs \(neededRows) × \(dim)", at: .init(path: path), scope: .run)
        }
        guard output.columns == dim, output.rows == dictionary.labelCount else {
            throw WinnowError(.invalidModel, "not a usable fastText model: the output matrix is \(output.rows) × \(output.columns), it needs \(dictionary.labelCount) × \(dim)", at: .init(path: path), scope: .run)
        }
        self.args = args
        self.dictionary = dictionary
        self.labels = dictionary.labels
        self.isQuantized = quantizedInput
        self.input = input
        self.output = output
        self.tree = args.loss == .hierarchicalSoftmax
            ? HuffmanTree(counts: Array(dictionary.counts[dictionary.wordCount...])) : nil
    }

    /// A predictor with its own buffers, for one task.
    public func makePredictor() -> FastTextPredictor { FastTextPredictor(model: self) }

    /// The index of `label` (`__label__hq` or just `hq`), or nil.
    public func labelIndex(_ label: String) -> Int? {
        if let index = labels.firstIndex(of: label) { return index }
        return labels.firstIndex(of: "__label__" + label)
    }
}
