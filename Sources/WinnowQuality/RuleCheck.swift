internal import WinnowCore
internal import WinnowJSON

/// One threshold rule of a heuristic filter, evaluated on one document: the measured value, the threshold,
/// and whether the value must stay at or below it (`maximum`) or reach it (`minimum`).
struct RuleCheck: Sendable {
    enum Kind: Sendable { case minimum, maximum, strictMinimum, strictMaximum }
    /// The drop reason when the rule fails (datatrove's name for it, for example `gopher_short_doc`).
    var reason: String
    var value: Double
    var threshold: Double
    var kind: Kind

    var passes: Bool {
        switch kind {
        case .minimum: return value >= threshold
        case .maximum: return value <= threshold
        case .strictMinimum: return value > threshold
        case .strictMaximum: return value < threshold
        }
    }

    /// How well the document satisfies the rule, in [0, 1]: 1 when it passes; otherwise the ratio of the
    /// threshold to the value for a maximum (`0.15 / 0.3` = 0.5 for a value twice the limit) and of the value
    /// to the threshold for a minimum (`20 / 50` words = 0.4). See ``QualityScore``.
    var satisfaction: Double {
        if passes { return 1 }
        switch kind {
        case .minimum, .strictMinimum:
            guard threshold > 0, value > 0 else { return 0 }
            return min(1, max(0, value / threshold))
        case .maximum, .strictMaximum:
            guard value > 0, threshold > 0 else { return 0 }
            return min(1, max(0, threshold / value))
        }
    }

    var detail: String {
        let op: String
        switch kind {
        case .minimum: op = "<"
        case .maximum: op = ">"
        case .strictMinimum: op = "<="
        case .strictMaximum: op = ">="
        }
        return "\(RuleCheck.format(value)) \(op) \(RuleCheck.format(threshold))"
    }

    static func format(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String((v * 10000).rounded() / 10000)
    }
}

/// What a heuristic family concluded about one document: the rules in datatrove's order (the first that
/// fails is the drop reason), a rule-free drop (`lorem_ipsum`, `empty`) if one fired, and the scores to record.
struct FamilyEvaluation: Sendable {
    var checks: [RuleCheck] = []
    /// A drop that is not a threshold rule, with the position in `checks` it comes before.
    var hardDrop: (reason: String, detail: String, before: Int)?
    var scores: [(String, JSONValue)] = []

    /// The first failing rule in datatrove's order.
    var decision: Decision {
        for (index, check) in checks.enumerated() {
            if let hardDrop, hardDrop.before == index { return .drop(reason: hardDrop.reason, detail: hardDrop.detail) }
            if !check.passes { return .drop(reason: check.reason, detail: check.detail) }
        }
        if let hardDrop { return .drop(reason: hardDrop.reason, detail: hardDrop.detail) }
        return .keep
    }

    /// The family's score in [0, 1]: the satisfaction of its worst rule (0 for a rule-free drop).
    var score: Double {
        if hardDrop != nil { return 0 }
        return checks.reduce(1.0) { min($0, $1.satisfaction) }
    }

    mutating func record(_ key: String, _ value: Double) {
        scores.append((key, value.isFinite ? .number(JSONNumber(RuleCheck.rounded(value))) : .null))
    }

    mutating func record(_ key: String, _ value: Int) {
        scores.append((key, .number(JSONNumber(value))))
    }

    func attributes() -> JSONValue {
        var object = JSONObject(scores)
        object["score"] = .number(JSONNumber(RuleCheck.rounded(score)))
        return .object(object)
    }
}

extension RuleCheck {
    /// Rounds to 6 decimals for recording (the decision uses the unrounded value).
    static func rounded(_ v: Double) -> Double { (v * 1_000_000).rounded() / 1_000_000 }
}
