public import WinnowCore
internal import WinnowJSON

/// A quality score in [0, 1] for every document, from the four heuristic families; never drops.
///
/// Each threshold rule `r` of a family gives a satisfaction `s_r` in [0, 1]: 1 when the document passes it;
/// otherwise `value / threshold` for a minimum (`20` words of a required `50` give 0.4) and
/// `threshold / value` for a maximum (a duplicate fraction of `0.3` against `0.15` gives 0.5). A rule-free
/// drop (`lorem_ipsum`, `curly_bracket`, `empty`) gives 0. A family's score is its worst rule's
/// satisfaction, `f = min_r s_r`; the document's score is the mean of the four families:
///
///     quality = (f_gopher_quality + f_gopher_repetition + f_c4 + f_fineweb_quality) / 4
///
/// So a document that passes every rule scores 1, one that fails one family outright scores at most 0.75,
/// and near-misses lose little. Records `{"score", "gopher_quality", "gopher_repetition", "c4",
/// "fineweb_quality"}` under the stage label (default `quality`), where a later reward-weighting stage reads
/// `attributes["quality"]["score"]`. The families use the thresholds of the stages given (defaults: the
/// published values); the C4 rules are scored on the original text, which this stage does not change.
public struct QualityScore: DocumentStage {
    public static let identifier: StageIdentifier = "score.quality@1"

    public var label: String
    public var gopherQuality: GopherQualityFilter
    public var gopherRepetition: GopherRepetitionFilter
    public var c4: C4QualityFilter
    public var fineweb: FineWebQualityFilter

    public init(
        gopherQuality: GopherQualityFilter = GopherQualityFilter(), gopherRepetition: GopherRepetitionFilter = GopherRepetitionFilter(),
        c4: C4QualityFilter = C4QualityFilter(), fineweb: FineWebQualityFilter = FineWebQualityFilter(), label: String = "quality"
    ) {
        self.label = label
        self.gopherQuality = gopherQuality
        self.gopherRepetition = gopherRepetition
        self.c4 = c4
        self.fineweb = fineweb
    }

    public func validate() throws {
        try gopherQuality.validate()
        try gopherRepetition.validate()
        try c4.validate()
        try fineweb.validate()
    }

    public func makeProcessor(context: TaskContext) throws -> any DocumentProcessor { Processor(stage: self) }

    struct Processor: DocumentProcessor {
        let stage: QualityScore
        var gopherQuality: GopherQualityFilter.Processor
        var gopherRepetition: GopherRepetitionFilter.Processor
        var c4: C4QualityFilter.Processor
        var fineweb: FineWebQualityFilter.Processor

        init(stage: QualityScore) {
            self.stage = stage
            gopherQuality = .init(stage: stage.gopherQuality)
            gopherRepetition = .init(stage: stage.gopherRepetition)
            c4 = .init(stage: stage.c4)
            fineweb = .init(stage: stage.fineweb)
        }

        mutating func process(_ document: inout Document) throws -> Decision {
            let families = [
                ("gopher_quality", gopherQuality.evaluate(document.text).score),
                ("gopher_repetition", gopherRepetition.evaluate(document.text).score),
                ("c4", c4.evaluate(document.text).0.score),
                ("fineweb_quality", fineweb.evaluate(document.text).score),
            ]
            let score = families.reduce(0) { $0 + $1.1 } / Double(families.count)
            var object = JSONObject()
            object["score"] = .number(JSONNumber(RuleCheck.rounded(score)))
            for (name, value) in families { object[name] = .number(JSONNumber(RuleCheck.rounded(value))) }
            document.attributes[stage.label] = .object(object)
            return .keep
        }
    }
}
