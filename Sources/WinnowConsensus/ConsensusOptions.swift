/// The aggregation methods.
public enum ConsensusMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// Majority vote: posterior = vote fractions. See ``MajorityVote``.
    case majorityVote = "mv"
    /// Dawid–Skene: a full confusion matrix per labeler, fitted by EM. See ``DawidSkene``.
    case dawidSkene = "ds"
    /// One-coin Dawid–Skene: one accuracy per labeler, errors spread evenly. See ``OneCoinDawidSkene``.
    case oneCoin = "onecoin"
    /// GLAD: labeler ability × item easiness (Whitehill et al. 2009). See ``GLAD``.
    case glad
}

/// When an EM fit stops.
public enum StoppingRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// Stop when the observed-data log-likelihood changes by less than `tolerance` per label between two
    /// iterations (a quantity EM never decreases without smoothing), or after `maxIterations`.
    case logLikelihood = "loglik"
    /// crowd-kit 1.4.2's `DawidSkene` rule, reproduced exactly for comparison (Dawid–Skene only): after each
    /// iteration compute crowd-kit's `ELBO / rows` and stop as soon as it rose by less than `tolerance`,
    /// *including when it fell*. That quantity is not monotone under EM, so this rule can stop after 2–3
    /// iterations. In this mode smoothing is replaced by crowd-kit's clipping at 1e-10, exactly as it does.
    case crowdKit = "crowdkit"
}

/// How labels are aggregated.
public struct ConsensusOptions: Sendable, Hashable, Codable {
    public var method: ConsensusMethod
    /// The most EM iterations (Dawid–Skene, one-coin, GLAD).
    public var maxIterations: Int
    /// See ``StoppingRule``.
    public var tolerance: Double
    public var stopping: StoppingRule
    /// A Dirichlet pseudo-count added to every confusion-matrix cell and every class of the prior in the
    /// M-step (a MAP estimate), so that a labeler's unseen (class, label) pairs are not impossible.
    public var smoothing: Double
    /// Fix the posterior of items with a gold label to that label in every step, so that labelers'
    /// estimates are anchored on the control items.
    public var anchorGold: Bool
    /// Labeler flags: how many standard errors above chance a labeler's estimated accuracy must be not to
    /// be flagged a spammer, and below 1/K to be flagged adversarial. See ``LabelerReport``.
    public var flagZ: Double
    /// GLAD: damped Newton steps per M-step.
    public var mStepIterations: Int

    public init(
        method: ConsensusMethod = .dawidSkene, maxIterations: Int = 100, tolerance: Double = 1e-5,
        stopping: StoppingRule = .logLikelihood, smoothing: Double = 0.01, anchorGold: Bool = true, flagZ: Double = 2,
        mStepIterations: Int = 10
    ) {
        self.method = method
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.stopping = stopping
        self.smoothing = smoothing
        self.anchorGold = anchorGold
        self.flagZ = flagZ
        self.mStepIterations = mStepIterations
    }

    /// A message naming the first bad setting, or nil.
    public var problem: String? {
        if maxIterations < 1 { return "maxIterations \(maxIterations) must be at least 1" }
        if !tolerance.isFinite && tolerance != -.infinity { return "tolerance must be finite (or -infinity to run every iteration)" }
        if !(smoothing >= 0) || !smoothing.isFinite { return "smoothing \(smoothing) must be a finite number >= 0" }
        if !(flagZ >= 0) || !flagZ.isFinite { return "flagZ \(flagZ) must be a finite number >= 0" }
        if mStepIterations < 1 { return "mStepIterations \(mStepIterations) must be at least 1" }
        if stopping == .crowdKit && method != .dawidSkene { return "the crowdkit stopping rule applies to Dawid-Skene only" }
        return nil
    }
}
