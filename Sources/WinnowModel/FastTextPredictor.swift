/// One label and its probability, as fastText's `predict` reports it.
public struct FastTextPrediction: Sendable, Hashable {
    /// The label's index in ``FastTextModel/labels``.
    public var label: Int
    /// fastText's reported probability: `exp(log(p + 1e-5))` in float, so it can slightly exceed `p`
    /// (and 1); for hierarchical softmax the product along the tree path.
    public var probability: Float

    public init(label: Int, probability: Float) {
        self.label = label
        self.probability = probability
    }
}

/// The per-task state of prediction: feature, hidden, output and top-k buffers, reused for every
/// document. Not thread-safe; make one per task with ``FastTextModel/makePredictor()``.
public struct FastTextPredictor {
    public let model: FastTextModel
    private var featurizer = FastTextFeaturizer()
    private var hidden: [Float]
    private var output: [Float]
    /// The best (log-probability, label) pairs so far, best first.
    private var best: [(score: Float, label: Int)] = []
    private var scratch: [UInt8] = []

    init(model: FastTextModel) {
        self.model = model
        hidden = [Float](repeating: 0, count: Int(model.args.dim))
        output = [Float](repeating: 0, count: model.labels.count)
        best.reserveCapacity(model.labels.count + 1)
    }

    /// The `k` most probable labels of `text` with probability at least `threshold`, best first, as
    /// fastText's `model.predict(text, k, threshold)` on one line (see ``FastTextFeaturizer`` for how
    /// the text is read). Empty when the text has no feature the model knows.
    public mutating func predict(_ text: String, k: Int = 1, threshold: Float = 0) -> [FastTextPrediction] {
        var results: [FastTextPrediction] = []
        predict(text, k: k, threshold: threshold, into: &results)
        return results
    }

    /// As ``predict(_:k:threshold:)``, writing into `results` (emptied first) to avoid allocating.
    public mutating func predict(_ text: String, k: Int, threshold: Float, into results: inout [FastTextPrediction]) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ predict(bytes: $0, k: k, threshold: threshold, into: &results) }) {
            return done
        }
        var copy = scratch
        copy.removeAll(keepingCapacity: true)
        copy.append(contentsOf: text.utf8)
        copy.withUnsafeBufferPointer { predict(bytes: $0, k: k, threshold: threshold, into: &results) }
        scratch = copy
    }

    /// Predicts from UTF-8 bytes.
    public mutating func predict(bytes: UnsafeBufferPointer<UInt8>, k: Int, threshold: Float, into results: inout [FastTextPrediction]) {
        results.removeAll(keepingCapacity: true)
        best.removeAll(keepingCapacity: true)
        let k = max(1, min(k, model.labels.count))
        featurizer.extract(bytes, dictionary: model.dictionary, wordNgrams: Int(model.args.wordNgrams))
        let rows = featurizer.rows
        guard !rows.isEmpty else { return }
        let dim = hidden.count
        let input = model.input
        hidden.withUnsafeMutableBufferPointer { hidden in
            let h = hidden.baseAddress!
            for j in 0..<dim { h[j] = 0 }
            for row in rows { input.addRow(Int(row), to: h) }
            let scale = Float(1.0 / Double(rows.count))
            for j in 0..<dim { h[j] *= scale }
        }
        if let tree = model.tree {
            hidden.withUnsafeBufferPointer { h in
                depthFirst(tree: tree, k: k, logThreshold: FastTextMath.stdLog(threshold), node: tree.root, score: 0, hidden: h.baseAddress!)
            }
        } else {
            computeOutput()
            for (label, p) in output.enumerated() where p >= threshold {
                offer(FastTextMath.stdLog(p), label, k: k)
            }
        }
        for entry in best {
            results.append(FastTextPrediction(label: entry.label, probability: expf(entry.score)))
        }
    }

    @inline(__always)
    private func expf(_ x: Float) -> Float { FastTextExp.exp(x) }

    private mutating func computeOutput() {
        let output = model.output
        let count = self.output.count
        hidden.withUnsafeBufferPointer { h in
            self.output.withUnsafeMutableBufferPointer { o in
                for i in 0..<count { o[i] = output.dot(i, h.baseAddress!) }
                switch model.args.loss {
                case .softmax:
                    var maximum = o[0]
                    for i in 0..<count { maximum = max(o[i], maximum) }
                    var z: Float = 0
                    for i in 0..<count {
                        o[i] = FastTextExp.exp(o[i] - maximum)
                        z += o[i]
                    }
                    for i in 0..<count { o[i] /= z }
                case .oneVsAll, .negativeSampling, .hierarchicalSoftmax:
                    FastTextMath.sigmoidTable.withUnsafeBufferPointer { table in
                        for i in 0..<count { o[i] = FastTextMath.sigmoid(o[i], table: table.baseAddress!) }
                    }
                }
            }
        }
    }

    /// Keeps `(score, label)` if it is among the `k` best so far (fastText's `findKBest` rule: a score
    /// below the worst of a full list is skipped).
    @inline(__always)
    private mutating func offer(_ score: Float, _ label: Int, k: Int) {
        if best.count == k, score < best[k - 1].score { return }
        var position = best.count
        while position > 0, best[position - 1].score < score { position -= 1 }
        best.insert((score, label), at: position)
        if best.count > k { best.removeLast() }
    }

    private mutating func depthFirst(tree: HuffmanTree, k: Int, logThreshold: Float, node: Int, score: Float, hidden: UnsafePointer<Float>) {
        if score < logThreshold { return }
        if best.count == k, score < best[k - 1].score { return }
        let left = Int(tree.left[node]), right = Int(tree.right[node])
        if left == -1, right == -1 {
            offer(score, node, k: k)
            return
        }
        var f = model.output.dot(node - tree.labels, hidden)
        f = Float(1.0 / Double(1 + FastTextExp.exp(-f)))
        depthFirst(tree: tree, k: k, logThreshold: logThreshold, node: left, score: score + FastTextMath.stdLog(Float(1.0 - Double(f))), hidden: hidden)
        depthFirst(tree: tree, k: k, logThreshold: logThreshold, node: right, score: score + FastTextMath.stdLog(f), hidden: hidden)
    }
}
