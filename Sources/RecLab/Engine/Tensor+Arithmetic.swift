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

    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.broadcasting(rhs, .add) }

    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.broadcasting(rhs, .subtract) }

    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.broadcasting(rhs, .multiply) }

    /// `self * factor` for a constant factor.
    public func scaled(by factor: Float) -> Tensor {
        Tensor(value.map { $0 * factor }, parents: [self]) { out in
            guard let g = out.grad else { return }
            self.accumulate(g.map { $0 * factor })
        }
    }

    enum BinaryOp { case add, subtract, multiply }

    /// An elementwise binary op where `rhs` may broadcast over rows, columns or both. The op is
    /// switched on outside the loops so each inner loop is a plain multiply-add.
    func broadcasting(_ rhs: Tensor, _ op: BinaryOp) -> Tensor {
        let a = value
        let b = rhs.value
        precondition(
            (b.rows == a.rows || b.rows == 1) && (b.cols == a.cols || b.cols == 1),
            "broadcast: \(a.rows)x\(a.cols) with \(b.rows)x\(b.cols)")
        let rowStride = b.rows == 1 ? 0 : b.cols
        let colStride = b.cols == 1 ? 0 : 1
        let (rows, cols) = (a.rows, a.cols)
        var out = Matrix(rows: rows, cols: cols)
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                out.storage.withUnsafeMutableBufferPointer { po in
                    for r in 0..<rows {
                        let rowA = r * cols
                        let rowB = r * rowStride
                        switch op {
                        case .add: for c in 0..<cols { po[rowA + c] = pa[rowA + c] + pb[rowB + c * colStride] }
                        case .subtract: for c in 0..<cols { po[rowA + c] = pa[rowA + c] - pb[rowB + c * colStride] }
                        case .multiply: for c in 0..<cols { po[rowA + c] = pa[rowA + c] * pb[rowB + c * colStride] }
                        }
                    }
                }
            }
        }
        return Tensor(out, parents: [self, rhs]) { node in
            guard let g = node.grad else { return }
            if self.requiresGrad { self.accumulate(op == .multiply ? Tensor.product(g, b, rowStride, colStride) : g) }
            guard rhs.requiresGrad else { return }
            // d rhs = Σ over broadcast positions of g (times ±1, or times a for multiply).
            var gb = Matrix(rows: b.rows, cols: b.cols)
            let sign: Float = op == .subtract ? -1 : 1
            g.storage.withUnsafeBufferPointer { pg in
                a.storage.withUnsafeBufferPointer { pa in
                    gb.storage.withUnsafeMutableBufferPointer { qb in
                        for r in 0..<rows {
                            let rowA = r * cols
                            let rowB = r * rowStride
                            if op == .multiply {
                                for c in 0..<cols { qb[rowB + c * colStride] += pg[rowA + c] * pa[rowA + c] }
                            } else {
                                for c in 0..<cols { qb[rowB + c * colStride] += sign * pg[rowA + c] }
                            }
                        }
                    }
                }
            }
            rhs.accumulate(gb)
        }
    }

    /// `g ⊙ broadcast(b)`, the left gradient of a product.
    private static func product(_ g: Matrix, _ b: Matrix, _ rowStride: Int, _ colStride: Int) -> Matrix {
        var out = Matrix(rows: g.rows, cols: g.cols)
        let cols = g.cols
        g.storage.withUnsafeBufferPointer { pg in
            b.storage.withUnsafeBufferPointer { pb in
                out.storage.withUnsafeMutableBufferPointer { po in
                    for r in 0..<g.rows {
                        let row = r * cols
                        let rowB = r * rowStride
                        for c in 0..<cols { po[row + c] = pg[row + c] * pb[rowB + c * colStride] }
                    }
                }
            }
        }
        return out
    }
}
