/// The "must show" of the two-tower demo, checked on one seed.
extension RetrievalExperiment {
    public static let popularityMultiple = 2.0
    public static let correctionGain = 0.15
    public static let tailShareFloor = 0.4

    public static func findings(_ report: DemoReport) -> [Finding] {
        let corrected = report.run("two-tower", .logQ(true))
        let plain = report.run("two-tower", .logQ(false))
        var found: [Finding] = []
        if let recall = corrected?["recall10"], let popular = report.run("popularity")?["recall10"] {
            found.append(
                Finding(
                    "with logQ, recall@10 at least \(fixed(popularityMultiple, 0))x popularity",
                    holds: recall >= popularityMultiple * popular,
                    measured: "\(fixed(recall, 3)) vs \(fixed(popular, 3)) (\(fixed(recall / max(popular, 1e-9), 2))x)")
            )
        }
        if let recall = corrected?["recall10"], let plainRecall = plain?["recall10"] {
            found.append(
                Finding(
                    "with logQ, recall@10 at least \(fixed(correctionGain, 2)) above without",
                    holds: recall - plainRecall >= correctionGain, measured: "+\(fixed(recall - plainRecall, 3))"))
        }
        if let share = plain?["tailShare"] {
            found.append(
                Finding(
                    "without logQ, at least \(fixed(tailShareFloor * 100, 0))% of recommended slots are tail items",
                    holds: share >= tailShareFloor, measured: "\(fixed(share * 100, 1))%"))
        }
        if let plainTail = plain?["tailRecall10"], let tail = corrected?["tailRecall10"] {
            found.append(
                Finding(
                    "without logQ, tail recall@10 higher than with logQ", holds: plainTail > tail,
                    measured: "\(fixed(plainTail, 3)) vs \(fixed(tail, 3))"))
        }
        return found
    }
}
