internal import WinnowCore

/// Runs an aggregation method on ``LabelData``.
///
///     let data = try LabelReader(classes: LabelSet(["bad", "good"])).read(["labels.csv"]) { print($0.error) }
///     let result = try ConsensusEngine.run(data, options: ConsensusOptions(method: .dawidSkene))
///
/// Deterministic: the same data and options give bit-identical results (every loop runs in the order of the
/// sorted item and labeler ids, and ties go to the class declared first).
public enum ConsensusEngine {
    public static func run(_ data: LabelData, options: ConsensusOptions) throws -> ConsensusResult {
        if let problem = options.problem { throw WinnowError(.invalidArgument, problem, scope: .run) }
        try data.classes.validate()
        let fit: ModelFit
        if data.itemCount == 0 {
            fit = ModelFit(posteriors: [], priors: Array(repeating: 1 / Double(data.classCount), count: data.classCount), iterations: 0, converged: true)
        } else {
            switch options.method {
            case .majorityVote: fit = MajorityVote.fit(data, anchorGold: options.anchorGold)
            case .dawidSkene: fit = DawidSkene.fit(data, options: options)
            case .oneCoin: fit = OneCoinDawidSkene.fit(data, options: options)
            case .glad: fit = GLAD.fit(data, options: options)
            }
        }
        let labels = argmaxLabels(fit.posteriors, classes: data.classCount)
        let labelers = LabelerReport.reports(data, posteriors: fit.posteriors, labels: labels, priors: fit.priors, z: options.flagZ)
        return ConsensusResult(
            options: options, classes: data.classes, items: data.items, posteriors: fit.posteriors, labels: labels,
            priors: fit.priors, iterations: fit.iterations, converged: fit.converged, labelers: labelers)
    }
}
