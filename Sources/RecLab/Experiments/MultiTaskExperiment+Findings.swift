/// The "must show" of the multi-task demo, checked on one seed or averaged over several.
extension MultiTaskExperiment {
    /// Largest test MSE any model may have.
    public static let errorCeiling = 0.2

    /// Per seed: MMoE beats the shared bottom at p = 0.5, and every model fits below the ceiling.
    public static func findings(_ report: DemoReport) -> [Finding] {
        var found: [Finding] = []
        if let mmoe = report.run("mmoe", .correlation(0.5))?["mse"],
            let shared = report.run("shared-bottom", .correlation(0.5))?["mse"]
        {
            found.append(
                Finding(
                    "MMoE has lower test MSE than shared-bottom at p = 0.5", holds: mmoe < shared,
                    measured: "shared-bottom/MMoE \(format(shared / mmoe))"))
        }
        let worst = report.runs.compactMap { $0["mse"] }.max() ?? 0
        found.append(
            Finding(
                "every model below \(format(errorCeiling)) test MSE", holds: worst < errorCeiling,
                measured: "worst \(format(worst))"))
        return found
    }

    /// Over seeds: the OMoE−MMoE gap, averaged, is larger at p = 0.5 than at p = 1.
    public static func findings(across reports: [DemoReport]) -> [Finding] {
        func meanGap(_ p: Double) -> Double? {
            let gaps = reports.compactMap { report -> Double? in
                guard let omoe = report.run("omoe", .correlation(p))?["mse"],
                    let mmoe = report.run("mmoe", .correlation(p))?["mse"]
                else { return nil }
                return omoe - mmoe
            }
            return gaps.isEmpty ? nil : gaps.reduce(0, +) / Double(gaps.count)
        }
        guard let apart = meanGap(0.5), let same = meanGap(1.0) else { return [] }
        return [
            Finding(
                "mean OMoE−MMoE gap larger at p = 0.5 than at p = 1 (\(reports.count) seed\(reports.count == 1 ? "" : "s"))",
                holds: apart > same,
                measured: "gap \(format(apart)) at p = 0.5, \(format(same)) at p = 1")
        ]
    }

    static func format(_ x: Double) -> String { fixed(x, 3) }
}
