import Foundation

/// A click-through task driven by explicit pairwise feature crosses, the setting DCN was built
/// for (Wang et al., ADKDD 2017, eq. 3; Wang et al., WWW 2021, eq. 1).
///
/// The logit is z = Σ w_ij x_i x_j (24 random pairs, scaled to sd 3) + a · x. The cross part is
/// standardised analytically: each x_i x_j has mean 0 and variance 1/9 under U[−1, 1], so the
/// scale is 3 / √(Σ w² / 9) and the true function does not depend on the sample drawn.
public struct CrossFeatureData: Sendable {
    public let trainInputs: Matrix
    /// One column: 0/1 labels, or z itself with `regression`.
    public let trainTargets: Matrix
    public let testInputs: Matrix
    public let testTargets: Matrix
    /// The true logit z of each test example (the Bayes-optimal score).
    public let testLogits: [Float]
    public let pairs: [(Int, Int)]

    public static let dimension = 16
    public static let pairCount = 24
    public static let crossSD = 3.0

    public init(trainCount: Int, testCount: Int, regression: Bool, seed: UInt64) {
        let d = CrossFeatureData.dimension
        var rng = SplitMix64(seed: seed)
        var allPairs: [(Int, Int)] = []
        for i in 0..<d { for j in (i + 1)..<d { allPairs.append((i, j)) } }
        rng.shuffle(&allPairs)
        let pairs = allPairs.prefix(CrossFeatureData.pairCount).sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        let weights = pairs.map { _ in (rng.unit() < 0.5 ? -1.0 : 1.0) * rng.uniform(0.5, 1) }
        let linear = (0..<d).map { _ in rng.normal(sd: 0.25) }
        let crossScale = CrossFeatureData.crossSD / (weights.reduce(0) { $0 + $1 * $1 } / 9).squareRoot()

        let n = trainCount + testCount
        var inputs = Matrix(rows: n, cols: d)
        var targets = Matrix(rows: n, cols: 1)
        var logits = [Float](repeating: 0, count: n)
        for r in 0..<n {
            let x = (0..<d).map { _ in rng.uniform(-1, 1) }
            for c in 0..<d { inputs[r, c] = Float(x[c]) }
            var cross = 0.0
            for (w, (i, j)) in zip(weights, pairs) { cross += w * x[i] * x[j] }
            let z = crossScale * cross + zip(linear, x).reduce(0) { $0 + $1.0 * $1.1 }
            logits[r] = Float(z)
            let clickProbability = 1 / (1 + Foundation.exp(-z))
            let label: Double = rng.unit() < clickProbability ? 1 : 0
            targets[r, 0] = Float(regression ? z : label)
        }
        self.pairs = Array(pairs)
        let trainRows = Array(0..<trainCount)
        let testRows = Array(trainCount..<n)
        trainInputs = inputs.rows(trainRows)
        trainTargets = targets.rows(trainRows)
        testInputs = inputs.rows(testRows)
        testTargets = targets.rows(testRows)
        testLogits = Array(logits[trainCount...])
    }
}
