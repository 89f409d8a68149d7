/// Anything with trainable parameters: layers and whole models.
///
/// One requirement keeps the optimiser and the parameter counts generic: a model lists its
/// tensors, Adam updates exactly those, and `parameterCount` is what the tests pin (2,738 for MMoE).
public protocol Module {
    /// Every trainable tensor, in a fixed order.
    var parameters: [Tensor] { get }
}

extension Module {
    /// The number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
}

extension SplitMix64 {
    /// A `rows × cols` parameter with entries ~ U(−bound, bound).
    mutating func uniformParameter(rows: Int, cols: Int, bound: Double) -> Tensor {
        let m = Matrix(rows: rows, cols: cols) { _, _ in Float(self.uniform(-bound, bound)) }
        return Tensor(m, requiresGrad: true)
    }

    /// A `rows × cols` parameter with entries ~ N(0, sd²).
    mutating func normalParameter(rows: Int, cols: Int, sd: Double) -> Tensor {
        let m = Matrix(rows: rows, cols: cols) { _, _ in Float(self.normal(sd: sd)) }
        return Tensor(m, requiresGrad: true)
    }
}
