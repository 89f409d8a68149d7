/// The original DCN cross network (Wang et al., ADKDD 2017, eq. 3) with a linear readout.
///
/// Each layer adds x0 · (x_l · w) + b to x_l: the cross weight is a vector, so a layer can only
/// add one rank-one quadratic form. Two layers (81 parameters) show why V2's matrix was needed.
public struct CrossNetworkV1: Scorer {
    public let weights: [Tensor]
    public let biases: [Tensor]
    public let readout: Linear

    public init(inputs: Int = 16, layers: Int = 2, rng: inout SplitMix64) {
        let bound = 1 / Double(inputs).squareRoot()
        var weights: [Tensor] = []
        var biases: [Tensor] = []
        for _ in 0..<layers {
            weights.append(rng.uniformParameter(rows: inputs, cols: 1, bound: bound))
            biases.append(rng.uniformParameter(rows: 1, cols: inputs, bound: bound))
        }
        self.weights = weights
        self.biases = biases
        readout = Linear(inputs, 1, rng: &rng)
    }

    public func callAsFunction(_ x0: Tensor) -> Tensor {
        var x = x0
        for (w, b) in zip(weights, biases) { x = x0 * x.matmul(w) + b + x }
        return readout(x)
    }

    public var parameters: [Tensor] { weights + biases + readout.parameters }
}
