import RecLab

/// Renders `kb demo all --seeds N`: per demo, each metric as mean ± sd over the seeds, and on how
/// many seeds each finding held.
struct DemoSummaryRenderer {
    let terminal: Terminal

    func render(_ summary: DemoSummary) -> String {
        let entry = DemoCatalog.entry(DemoKind(rawValue: summary.demo) ?? .mmoe)
        let seeds = summary.seeds.map(String.init).joined(separator: ", ")
        var lines = [terminal.bold(entry.title) + terminal.dim("  (seeds \(seeds); mean ± sd)")]
        let keys = summary.rows.first?.metrics.map(\.key) ?? []
        let nameWidth = max(14, summary.rows.map(\.name.count).max() ?? 0)
        let settingWidth = max(7, summary.rows.map { DemoText.setting($0.setting).count }.max() ?? 0)
        let widths = keys.map { max($0.count, 15) }
        var header = "  " + DemoRenderer.pad("model", nameWidth) + DemoRenderer.pad("setting", settingWidth)
        for (key, width) in zip(keys, widths) { header += "  " + DemoRenderer.leftPad(key, width) }
        lines.append(terminal.bold(header))
        for row in summary.rows {
            var line = "  " + DemoRenderer.pad(row.name, nameWidth)
            line += DemoRenderer.pad(DemoText.setting(row.setting), settingWidth)
            for (spread, width) in zip(row.metrics, widths) {
                let cell = "\(DemoText.number(spread.mean, 4)) ± \(DemoText.number(spread.sd, 4))"
                line += "  " + DemoRenderer.leftPad(cell, width)
            }
            lines.append(line)
        }
        lines.append("  " + terminal.dim("reference: \(entry.reference)"))
        for tally in summary.findings {
            let all = tally.held == tally.of
            let mark = all ? terminal.green("✓") : terminal.red("✗")
            let count = tally.of == 1 ? (all ? "holds" : "does not hold") : "held on \(tally.held)/\(tally.of) seeds"
            lines.append("  \(mark) \(tally.claim): \(count)")
        }
        lines.append(terminal.dim("  \(DemoText.number(summary.seconds, 1)) s; backs \(entry.note)"))
        return lines.joined(separator: "\n")
    }
}
