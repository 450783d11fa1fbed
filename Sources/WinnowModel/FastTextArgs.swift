/// The hyper-parameters block of a fastText model file (fastText's `Args::save` order): what the model's
/// features and output are. Fields that only matter for training are kept so that a model can be rewritten.
public struct FastTextArgs: Sendable, Hashable, Codable {
    /// fastText's loss functions, with their numbers in the file.
    public enum Loss: Int32, Sendable, Hashable, Codable, CustomStringConvertible {
        case hierarchicalSoftmax = 1
        case negativeSampling = 2
        case softmax = 3
        case oneVsAll = 4

        public var description: String {
            switch self {
            case .hierarchicalSoftmax: "hs"
            case .negativeSampling: "ns"
            case .softmax: "softmax"
            case .oneVsAll: "ova"
            }
        }
    }

    /// fastText's model kinds: only `supervised` models predict labels.
    public enum Kind: Int32, Sendable, Hashable, Codable {
        case cbow = 1
        case skipgram = 2
        case supervised = 3
    }

    public var dim: Int32
    public var ws: Int32
    public var epoch: Int32
    public var minCount: Int32
    public var neg: Int32
    /// The longest word n-gram (1: words only, 2: adds bigrams, ...).
    public var wordNgrams: Int32
    public var loss: Loss
    public var kind: Kind
    /// The number of hash buckets shared by char n-grams and word n-grams.
    public var bucket: Int32
    /// Char n-gram lengths, in Unicode scalars (`maxn` 0: none).
    public var minn: Int32
    public var maxn: Int32
    public var lrUpdateRate: Int32
    public var samplingThreshold: Double

    public init(
        dim: Int32, ws: Int32 = 5, epoch: Int32, minCount: Int32, neg: Int32 = 5, wordNgrams: Int32, loss: Loss,
        kind: Kind = .supervised, bucket: Int32, minn: Int32, maxn: Int32, lrUpdateRate: Int32 = 100,
        samplingThreshold: Double = 1e-4
    ) {
        self.dim = dim
        self.ws = ws
        self.epoch = epoch
        self.minCount = minCount
        self.neg = neg
        self.wordNgrams = wordNgrams
        self.loss = loss
        self.kind = kind
        self.bucket = bucket
        self.minn = minn
        self.maxn = maxn
        self.lrUpdateRate = lrUpdateRate
        self.samplingThreshold = samplingThreshold
    }
}

extension FastTextArgs {
    static func read(from reader: inout ModelByteReader) throws -> FastTextArgs {
        let dim = try reader.int32("args.dim")
        let ws = try reader.int32("args.ws")
        let epoch = try reader.int32("args.epoch")
        let minCount = try reader.int32("args.minCount")
        let neg = try reader.int32("args.neg")
        let wordNgrams = try reader.int32("args.wordNgrams")
        let lossPosition = reader.offset
        let lossValue = try reader.int32("args.loss")
        guard let loss = Loss(rawValue: lossValue) else {
            throw reader.error("unknown loss \(lossValue) (expected 1 hs, 2 ns, 3 softmax or 4 ova)", at: lossPosition)
        }
        let kindPosition = reader.offset
        let kindValue = try reader.int32("args.model")
        guard let kind = Kind(rawValue: kindValue) else {
            throw reader.error("unknown model kind \(kindValue) (expected 1 cbow, 2 skipgram or 3 supervised)", at: kindPosition)
        }
        let bucket = try reader.int32("args.bucket")
        let minn = try reader.int32("args.minn")
        let maxn = try reader.int32("args.maxn")
        let lrUpdateRate = try reader.int32("args.lrUpdateRate")
        let t = try reader.float64("args.t")
        return FastTextArgs(
            dim: dim, ws: ws, epoch: epoch, minCount: minCount, neg: neg, wordNgrams: wordNgrams, loss: loss, kind: kind,
            bucket: bucket, minn: minn, maxn: maxn, lrUpdateRate: lrUpdateRate, samplingThreshold: t)
    }

    func write(to writer: inout ModelByteWriter) {
        for value in [dim, ws, epoch, minCount, neg, wordNgrams, loss.rawValue, kind.rawValue, bucket, minn, maxn, lrUpdateRate] {
            writer.append(value)
        }
        writer.append(samplingThreshold)
    }
}
