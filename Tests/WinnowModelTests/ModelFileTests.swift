import Foundation
import Logging
import Testing
import WinnowCore
import WinnowIO
import WinnowJSON
@testable import WinnowModel

/// Malformed and unsupported model files, the tokenizer's details, and the `score.model@1` stage.
@Suite struct ModelFileTests {
    static let fixtures = FastTextAgreementTests.directory

    @Test func everyTruncationIsAnInvalidModelError() throws {
        let bytes = try FileSystem.readFile(Self.fixtures + "/source-softmax.ftz")
        var cuts = Array(stride(from: 0, to: bytes.count, by: 97))
        cuts += [4, 8, 60, 61, bytes.count - 1]
        for cut in cuts {
            let error = try #require(throws: WinnowError.self) { try FastTextModel(bytes: Array(bytes[..<cut]), path: "cut.ftz") }
            #expect(error.code == .invalidModel, "cut at \(cut): \(error)")
            #expect(error.location?.path == "cut.ftz")
        }
        // A byte too many is reported too.
        let error = try #require(throws: WinnowError.self) { try FastTextModel(bytes: bytes + [0], path: "long.ftz") }
        #expect(error.message.contains("1 bytes follow the output matrix"))
    }

    @Test func wrongMagicAndUnsupervisedModelsAreRejected() throws {
        var bytes = try FileSystem.readFile(Self.fixtures + "/source-hs.bin")
        var wrong = bytes
        wrong[0] ^= 0xff
        let magic = try #require(throws: WinnowError.self) { try FastTextModel(bytes: wrong, path: "m.bin") }
        #expect(magic.code == .invalidModel && magic.location?.byteOffset == 0)
        bytes[8 + 7 * 4] = 2  // args.model: skipgram
        let unsupervised = try #require(throws: WinnowError.self) { try FastTextModel(bytes: bytes, path: "sg.bin") }
        #expect(unsupervised.code == .unsupportedModel)
        #expect(unsupervised.message.contains("unsupervised fastText model (skipgram)"))
    }

    @Test func hashIsFastTextsSignExtendingFNV1a() {
        #expect(FastTextHash.hash(Array("".utf8)) == 2_166_136_261)
        #expect(FastTextHash.hash(Array("a".utf8)) == 0xE40C_292C)  // plain FNV-1a for ASCII
        // é = C3 A9: bytes ≥ 0x80 are xored as 0xFFFFFFC3, 0xFFFFFFA9 (plain FNV-1a gives 0x2D0ED1D8).
        var h: UInt32 = 2_166_136_261
        for byte: UInt32 in [0xFFFF_FFC3, 0xFFFF_FFA9] { h = (h ^ byte) &* 16_777_619 }
        #expect(FastTextHash.hash(Array("é".utf8)) == h)
        #expect(h != 0x2D0E_D1D8)
    }

    @Test func newlinesAreSpacesAndTheLineEndsWithEndOfSentence() throws {
        let model = try FastTextModel(path: Self.fixtures + "/source-softmax.bin")
        var a = FastTextFeaturizer()
        var b = FastTextFeaturizer()
        let one = Array("the kernel\nmodule  loads\r\n".utf8)
        let two = Array("the kernel module loads".utf8)
        one.withUnsafeBufferPointer { a.extract($0, dictionary: model.dictionary, wordNgrams: 2) }
        two.withUnsafeBufferPointer { b.extract($0, dictionary: model.dictionary, wordNgrams: 2) }
        #expect(a.rows == b.rows)
        // "</s>" is a word of the model: the empty text has exactly its row and no n-gram.
        let empty: [UInt8] = []
        empty.withUnsafeBufferPointer { a.extract($0, dictionary: model.dictionary, wordNgrams: 2) }
        #expect(a.rows == [Int32(model.dictionary.id(of: "</s>")!)])
        // A __label__ token is never a feature.
        Array("__label__perl-pod".utf8).withUnsafeBufferPointer { a.extract($0, dictionary: model.dictionary, wordNgrams: 2) }
        #expect(a.rows == [Int32(model.dictionary.id(of: "</s>")!)])
    }

    static let context = TaskContext(rank: 0, worldSize: 1, phase: "test", runDirectory: "/nonexistent", logger: Logger(label: "test"))

    static func document(_ id: String, _ text: String) -> Document {
        Document(id: id, text: text, source: "test", origin: Origin(path: "t.jsonl", inputIndex: 0, ordinal: 0))
    }

    @Test func scoreStageRecordsTheScoreAndDropsBelowTheThreshold() throws {
        let stage = ModelScore(path: Self.fixtures + "/source-softmax.bin", targetLabel: "linux-source", threshold: 0.5, k: 2, label: "src")
        try stage.validate()
        var processor = try stage.makeProcessor(context: Self.context)
        var code = Self.document("c", "static int __init foo_init(void)\n{\n\treturn platform_driver_register(&foo_driver);\n}")
        var prose = Self.document("p", "Debian is a free operating system. The installation guide explains how to install it.")
        let model = try FastTextModel(path: stage.path)
        var predictor = model.makePredictor()
        let expected = predictor.predict(code.text.replacingOccurrences(of: "\n", with: " "), k: 7)
        #expect(try processor.process(&code) == .keep)
        let attributes = try #require(code.attributes["src"]?.objectValue)
        let target = try #require(expected.first { model.labels[$0.label] == "__label__linux-source" })
        #expect(attributes["score"]?.numberValue?.text == "\(target.probability)")
        #expect(attributes["label"]?.stringValue == model.labels[expected[0].label])
        #expect(attributes["top"]?.objectValue?.count == 2)
        let decision = try processor.process(&prose)
        guard case .drop(let reason, let detail) = decision else {
            Issue.record("prose kept: \(prose.attributes)")
            return
        }
        #expect(reason == "below_model_threshold")
        #expect(detail?.hasSuffix("< 0.5") == true)
    }

    @Test func scoreStageValidationFindsBadModelsAndLabels() throws {
        #expect(throws: WinnowError.self) { try ModelScore(path: Self.fixtures + "/missing.bin").validate() }
        #expect(throws: WinnowError.self) { try ModelScore(path: Self.fixtures + "/train-consensus.csv").validate() }
        #expect(throws: WinnowError.self) { try ModelScore(path: Self.fixtures + "/source-ova.bin", k: 0).validate() }
        let unknown = ModelScore(path: Self.fixtures + "/source-ova.bin", targetLabel: "hq")
        try unknown.validate()
        let error = try #require(throws: WinnowError.self) { try unknown.makeProcessor(context: Self.context) }
        #expect(error.code == .invalidPlan && error.message.contains("has no label 'hq'"))
    }
}
