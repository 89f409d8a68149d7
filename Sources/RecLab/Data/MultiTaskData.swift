import Foundation

/// Two regression tasks whose correlation is a dial: the synthetic data of Ma et al., "Modeling
/// Task Relationships in Multi-task Learning with Multi-gate Mixture-of-Experts" (KDD 2018, §3.2).
///
/// Each task is a fixed nonlinear function of its own direction w_k · x; the cosine between the two
/// directions is the correlation p. Inputs, directions and noise are drawn in the same order for
/// every p, so only the relationship between the tasks changes between settings.
public struct MultiTaskData: Sendable {
    public let correlation: Double
    public let trainInputs: Matrix
    /// One column per task.
    public let trainTargets: Matrix
    public let testInputs: Matrix
    public let testTargets: Matrix

    public static let dimension = 16
    public static let scale = 0.5
    public static let noiseSD = 0.1
    static let alphas: [Double] = [1, 2, 3, 4, 5]
    static let betas: [Double] = [0, 1, 4, 9, 16]

    public init(correlation p: Double, trainCount: Int, testCount: Int, seed: UInt64) {
        let d = MultiTaskData.dimension
        var rng = SplitMix64(seed: seed)
        let (u1, u2) = MultiTaskData.orthonormalPair(dimension: d, rng: &rng)
        let c = MultiTaskData.scale
        let w1 = u1.map { c * $0 }
        let w2 = zip(u1, u2).map { c * (p * $0 + (1 - p * p).squareRoot() * $1) }
        let n = trainCount + testCount
        var inputs = Matrix(rows: n, cols: d)
        for i in 0..<inputs.count { inputs.storage[i] = Float(rng.normal()) }
        var targets = Matrix(rows: n, cols: 2)
        for r in 0..<n {
            let x = (0..<d).map { Double(inputs[r, $0]) }
            for (k, w) in [w1, w2].enumerated() {
                let projection = zip(w, x).reduce(0) { $0 + $1.0 * $1.1 }
                var y = projection
                for (alpha, beta) in zip(MultiTaskData.alphas, MultiTaskData.betas) {
                    y += Foundation.sin(alpha * projection + beta)
                }
                targets[r, k] = Float(y + rng.normal(sd: MultiTaskData.noiseSD))
            }
        }
        correlation = p
        let trainRows = Array(0..<trainCount)
        let testRows = Array(trainCount..<n)
        trainInputs = inputs.rows(trainRows)
        trainTargets = targets.rows(trainRows)
        testInputs = inputs.rows(testRows)
        testTargets = targets.rows(testRows)
    }

    /// Two orthonormal vectors: Gram-Schmidt on a pair of Gaussian vectors.
    static func orthonormalPair(dimension d: Int, rng: inout SplitMix64) -> ([Double], [Double]) {
        let a = (0..<d).map { _ in rng.normal() }
        let b = (0..<d).map { _ in rng.normal() }
        let norm: ([Double]) -> Double = { v in v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let u1 = a.map { $0 / norm(a) }
        let along = zip(b, u1).reduce(0) { $0 + $1.0 * $1.1 }
        let rest = zip(b, u1).map { $0 - along * $1 }
        let u2 = rest.map { $0 / norm(rest) }
        return (u1, u2)
    }
}
