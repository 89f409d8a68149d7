/// An affine layer `x · W + b`, with W stored input-major (in × out) so the forward pass is a
/// plain product and the bias broadcasts over the batch rows.
///
/// Weights and biases start ~ U(±1/√fan_in), PyTorch's default for `nn.Linear`, which is what
/// the reference numbers were produced with.
public struct Linear: Module {
    public let weight: Tensor
    public let bias: Tensor

    public init(_ inputs: Int, _ outputs: Int, rng: inout SplitMix64) {
        let bound = 1 / Double(inputs).squareRoot()
        weight = rng.uniformParameter(rows: inputs, cols: outputs, bound: bound)
        bias = rng.uniformParameter(rows: 1, cols: outputs, bound: bound)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        x.matmul(weight) + bias
    }

    public var parameters: [Tensor] { [weight, bias] }
}
