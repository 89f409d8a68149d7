/// Matrix product and elementwise arithmetic with broadcasting.
///
/// Broadcasting is the small NumPy subset the models need: the right operand may have the same
/// shape as the left, one row (a bias), one column (a per-example weight such as a gate), or be
/// 1×1. Backward sums the gradient over the broadcast dimension, which is what makes a bias
/// gradient the column sum of the output gradient.
extension Tensor {
    /// `self · other`.
    public func matmul(_ other: Tensor) -> Tensor {
        Tensor(MatrixProduct.multiply(value, other.value), parents: [self, other]) { out in
            guard let g = out.grad else { return }
            if self.requiresGrad { self.accumulate(MatrixProduct.multiplyTransposed(g, other.value)) }
            if other.requiresGrad { other.accumulate(MatrixProduct.transposedMultiply(self.value, g)) }
        }
    }

    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor {
        lhs.broadcasting(rhs, forward: +, dLeft: { _, _ in 1 }, dRight: { _, _ in 1 })
    }

    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor {
        lhs.broadcasting(rhs, forward: -, dLeft: { _, _ in 1 }, dRight: { _, _ in -1 })
    }

    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor {
        lhs.broadcasting(rhs, forward: *, dLeft: { _, y in y }, dRight: { x, _ in x })
    }

    /// `self * factor` for a constant factor.
    public func scaled(by factor: Float) -> Tensor {
        Tensor(value.map { $0 * factor }, parents: [self]) { out in
            guard let g = out.grad else { return }
            self.accumulate(g.map { $0 * factor })
        }
    }

    /// An elementwise binary op where `rhs` may broadcast over rows, columns or both.
    /// `dLeft(x, y)` and `dRight(x, y)` are the partial derivatives at the entry pair (x, y).
    func broadcasting(
        _ rhs: Tensor,
        forward: (Float, Float) -> Float,
        dLeft: @escaping (Float, Float) -> Float,
        dRight: @escaping (Float, Float) -> Float
    ) -> Tensor {
        let a = value, b = rhs.value
        precondition(
            (b.rows == a.rows || b.rows == 1) && (b.cols == a.cols || b.cols == 1),
            "broadcast: \(a.rows)x\(a.cols) with \(b.rows)x\(b.cols)")
        let rowStride = b.rows == 1 ? 0 : b.cols
        let colStride = b.cols == 1 ? 0 : 1
        var out = Matrix(rows: a.rows, cols: a.cols)
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                out.storage.withUnsafeMutableBufferPointer { po in
                    for r in 0..<a.rows {
                        let rowA = r * a.cols, rowB = r * rowStride
                        for c in 0..<a.cols { po[rowA + c] = forward(pa[rowA + c], pb[rowB + c * colStride]) }
                    }
                }
            }
        }
        return Tensor(out, parents: [self, rhs]) { node in
            guard let g = node.grad else { return }
            var ga = Matrix(rows: a.rows, cols: a.cols)
            var gb = Matrix(rows: b.rows, cols: b.cols)
            a.storage.withUnsafeBufferPointer { pa in
                b.storage.withUnsafeBufferPointer { pb in
                    g.storage.withUnsafeBufferPointer { pg in
                        ga.storage.withUnsafeMutableBufferPointer { qa in
                            gb.storage.withUnsafeMutableBufferPointer { qb in
                                for r in 0..<a.rows {
                                    let rowA = r * a.cols, rowB = r * rowStride
                                    for c in 0..<a.cols {
                                        let x = pa[rowA + c], y = pb[rowB + c * colStride], d = pg[rowA + c]
                                        qa[rowA + c] = d * dLeft(x, y)
                                        qb[rowB + c * colStride] += d * dRight(x, y)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if self.requiresGrad { self.accumulate(ga) }
            if rhs.requiresGrad { rhs.accumulate(gb) }
        }
    }
}
