/// A lookup table of learned vectors, one row per id.
///
/// Rows start ~ N(0, sd²); the two-tower demo uses sd 0.1 so initial dot products are small and
/// the first in-batch softmax is close to uniform.
public struct Embedding: Module {
    public let table: Tensor

    public init(count: Int, dimension: Int, sd: Double, rng: inout SplitMix64) {
        table = rng.normalParameter(rows: count, cols: dimension, sd: sd)
    }

    /// The vectors for `ids`, one row each.
    public func callAsFunction(_ ids: [Int]) -> Tensor {
        table.gather(ids)
    }

    public var parameters: [Tensor] { [table] }
}
