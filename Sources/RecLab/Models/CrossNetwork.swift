/// DCN-V2's cross network (Wang et al., WWW 2021, eq. 1) with a linear readout.
///
/// One cross layer computes x1 = x0 ⊙ (W x0 + b) + x0, so the readout w · x1 is a full quadratic
/// form Σ w_i W_ij x_i x_j plus a linear term: exactly the shape of the demo's true logit, with the
/// same 289 parameters as a 16-16-1 MLP that has to approximate products with ReLU pieces.
public struct CrossNetwork: Scorer {
    public let crosses: [Linear]
    public let readout: Linear

    public init(inputs: Int = 16, layers: Int = 1, rng: inout SplitMix64) {
        var crosses: [Linear] = []
        for _ in 0..<layers { crosses.append(Linear(inputs, inputs, rng: &rng)) }
        self.crosses = crosses
        readout = Linear(inputs, 1, rng: &rng)
    }

    public func callAsFunction(_ x0: Tensor) -> Tensor {
        var x = x0
        for cross in crosses { x = x0 * cross(x) + x }
        return readout(x)
    }

    public var parameters: [Tensor] { crosses.flatMap(\.parameters) + [readout.weight, readout.bias] }
}

/// A model that maps a batch of inputs to one score column (a logit, or a value in regression).
public protocol Scorer: Module {
    func callAsFunction(_ x: Tensor) -> Tensor
}

extension Linear: Scorer {}
extension MLP: Scorer {}
