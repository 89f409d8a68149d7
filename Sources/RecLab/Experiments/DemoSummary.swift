import Foundation

/// A demo run over several seeds, reduced to mean and spread per model, setting and metric, and
/// to how many seeds each finding held on. This is what `kb demo all --seeds N` prints.
public struct DemoSummary: Sendable {
    public struct Row: Sendable {
        public let name: String
        public let setting: Setting
        public let parameters: Int
        public let metrics: [Spread]
    }

    /// Mean and sample standard deviation of one metric over seeds.
    public struct Spread: Sendable, Equatable {
        public let key: String
        public let mean: Double
        public let sd: Double
    }

    /// A claim and on how many of the seeds it held (`of` is 1 for an across-seeds finding).
    public struct Tally: Sendable {
        public let claim: String
        public let held: Int
        public let of: Int
        public let measured: String
    }

    public let demo: String
    public let seeds: [UInt64]
    public let rows: [Row]
    public let findings: [Tally]
    public let seconds: Double

    public init(kind: DemoKind, reports: [DemoReport]) {
        demo = kind.rawValue
        seeds = reports.map(\.seed)
        seconds = reports.reduce(0) { $0 + $1.seconds }
        var rows: [Row] = []
        for run in reports.first?.runs ?? [] {
            let matching = reports.compactMap { $0.run(run.name, run.setting) }
            let spreads = run.metrics.map { metric in
                DemoSummary.spread(metric.key, matching.compactMap { $0[metric.key] })
            }
            rows.append(Row(name: run.name, setting: run.setting, parameters: run.parameters, metrics: spreads))
        }
        self.rows = rows
        var tallies: [Tally] = []
        for (k, finding) in (reports.first?.findings ?? []).enumerated() {
            let outcomes = reports.compactMap { $0.findings.indices.contains(k) ? $0.findings[k] : nil }
            tallies.append(
                Tally(
                    claim: finding.claim, held: outcomes.filter(\.holds).count, of: outcomes.count,
                    measured: outcomes.map(\.measured).joined(separator: "; ")))
        }
        for finding in kind.findings(across: reports) {
            tallies.append(Tally(claim: finding.claim, held: finding.holds ? 1 : 0, of: 1, measured: finding.measured))
        }
        findings = tallies
    }

    static func spread(_ key: String, _ values: [Double]) -> Spread {
        guard !values.isEmpty else { return Spread(key: key, mean: 0, sd: 0) }
        let mean = values.reduce(0, +) / Double(values.count)
        guard values.count > 1 else { return Spread(key: key, mean: mean, sd: 0) }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        return Spread(key: key, mean: mean, sd: variance.squareRoot())
    }
}
