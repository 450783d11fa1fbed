internal import Foundation
internal import WinnowCore

/// Trains a fastText-style linear classifier (Joulin et al. 2017, "Bag of Tricks for Efficient Text
/// Classification") and writes it in fastText's own `.bin` format, so that ``FastTextModel`` (and
/// fastText itself) can load it.
///
/// The model: each document is the average `h` of the input rows of its features (the words of the
/// vocabulary, the hashed char n-grams of every word and the hashed word n-grams, exactly as
/// ``FastTextFeaturizer`` computes them at prediction time); the output is `softmax(B h)` (softmax loss)
/// or one sigmoid per label (logistic loss: fastText's `ova`). Stochastic gradient descent on the
/// negative log-likelihood, each example's gradient scaled by its weight (the consensus confidence), the
/// learning rate decayed linearly from `learningRate` to 0 over all epochs, one thread.
///
/// Determinism: the vocabulary is sorted by count then bytes; the weights start uniform in ±1/dim from a
/// SplitMix64 seeded with `seed`; each epoch visits the examples in a Fisher–Yates order from the same
/// generator over the examples sorted by id; the held-out split is `xxh3(id, seed) % 100 < heldOutPercent`. The same examples and
/// options give byte-identical model files.
public enum ClassifierTrainer {
    /// What training produced: the model file's bytes and the report.
    public struct Result: Sendable {
        public var model: [UInt8]
        public var report: TrainingReport
    }

    public static func train(_ examples: [TrainingExample], options: ClassifierOptions) throws -> Result {
        try options.validate()
        var train: [TrainingExample] = []
        var heldOut: [TrainingExample] = []
        var lowConfidence = 0
        // Sorted by id bytes, so that the order of the input does not matter (equal ids keep their order).
        let sorted = examples.enumerated().sorted { a, b in
            a.element.id == b.element.id ? a.offset < b.offset : Array(a.element.id.utf8).lexicographicallyPrecedes(Array(b.element.id.utf8))
        }.map(\.element)
        for example in sorted {
            guard example.weight >= options.minConfidence else { lowConfidence += 1; continue }
            if Int(StableHash.xxh3(example.id, seed: options.seed) % 100) < options.heldOutPercent {
                heldOut.append(example)
            } else {
                train.append(example)
            }
        }
        guard !train.isEmpty else {
            throw WinnowError(.emptyInput, "classifier training: no labelled document left to train on (\(examples.count) given, \(lowConfidence) below the minimum confidence)", scope: .run)
        }

        let dictionary = buildDictionary(train, options: options)
        let labelIndex = Dictionary(uniqueKeysWithValues: dictionary.labels.enumerated().map { ($1, $0) })
        let dim = options.dim
        let inputRows = dictionary.wordCount + options.bucket
        let labelCount = dictionary.labelCount

        // Features of every training example, flattened.
        var featurizer = FastTextFeaturizer()
        var featureStarts: [Int] = [0]
        var features: [Int32] = []
        var targets: [Int] = []
        var weights: [Float] = []
        for example in train {
            var text = example.text
            text.withUTF8 { featurizer.extract($0, dictionary: dictionary, wordNgrams: options.wordNgrams) }
            features.append(contentsOf: featurizer.rows)
            featureStarts.append(features.count)
            targets.append(labelIndex["__label__" + example.label]!)
            weights.append(options.weightByConfidence ? Float(example.weight) : 1)
        }

        var random = SplitMix64(seed: options.seed)
        let bound = 1 / Float(dim)
        var input = [Float](unsafeUninitializedCapacity: inputRows * dim) { buffer, count in
            for index in 0..<(inputRows * dim) { buffer[index] = random.uniform(-bound, bound) }
            count = inputRows * dim
        }
        var output = [Float](repeating: 0, count: labelCount * dim)

        var order = Array(0..<train.count)
        let totalSteps = Double(options.epochs * train.count)
        var step = 0
        var hidden = [Float](repeating: 0, count: dim)
        var gradient = [Float](repeating: 0, count: dim)
        var scores = [Float](repeating: 0, count: labelCount)
        var lossSum = 0.0
        input.withUnsafeMutableBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                for _ in 0..<options.epochs {
                    for i in stride(from: order.count - 1, to: 0, by: -1) {
                        order.swapAt(i, random.below(i + 1))
                    }
                    lossSum = 0
                    for example in order {
                        let lr = Float(options.learningRate * (1 - Double(step) / totalSteps))
                        step += 1
                        let start = featureStarts[example], end = featureStarts[example + 1]
                        guard end > start else { continue }
                        for j in 0..<dim { hidden[j] = 0; gradient[j] = 0 }
                        for f in start..<end {
                            let row = input.baseAddress! + Int(features[f]) * dim
                            for j in 0..<dim { hidden[j] += row[j] }
                        }
                        let scale = 1 / Float(end - start)
                        for j in 0..<dim { hidden[j] *= scale }
                        let rate = lr * weights[example]
                        let target = targets[example]
                        for label in 0..<labelCount {
                            let row = output.baseAddress! + label * dim
                            var dot: Float = 0
                            for j in 0..<dim { dot += row[j] * hidden[j] }
                            scores[label] = dot
                        }
                        switch options.loss {
                        case .softmax:
                            var maximum = scores[0]
                            for label in 0..<labelCount { maximum = max(maximum, scores[label]) }
                            var z: Float = 0
                            for label in 0..<labelCount {
                                scores[label] = Foundation.exp(scores[label] - maximum)
                                z += scores[label]
                            }
                            for label in 0..<labelCount { scores[label] /= z }
                            lossSum -= Double(Foundation.log(max(scores[target], 1e-10)))
                        case .logistic:
                            for label in 0..<labelCount {
                                scores[label] = 1 / (1 + Foundation.exp(-scores[label]))
                                let p = label == target ? scores[label] : 1 - scores[label]
                                lossSum -= Double(Foundation.log(max(p, 1e-10)))
                            }
                        }
                        for label in 0..<labelCount {
                            let alpha = rate * ((label == target ? 1 : 0) - scores[label])
                            let row = output.baseAddress! + label * dim
                            for j in 0..<dim {
                                gradient[j] += alpha * row[j]
                                row[j] += alpha * hidden[j]
                            }
                        }
                        for j in 0..<dim { gradient[j] *= scale }
                        for f in start..<end {
                            let row = input.baseAddress! + Int(features[f]) * dim
                            for j in 0..<dim { row[j] += gradient[j] }
                        }
                    }
                }
            }
        }

        let args = FastTextArgs(
            dim: Int32(dim), epoch: Int32(options.epochs), minCount: Int32(options.minCount), wordNgrams: Int32(options.wordNgrams),
            loss: options.loss == .softmax ? .softmax : .oneVsAll, bucket: Int32(options.bucket), minn: Int32(options.minn),
            maxn: Int32(options.maxn))
        var writer = ModelByteWriter()
        writer.append(FastTextModel.magic)
        writer.append(FastTextModel.version)
        args.write(to: &writer)
        dictionary.write(to: &writer)
        writer.append(false)
        FastTextMatrix.dense(rows: inputRows, columns: dim, values: input).write(to: &writer)
        writer.append(false)
        FastTextMatrix.dense(rows: labelCount, columns: dim, values: output).write(to: &writer)

        // Evaluate the model as it will be loaded.
        let model = try FastTextModel(bytes: writer.bytes, path: "(trained model)")
        let report = TrainingReport(
            model: model, train: train, heldOut: heldOut, lowConfidence: lowConfidence,
            finalLoss: train.isEmpty ? 0 : lossSum / Double(train.count))
        return Result(model: writer.bytes, report: report)
    }

    /// The vocabulary of the training texts (tokens seen `minCount` times, `</s>` once per document,
    /// never a `__label__` token) and the labels, each by decreasing count then by bytes, as fastText
    /// orders its dictionary.
    static func buildDictionary(_ examples: [TrainingExample], options: ClassifierOptions) -> FastTextDictionary {
        var wordCounts: [[UInt8]: Int64] = [:]
        var labelCounts: [String: Int64] = [:]
        var tokens: Int64 = 0
        for example in examples {
            labelCounts[example.label, default: 0] += 1
            var text = example.text
            text.withUTF8 { bytes in
                var index = 0
                while index < bytes.count {
                    while index < bytes.count, FastTextFeaturizer.isSeparator(bytes[index]) { index += 1 }
                    if index == bytes.count { break }
                    let start = index
                    while index < bytes.count, !FastTextFeaturizer.isSeparator(bytes[index]) { index += 1 }
                    let token = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    tokens += 1
                    if FastTextFeaturizer.hasLabelPrefix(token) { continue }
                    wordCounts[Array(token), default: 0] += 1
                }
            }
            wordCounts[FastTextDictionary.endOfSentence, default: 0] += 1
            tokens += 1
        }
        let words = wordCounts.filter { $0.value >= Int64(options.minCount) }.sorted { a, b in
            a.value != b.value ? a.value > b.value : a.key.lexicographicallyPrecedes(b.key)
        }
        let labels = labelCounts.sorted { a, b in
            a.value != b.value ? a.value > b.value : Array(a.key.utf8).lexicographicallyPrecedes(Array(b.key.utf8))
        }
        return FastTextDictionary(
            entries: words.map(\.key) + labels.map { Array(("__label__" + $0.key).utf8) },
            counts: words.map(\.value) + labels.map(\.value), wordCount: words.count, tokenCount: tokens, pruneSize: -1,
            prune: [:], minn: options.maxn > 0 ? options.minn : 0, maxn: options.maxn, bucket: UInt32(options.bucket))
    }
}
