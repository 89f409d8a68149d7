import RecLab

/// Renders one demo run for a person: data, models, learning curves, results table with the
/// baseline and the reference result, the checked findings and two sentences of meaning.
struct DemoRenderer {
    let terminal: Terminal
    let entry: DemoCatalog

    func render(_ report: DemoReport) -> String {
        var lines: [String] = []
        lines.append(terminal.bold("\(entry.title)") + terminal.dim("  (seed \(report.seed))"))
        lines.append(terminal.dim(entry.paper))
        lines.append("")
        lines.append(terminal.bold("Data"))
        lines += DemoText.data(report).map { "  " + $0 }
        lines.append("")
        lines.append(terminal.bold("Models"))
        let nameWidth = max(14, report.runs.map(\.name.count).max() ?? 0)
        for model in entry.models {
            guard let run = report.runs.first(where: { $0.name == model.name }) else { continue }
            let params = run.parameters > 0 ? "\(DemoText.grouped(run.parameters)) params" : "untrained"
            lines.append(
                "  \(terminal.cyan(Self.pad(model.name, nameWidth)))\(Self.pad(params, 15))  \(model.description)")
        }
        lines.append("")
        lines += curves(report, nameWidth: nameWidth)
        lines.append("")
        lines += table(report, nameWidth: nameWidth)
        lines.append("  " + terminal.dim("reference: \(entry.reference)"))
        lines.append("")
        lines.append(terminal.bold("Findings"))
        let across = entry.kind.findings(across: [report])
        for finding in report.findings + across {
            let mark = finding.holds ? terminal.green("✓") : terminal.red("✗")
            lines.append("  \(mark) \(finding.claim) \(terminal.dim("(\(finding.measured))"))")
        }
        if !across.isEmpty {
            lines.append(
                "  " + terminal.dim("(the issue checks the last one on the mean over 3 seeds: kb demo all --seeds 3)"))
        }
        lines.append("")
        lines.append(terminal.bold("What it shows"))
        lines.append("  " + DemoText.meaning(report, note: entry.note))
        lines.append("")
        let models = report.runs.filter { $0.parameters > 0 }.count
        lines.append(terminal.dim("trained \(models) models in \(DemoText.number(report.seconds, 1)) s"))
        return lines.joined(separator: "\n")
    }

    /// One line of blocks per trained model, all on one scale.
    private func curves(_ report: DemoReport, nameWidth: Int) -> [String] {
        let trained = report.runs.filter { !$0.curve.isEmpty }
        let metric = report.data.contains(DataFact("task", .text("regression"))) ? "test RMSE" : entry.curveMetric
        let direction = entry.lowerIsBetter ? "lower is better" : "higher is better"
        let chart = DemoChart(curves: trained.map(\.curve))
        let scale = chart.logarithmic ? "one log scale" : "one scale"
        var lines = [
            terminal.bold("Learning curves") + terminal.dim("  (\(metric) after each epoch, \(scale); \(direction))")
        ]
        let settingWidth = trained.map { DemoText.setting($0.setting).count }.max() ?? 0
        for run in trained {
            let first = run.curve.first ?? 0
            let last = run.curve.last ?? 0
            let setting = settingWidth > 0 ? Self.pad(DemoText.setting(run.setting), settingWidth) : ""
            let label = Self.pad(run.name, nameWidth) + setting
            lines.append(
                "  \(terminal.cyan(label))  \(terminal.yellow(chart.line(run.curve)))  "
                    + "\(DemoText.number(first, 3)) → \(DemoText.number(last, 3))")
        }
        return lines
    }

    /// The results table: one row per model and setting, metrics as columns.
    private func table(_ report: DemoReport, nameWidth: Int) -> [String] {
        let keys = report.runs.first?.metrics.map(\.key) ?? []
        let settingWidth = max(7, report.runs.map { DemoText.setting($0.setting).count }.max() ?? 0)
        let widths = keys.map { max($0.count, 8) }
        var header =
            "  " + Self.pad("model", nameWidth) + Self.pad("setting", settingWidth) + "  " + Self.leftPad("params", 8)
        for (key, width) in zip(keys, widths) { header += "  " + Self.leftPad(key, width) }
        var lines = [terminal.bold("Results") + terminal.dim("  (test set)"), terminal.bold(header)]
        for run in report.runs {
            var row =
                "  " + Self.pad(run.name, nameWidth) + Self.pad(DemoText.setting(run.setting), settingWidth) + "  "
            row += Self.leftPad(run.parameters > 0 ? DemoText.grouped(run.parameters) : "-", 8)
            for (key, width) in zip(keys, widths) {
                row += "  " + Self.leftPad(run[key].map { DemoText.number($0, 4) } ?? "-", width)
            }
            lines.append(run.parameters > 0 ? row : terminal.dim(row))
        }
        return lines
    }
}

extension DemoRenderer {
    /// `text` padded with spaces on the right to `width` (plus one space of gap).
    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count) + 1)
    }

    /// `text` right-aligned in `width`.
    static func leftPad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
