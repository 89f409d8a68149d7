import Foundation
import RecLab

/// The prose of a demo: what the data is and what the numbers mean, built from the run so every
/// figure quoted is one the user just produced.
enum DemoText {
    /// One or two lines describing the data.
    static func data(_ report: DemoReport) -> [String] {
        let facts = Dictionary(report.data.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        func integer(_ key: String) -> String {
            if case .integer(let value)? = facts[key] { return grouped(value) }
            return "?"
        }
        switch DemoKind(rawValue: report.demo) {
        case .mmoe:
            var settings = ""
            if case .numbers(let ps)? = facts["correlations"] {
                settings = ps.map { number($0, 1) }.joined(separator: ", ")
            }
            return [
                "\(integer("train")) train / \(integer("test")) test, x ~ N(0, I_16); two regression tasks "
                    + "y_k = w_k.x + sum_i sin(a_i w_k.x + b_i) + noise (sd 0.1)",
                "task correlation p = cos(w_1, w_2) in {\(settings)}; the same x for every p",
            ]
        case .dcn:
            var task = "y ~ Bernoulli(sigmoid(z))"
            if case .text("regression")? = facts["task"] { task = "y = z (regression)" }
            return [
                "\(integer("train")) train / \(integer("test")) test, x ~ U[-1, 1]^16; "
                    + "z = \(integer("crossPairs")) pairwise crosses (sd 3) + a linear part; \(task)"
            ]
        case .twoTower:
            var head = ""
            if case .number(let share)? = facts["headItemShareOfTraining"] {
                head = "; the top 10% of items get \(number(share * 100, 0))% of interactions"
            }
            return [
                "\(integer("users")) users x \(integer("items")) items, true preference softmax(a_ui + b_i) with "
                    + "Zipf-like popularity b_i",
                "each user draws 20 items, 2 held out: \(integer("trainPairs")) training pairs\(head)",
            ]
        case nil:
            return []
        }
    }

    /// Two sentences: what the run shows, and which note explains it.
    static func meaning(_ report: DemoReport, note: String) -> String {
        var see = "\(note) explains the mechanism."
        if report.findings.contains(where: { !$0.holds }) && report.demo != DemoKind.mmoe.rawValue {
            see = "Not every finding held on this seed (✗ above), so compare with other seeds; \(see)"
        }
        switch DemoKind(rawValue: report.demo) {
        case .mmoe:
            guard let run = report.run("mmoe", .correlation(0.5)), let mmoe = run["mse"],
                let shared = report.run("shared-bottom", .correlation(0.5))?["mse"]
            else { return "Compare the models at each task correlation p. \(see)" }
            if mmoe >= shared {
                let task1 = run["mseTask1"] ?? 0, task2 = run["mseTask2"] ?? 0
                let stalled = max(task1, task2) > 5 * min(task1, task2)
                let cause =
                    stalled
                    ? "its task errors, \(number(task1, 3)) and \(number(task2, 3)), are the sign of a small ReLU tower "
                        + "that stopped learning, a failure of training rather than of the architecture"
                    : "with this few epochs or this seed the models have not separated"
                return "On this seed MMoE does not beat the shared bottom at p = 0.5 (test MSE \(number(mmoe, 3)) "
                    + "against \(number(shared, 3))): \(cause). \(see) Try another --seed to see the usual result."
            }
            return "At p = 0.5 MMoE reaches test MSE \(number(mmoe, 3)) against \(number(shared, 3)) for the shared "
                + "bottom (ratio \(number(shared / mmoe, 2))): per-task gates let tasks that disagree use different "
                + "experts, while a shared bottom must serve both with one representation. \(see)"
        case .dcn:
            if let rmse = report.run("dcn-v2")?["rmse"], let mlp = report.run("mlp")?["rmse"] {
                return "DCN-V2 recovers z almost exactly (RMSE \(number(rmse, 3))) while the equal-size MLP stays at "
                    + "RMSE \(number(mlp, 3)): one cross layer represents every pairwise product, ReLU units only "
                    + "approximate them. \(see)"
            }
            guard let cross = report.run("dcn-v2")?["logLoss"], let mlp = report.run("mlp")?["logLoss"],
                let bayes = report.run("bayes")?["logLoss"], let linear = report.run("lr")?["auc"]
            else { return "Compare each model with the Bayes row. \(see)" }
            return "DCN-V2 ends \(number(cross - bayes, 3)) above the Bayes log loss while the MLP with the same 289 "
                + "parameters is \(number(mlp - bayes, 3)) above it and logistic regression barely ranks (AUC "
                + "\(number(linear, 3))): one cross layer represents every pairwise product exactly. \(see)"
        case .twoTower:
            guard let corrected = report.run("two-tower", .logQ(true))?["recall10"],
                let plain = report.run("two-tower", .logQ(false)),
                let plainRecall = plain["recall10"], let tail = plain["tailShare"]
            else { return "Compare recall@10 by popularity segment. \(see)" }
            return
                "With logQ the model finds \(number(corrected * 100, 1))% of held-out items in its top 10; without it "
                + "\(number(plainRecall * 100, 1))%, with \(number(tail * 100, 0))% of its slots on tail items, because "
                + "in-batch negatives over-sample popular items and the plain softmax learns to push them down. \(see)"
        case nil:
            return see
        }
    }

    /// `x` with `digits` decimals, a point as separator whatever the locale.
    static func number(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }

    /// An integer with thousands separators: 20,000.
    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (k, ch) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }

    /// A setting as a short label: `p=0.5`, `logQ`, `no logQ`, or empty.
    static func setting(_ setting: Setting) -> String {
        switch setting {
        case .none: ""
        case .correlation(let p): "p=\(number(p, 1))"
        case .logQ(let on): on ? "logQ" : "no logQ"
        }
    }
}
