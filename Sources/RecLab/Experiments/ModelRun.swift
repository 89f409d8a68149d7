/// One trained model (or baseline) in one setting: what it scored, how it got there, what it cost.
///
/// Plain values only, so the CLI can render a table, a learning curve or JSON from the same thing
/// and a test can assert on it without training twice.
public struct ModelRun: Sendable {
    /// Stable identifier used in JSON (`mmoe`, `dcn-v2`, `popularity`, ...).
    public let name: String
    public let setting: Setting
    /// Trainable parameters; 0 for baselines that are not trained.
    public let parameters: Int
    /// Test metrics in display order.
    public let metrics: [Metric]
    /// The headline test metric after each epoch (empty for baselines).
    public let curve: [Double]
    /// Mean training loss per epoch (empty for baselines).
    public let trainLoss: [Double]
    /// Wall time spent training and evaluating this model.
    public let seconds: Double
    /// Training examples processed (epochs × training set size).
    public let examples: Int

    public init(
        name: String, setting: Setting = .none, parameters: Int = 0, metrics: [Metric], curve: [Double] = [],
        trainLoss: [Double] = [], seconds: Double = 0, examples: Int = 0
    ) {
        self.name = name
        self.setting = setting
        self.parameters = parameters
        self.metrics = metrics
        self.curve = curve
        self.trainLoss = trainLoss
        self.seconds = seconds
        self.examples = examples
    }

    /// The value of metric `key`, if this run has it.
    public subscript(_ key: String) -> Double? {
        metrics.first { $0.key == key }?.value
    }
}

/// A named test metric.
public struct Metric: Sendable, Equatable {
    public let key: String
    public let value: Double

    public init(_ key: String, _ value: Double) {
        self.key = key
        self.value = value
    }
}

/// The experimental condition a run belongs to.
public enum Setting: Sendable, Equatable, Hashable {
    case none
    /// Task correlation p in the multi-task demo.
    case correlation(Double)
    /// Whether the two-tower model subtracted log q.
    case logQ(Bool)
}
