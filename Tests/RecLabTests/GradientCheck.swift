import RecLab

/// Compares the autodiff gradient of an op with central finite differences.
///
/// The op's output is reduced to a scalar with fixed random weights R (so every output entry
/// matters and none cancel), L = Σ out ⊙ R. The numeric side sums in `Double`, which keeps the
/// rounding of the Float forward pass well below the step's truncation error.
enum GradientCheck {
    struct Mismatch: CustomStringConvertible {
        let input: Int, entry: Int, analytic: Double, numeric: Double
        var description: String { "input \(input) entry \(entry): autodiff \(analytic), finite difference \(numeric)" }
    }

    /// Worst relative error over every entry of every input, and the first mismatches for a message.
    static func check(
        _ inputs: [Matrix], step: Float = 1e-2, tolerance: Double = 3e-3, seed: UInt64 = 7,
        _ op: ([Tensor]) -> Tensor
    ) -> [Mismatch] {
        let tensors = inputs.map { Tensor($0, requiresGrad: true) }
        let probe = op(tensors)
        var rng = SplitMix64(seed: seed)
        let weights = Matrix(rows: probe.rows, cols: probe.cols) { _, _ in Float(rng.uniform(-1, 1)) }
        (probe * Tensor(weights)).sum().backward()

        func loss(_ values: [Matrix]) -> Double {
            let out = op(values.map { Tensor($0) }).value
            var total = 0.0
            for i in 0..<out.count { total += Double(out.storage[i]) * Double(weights.storage[i]) }
            return total
        }
        var mismatches: [Mismatch] = []
        for (k, tensor) in tensors.enumerated() {
            let analytic = tensor.grad ?? Matrix(rows: tensor.rows, cols: tensor.cols)
            for i in 0..<inputs[k].count {
                var up = inputs
                var down = inputs
                up[k].storage[i] += step
                down[k].storage[i] -= step
                let h = Double(up[k].storage[i]) - Double(down[k].storage[i])
                let numeric = (loss(up) - loss(down)) / h
                let exact = Double(analytic.storage[i])
                if abs(numeric - exact) > tolerance * max(1, abs(numeric)) {
                    mismatches.append(Mismatch(input: k, entry: i, analytic: exact, numeric: numeric))
                }
            }
        }
        return mismatches
    }

    /// A matrix of uniform entries in [low, high), reproducible from `seed`.
    static func random(_ rows: Int, _ cols: Int, _ low: Double = -1, _ high: Double = 1, seed: UInt64) -> Matrix {
        var rng = SplitMix64(seed: seed)
        return Matrix(rows: rows, cols: cols) { _, _ in Float(rng.uniform(low, high)) }
    }

    /// Like `random`, but every entry at least `gap` away from 0 (for ReLU's kink).
    static func awayFromZero(_ rows: Int, _ cols: Int, gap: Double = 0.1, seed: UInt64) -> Matrix {
        var rng = SplitMix64(seed: seed)
        return Matrix(rows: rows, cols: cols) { _, _ in
            Float((rng.unit() < 0.5 ? -1 : 1) * rng.uniform(gap, 1))
        }
    }
}
