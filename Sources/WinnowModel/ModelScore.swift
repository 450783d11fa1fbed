public import WinnowCore
internal import WinnowIO
internal import WinnowJSON

/// Scores each document with a supervised fastText model (`.bin` or `.ftz`) and, with a threshold, drops
/// the documents that score below it.
///
/// The score is the probability of `targetLabel` (`__label__hq` or `hq`) when one is given, else the
/// probability of the top label. The text is read as one line (newlines count as spaces; see
/// ``FastTextFeaturizer``), so the score equals fastText's `model.predict(text.replace("\n", " "), k)`.
/// Records under the stage label (default `model`):
///
///     {"label": "__label__hq", "score": 0.8734, "top": {"__label__hq": 0.8734, "__label__cc": 0.1266}}
///
/// (`label` is the top label; `top` the `k` best with fastText's probabilities). Drop reason:
/// `below_model_threshold`, with the score and threshold in the detail. The model is loaded once per task;
/// a missing or malformed model is a run-level error, found by ``validate()`` from its header.
public struct ModelScore: DocumentStage {
    public static let identifier: StageIdentifier = "score.model@1"

    public var label: String
    /// The model file.
    public var path: String

    /// The model is configuration: its digest goes into the run's `config-files.json`, and a run does not
    /// resume with a changed model.
    public var configurationFiles: [String] { [path] }
    /// The label whose probability is the score; nil: the top label's.
    public var targetLabel: String?
    /// Documents scoring below it are dropped; nil keeps every document.
    public var threshold: Double?
    /// How many labels to record in `top`.
    public var k: Int

    public init(path: String, targetLabel: String? = nil, threshold: Double? = nil, k: Int = 1, label: String = "model") {
        self.label = label
        self.path = path
        self.targetLabel = targetLabel
        self.threshold = threshold
        self.k = k
    }

    public func validate() throws {
        guard !path.isEmpty else { throw invalid("the model path is empty") }
        guard k >= 1 else { throw invalid("k must be at least 1, not \(k)") }
        if let threshold, !(threshold.isFinite && threshold >= 0) {
            throw invalid("threshold must be a probability ≥ 0, not \(threshold)")
        }
        if let targetLabel, targetLabel.isEmpty { throw invalid("the target label is empty") }
        // The header (magic, version, arguments) is enough to reject a wrong file before any work starts.
        let header: [UInt8]
        do {
            header = try FileSystem.readRange(path, offset: 0, count: 64)
        } catch {
            throw invalid("cannot read the model file \(path): \(error)")
        }
        var reader = ModelByteReader(bytes: header, path: path)
        do {
            guard try reader.int32("magic") == FastTextModel.magic else { throw invalid("\(path) is not a fastText model (wrong magic number)") }
            _ = try reader.int32("version")
            let args = try FastTextArgs.read(from: &reader)
            guard args.kind == .supervised else { throw invalid("\(path) is an unsupervised fastText model: it predicts no labels") }
        } catch let error as WinnowError where error.code == .invalidModel {
            throw invalid("\(path): \(error.message)")
        }
    }

    public func makeProcessor(context: TaskContext) throws -> any DocumentProcessor {
        let model = try FastTextModel(path: path)
        var target: Int?
        if let targetLabel {
            guard let index = model.labelIndex(targetLabel) else {
                throw invalid("the model \(path) has no label '\(targetLabel)'; its labels: \(model.labels.prefix(20).joined(separator: ", "))")
            }
            target = index
        }
        return Processor(stage: self, model: model, predictor: model.makePredictor(), target: target)
    }

    struct Processor: DocumentProcessor {
        let stage: ModelScore
        let model: FastTextModel
        var predictor: FastTextPredictor
        let target: Int?
        var results: [FastTextPrediction] = []

        mutating func process(_ document: inout Document) throws -> Decision {
            // The target's probability needs every label (a softmax's k best may not include it).
            let k = target == nil ? stage.k : model.labels.count
            predictor.predict(document.text, k: k, threshold: 0, into: &results)
            var score: Float = 0
            if let target {
                score = results.first { $0.label == target }?.probability ?? 0
            } else if let first = results.first {
                score = first.probability
            }
            var top = JSONObject()
            for result in results.prefix(stage.k) {
                top[model.labels[result.label]] = .number(Self.number(result.probability))
            }
            var object = JSONObject()
            object["label"] = results.first.map { .string(model.labels[$0.label]) } ?? .null
            object["score"] = .number(Self.number(score))
            object["top"] = .object(top)
            document.attributes[stage.label] = .object(object)
            if let threshold = stage.threshold, Double(score) < threshold {
                return .drop(reason: "below_model_threshold", detail: "score \(score) < \(threshold)")
            }
            return .keep
        }

        /// The float's shortest decimal text (`0.8734`, not the double `0.873399972915649`).
        static func number(_ value: Float) -> JSONNumber {
            JSONNumber(text: "\(value)") ?? JSONNumber(Double(value))
        }
    }
}
