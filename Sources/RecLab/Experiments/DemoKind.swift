/// The three demos by name, and one way to run any of them, so the CLI and the benchmark share
/// a single dispatch and cannot drift apart.
public enum DemoKind: String, CaseIterable, Sendable {
    case mmoe
    case dcn
    case twoTower = "two-tower"

    /// Adjustments a user can make from the command line; nil means the default.
    public struct Options: Sendable {
        public var epochs: Int?
        public var correlations: [Double]?
        public var regression = false
        public var logQ: Bool?

        public init(epochs: Int? = nil, correlations: [Double]? = nil, regression: Bool = false, logQ: Bool? = nil) {
            self.epochs = epochs
            self.correlations = correlations
            self.regression = regression
            self.logQ = logQ
        }
    }

    /// Trains every model of the demo on seed `seed`.
    public func run(seed: UInt64, options: Options = Options(), progress: (TrainingProgress) -> Void = { _ in })
        -> DemoReport
    {
        switch self {
        case .mmoe:
            var config = MultiTaskExperiment.Config()
            if let epochs = options.epochs { config.epochs = epochs }
            if let correlations = options.correlations { config.correlations = correlations }
            return MultiTaskExperiment.run(seed: seed, config: config, progress: progress)
        case .dcn:
            var config = CrossExperiment.Config()
            if let epochs = options.epochs { config.epochs = epochs }
            config.regression = options.regression
            return CrossExperiment.run(seed: seed, config: config, progress: progress)
        case .twoTower:
            var config = RetrievalExperiment.Config()
            if let epochs = options.epochs { config.epochs = epochs }
            if let logQ = options.logQ { config.logQ = [logQ] }
            return RetrievalExperiment.run(seed: seed, config: config, progress: progress)
        }
    }

    /// Findings that only make sense over several seeds (the MMoE gate gap); empty for the others.
    public func findings(across reports: [DemoReport]) -> [Finding] {
        self == .mmoe ? MultiTaskExperiment.findings(across: reports) : []
    }

    /// The default number of epochs, for progress and help text.
    public var defaultEpochs: Int {
        switch self {
        case .mmoe: MultiTaskExperiment.Config().epochs
        case .dcn: CrossExperiment.Config().epochs
        case .twoTower: RetrievalExperiment.Config().epochs
        }
    }
}
