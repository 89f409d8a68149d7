import RecLab
import Testing

/// The two-tower demo's "must show" on a reduced catalogue (1,000 users, 500 items), which keeps
/// the popularity skew and the batch size and so keeps the sampling bias the demo is about.
@Suite("Demo: two-tower with and without logQ", .serialized)
struct RetrievalDemoTests {
    static func reducedConfig() -> RetrievalExperiment.Config {
        var config = RetrievalExperiment.Config()
        config.userCount = 1_000
        config.itemCount = 500
        return config
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func findingsHold(seed: UInt64) {
        let report = RetrievalExperiment.run(seed: seed, config: Self.reducedConfig())
        #expect(report.findings.count == 4)
        for finding in report.findings {
            #expect(finding.holds, "seed \(seed): \(finding.claim) (\(finding.measured))")
        }
    }

    @Test func oracleBeatsEveryModel() throws {
        let report = RetrievalExperiment.run(seed: 1, config: Self.reducedConfig())
        let oracle = try #require(report.run("oracle")?["recall10"])
        for run in report.runs where run.name != "oracle" {
            #expect((run["recall10"] ?? 1) < oracle, "\(run.name)")
        }
    }

    @Test func dataHasTheSpecifiedShape() {
        let data = RetrievalData(userCount: 100, itemCount: 200, seed: 4)
        #expect(data.trainPairs.count == 100 * 18)
        #expect(data.heldOut.allSatisfy { $0.count == 2 })
        #expect(
            zip(data.heldOut, data.trainItems).allSatisfy { held, train in held.allSatisfy { !train.contains($0) } })
        #expect(data.itemCounts.reduce(0, +) == data.trainPairs.count)
    }
}
