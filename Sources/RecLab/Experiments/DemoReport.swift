/// Everything one run of a demo produced: the data it drew, each model's run, and whether the
/// paper's finding held.
public struct DemoReport: Sendable {
    public let demo: String
    public let seed: UInt64
    /// Facts about the data, in display order (sizes, dimensions, settings).
    public let data: [DataFact]
    public let runs: [ModelRun]
    /// The per-seed "must show" checks.
    public let findings: [Finding]
    public let seconds: Double

    public init(demo: String, seed: UInt64, data: [DataFact], runs: [ModelRun], findings: [Finding], seconds: Double) {
        self.demo = demo
        self.seed = seed
        self.data = data
        self.runs = runs
        self.findings = findings
        self.seconds = seconds
    }

    /// The run of model `name` in `setting`, if there is one.
    public func run(_ name: String, _ setting: Setting = .none) -> ModelRun? {
        runs.first { $0.name == name && $0.setting == setting }
    }

    /// Training examples processed by every model together.
    public var examples: Int { runs.reduce(0) { $0 + $1.examples } }
}

/// A claim from the paper checked on this run, with the measured numbers behind the verdict.
public struct Finding: Sendable, Equatable {
    public let claim: String
    public let holds: Bool
    /// The margin or numbers that decided it, e.g. "ratio 1.62".
    public let measured: String

    public init(_ claim: String, holds: Bool, measured: String) {
        self.claim = claim
        self.holds = holds
        self.measured = measured
    }
}

/// One fact about a demo's data.
public struct DataFact: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case integer(Int)
        case number(Double)
        case numbers([Double])
        case text(String)
    }

    public let key: String
    public let value: Value

    public init(_ key: String, _ value: Value) {
        self.key = key
        self.value = value
    }
}

/// `x` with `digits` decimals and a point as separator whatever the locale.
func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
