import Foundation

/// The seeded random generator behind every demo: data, initialisation and shuffling.
///
/// SplitMix64 (Steele, Lea and Flood, 2014) is 64 bits of state and a few lines of arithmetic, so
/// the same seed gives the same numbers on every platform and Swift version. The float, normal and
/// index helpers are ours for the same reason: the standard library's `random(in:using:)`
/// transforms are not promised to stay the same across releases.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * unit()
    }

    /// Standard normal by Box-Muller (one of the pair, so each call costs two uniforms).
    public mutating func normal(mean: Double = 0, sd: Double = 1) -> Double {
        let u1 = 1 - unit()  // (0, 1], so the log is finite
        let u2 = unit()
        return mean + sd * (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// Uniform in 0..<bound (Lemire's multiply-high; the bias is below 2^-50 for our bounds).
    public mutating func index(below bound: Int) -> Int {
        precondition(bound > 0, "index(below:) needs a positive bound")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A Fisher-Yates shuffle with this generator.
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, index(below: i + 1))
        }
    }

    /// Standard Gumbel noise, for sampling without replacement by top-k of perturbed logits.
    public mutating func gumbel() -> Double {
        let u = (Double(next() >> 11) + 0.5) * 0x1.0p-53  // strictly inside (0, 1)
        return -Foundation.log(-Foundation.log(u))
    }
}
