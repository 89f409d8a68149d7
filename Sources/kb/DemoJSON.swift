import RecLab

/// `kb demo NAME --json` in the shape DESIGN.md 2 fixes: `{demo, seed, data, models: [{name,
/// setting, params, metrics}], seconds}`, plus `curve` per model and `findings` (added fields).
struct DemoJSON: Encodable {
    struct Model: Encodable {
        let name: String
        let setting: SettingJSON
        let params: Int
        let metrics: [String: Double]
        let curve: [Double]
    }

    struct FindingJSON: Encodable {
        let claim: String
        let holds: Bool
        let measured: String
    }

    let demo: String
    let seed: UInt64
    let data: [String: FactJSON]
    let models: [Model]
    let findings: [FindingJSON]
    let seconds: Double

    init(_ report: DemoReport) {
        demo = report.demo
        seed = report.seed
        data = Dictionary(report.data.map { ($0.key, FactJSON($0.value)) }, uniquingKeysWith: { first, _ in first })
        models = report.runs.map { run in
            Model(
                name: run.name, setting: SettingJSON(run.setting), params: run.parameters,
                metrics: Dictionary(run.metrics.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first }),
                curve: run.curve)
        }
        findings = report.findings.map { FindingJSON(claim: $0.claim, holds: $0.holds, measured: $0.measured) }
        seconds = (report.seconds * 1000).rounded() / 1000
    }
}

/// `kb demo all --seeds N --json`: `{seeds, demos: [{demo, models: [{name, setting, params,
/// metrics: {key: {mean, sd}}}], findings: [{claim, held, of}], seconds}]}`.
struct DemoSummaryJSON: Encodable {
    struct Spread: Encodable {
        let mean: Double
        let sd: Double
    }

    struct Model: Encodable {
        let name: String
        let setting: SettingJSON
        let params: Int
        let metrics: [String: Spread]
    }

    struct Tally: Encodable {
        let claim: String
        let held: Int
        let of: Int
    }

    struct Demo: Encodable {
        let demo: String
        let models: [Model]
        let findings: [Tally]
        let seconds: Double
    }

    let seeds: [UInt64]
    let demos: [Demo]

    init(_ summaries: [DemoSummary]) {
        seeds = summaries.first?.seeds ?? []
        demos = summaries.map { summary in
            Demo(
                demo: summary.demo,
                models: summary.rows.map { row in
                    Model(
                        name: row.name, setting: SettingJSON(row.setting), params: row.parameters,
                        metrics: Dictionary(
                            row.metrics.map { ($0.key, Spread(mean: $0.mean, sd: $0.sd)) },
                            uniquingKeysWith: { first, _ in first }))
                },
                findings: summary.findings.map { Tally(claim: $0.claim, held: $0.held, of: $0.of) },
                seconds: (summary.seconds * 1000).rounded() / 1000)
        }
    }
}

/// A setting as a JSON object: `{}`, `{"p": 0.5}` or `{"logq": true}`.
struct SettingJSON: Encodable {
    let p: Double?
    let logq: Bool?

    init(_ setting: Setting) {
        switch setting {
        case .none: (p, logq) = (nil, nil)
        case .correlation(let value): (p, logq) = (value, nil)
        case .logQ(let value): (p, logq) = (nil, value)
        }
    }
}

/// A data fact as a plain JSON value.
struct FactJSON: Encodable {
    let value: DataFact.Value

    init(_ value: DataFact.Value) { self.value = value }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch value {
        case .integer(let number): try container.encode(number)
        case .number(let number): try container.encode(number)
        case .numbers(let numbers): try container.encode(numbers)
        case .text(let text): try container.encode(text)
        }
    }
}
