import RecLab
import Testing

@Suite("Models: parameter counts and shapes")
struct ModelTests {
    @Test func multiTaskModelsHaveTheIssuesSizes() {
        var rng = SplitMix64(seed: 1)
        #expect(MixtureOfExperts(rng: &rng).parameterCount == 2_738)
        #expect(MixtureOfExperts(sharedGate: true, rng: &rng).parameterCount == 2_602)
        #expect(SharedBottom(rng: &rng).parameterCount == 2_740)
    }

    @Test func crossModelsHaveTheIssuesSizes() {
        var rng = SplitMix64(seed: 1)
        #expect(MLP([16, 16, 1], rng: &rng).parameterCount == 289)
        #expect(CrossNetwork(rng: &rng).parameterCount == 289)
        #expect(Linear(16, 1, rng: &rng).parameterCount == 17)
        #expect(CrossNetworkV1(rng: &rng).parameterCount == 81)
    }

    @Test func twoTowerHasOneVectorPerUserAndItem() {
        var rng = SplitMix64(seed: 1)
        #expect(TwoTower(userCount: 2_000, itemCount: 1_000, rng: &rng).parameterCount == 48_000)
    }

    @Test func mixtureOfExpertsPredictsOneColumnPerTask() {
        var rng = SplitMix64(seed: 1)
        let outputs = MixtureOfExperts(rng: &rng).predict(Tensor(Matrix(rows: 5, cols: 16, repeating: 0.5)))
        #expect(outputs.count == 2)
        #expect(outputs.allSatisfy { $0.rows == 5 && $0.cols == 1 })
    }

    @Test func linearInitialisationStaysInsideItsBound() {
        var rng = SplitMix64(seed: 2)
        let layer = Linear(64, 8, rng: &rng)
        let bound: Float = 1 / 8
        #expect(layer.parameters.allSatisfy { $0.value.storage.allSatisfy { abs($0) <= bound } })
    }
}
