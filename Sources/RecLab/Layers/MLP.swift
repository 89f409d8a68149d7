/// A stack of Linear layers with ReLU between them (none after the last).
///
/// `MLP([16, 16, 1])` is the DCN demo's baseline; `MLP([16, 8, 1])` is an MMoE task tower.
public struct MLP: Module {
    public let layers: [Linear]

    /// `sizes` lists the widths from input to output; at least two entries. With `hiddenBias`,
    /// the biases of the ReLU layers start at that constant instead of U(±1/√fan_in) (the random
    /// draws still happen, so every other parameter is the same as without it).
    public init(_ sizes: [Int], hiddenBias: Float? = nil, rng: inout SplitMix64) {
        precondition(sizes.count >= 2, "MLP needs an input and an output width")
        var layers: [Linear] = []
        for (inputs, outputs) in zip(sizes, sizes.dropFirst()) {
            layers.append(Linear(inputs, outputs, rng: &rng))
        }
        if let hiddenBias {
            for layer in layers.dropLast() {
                layer.bias.value = Matrix(rows: 1, cols: layer.bias.cols, repeating: hiddenBias)
            }
        }
        self.layers = layers
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        var h = x
        for (k, layer) in layers.enumerated() {
            h = layer(h)
            if k < layers.count - 1 { h = h.relu() }
        }
        return h
    }

    public var parameters: [Tensor] { layers.flatMap(\.parameters) }
}
