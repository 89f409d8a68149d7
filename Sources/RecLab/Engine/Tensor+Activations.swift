import Foundation

/// Elementwise nonlinearities and the row-wise softmax family.
///
/// Softmax and log-softmax subtract the row maximum before exponentiating so that large logits
/// (an in-batch softmax over 128 items, say) never overflow.
extension Tensor {
    /// An elementwise op; `derivative(x, y)` gives dy/dx from the input x and the output y.
    func elementwise(_ forward: (Float) -> Float, derivative: @escaping (Float, Float) -> Float) -> Tensor {
        let x = value
        let y = x.map(forward)
        return Tensor(y, parents: [self]) { out in
            guard let g = out.grad else { return }
            var dx = Matrix(rows: x.rows, cols: x.cols)
            for i in 0..<x.count { dx.storage[i] = g.storage[i] * derivative(x.storage[i], y.storage[i]) }
            self.accumulate(dx)
        }
    }

    public func relu() -> Tensor {
        elementwise({ max($0, 0) }, derivative: { x, _ in x > 0 ? 1 : 0 })
    }

    public func sigmoid() -> Tensor {
        elementwise({ Tensor.sigmoid($0) }, derivative: { _, y in y * (1 - y) })
    }

    public func exp() -> Tensor {
        elementwise({ Foundation.exp($0) }, derivative: { _, y in y })
    }

    /// Natural log; inputs must be positive.
    public func log() -> Tensor {
        elementwise({ Foundation.log($0) }, derivative: { x, _ in 1 / x })
    }

    public func squared() -> Tensor {
        elementwise({ $0 * $0 }, derivative: { x, _ in 2 * x })
    }

    /// A numerically stable logistic function.
    static func sigmoid(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
        let e = Foundation.exp(x)
        return e / (1 + e)
    }

    /// Softmax over each row.
    public func softmax() -> Tensor {
        let y = Tensor.rowLogSoftmax(value).map { Foundation.exp($0) }
        return Tensor(y, parents: [self]) { out in
            guard let g = out.grad else { return }
            // dx = y * (g - sum_j g_j y_j), row by row.
            var dx = Matrix(rows: y.rows, cols: y.cols)
            for r in 0..<y.rows {
                var dot: Float = 0
                for c in 0..<y.cols { dot += g[r, c] * y[r, c] }
                for c in 0..<y.cols { dx[r, c] = y[r, c] * (g[r, c] - dot) }
            }
            self.accumulate(dx)
        }
    }

    /// Log-softmax over each row.
    public func logSoftmax() -> Tensor {
        let y = Tensor.rowLogSoftmax(value)
        return Tensor(y, parents: [self]) { out in
            guard let g = out.grad else { return }
            // dx = g - softmax * sum_j g_j, row by row.
            var dx = Matrix(rows: y.rows, cols: y.cols)
            for r in 0..<y.rows {
                var total: Float = 0
                for c in 0..<y.cols { total += g[r, c] }
                for c in 0..<y.cols { dx[r, c] = g[r, c] - Foundation.exp(y[r, c]) * total }
            }
            self.accumulate(dx)
        }
    }

    /// `x - logsumexp(x)` per row, computed around the row maximum.
    static func rowLogSoftmax(_ x: Matrix) -> Matrix {
        var y = Matrix(rows: x.rows, cols: x.cols)
        for r in 0..<x.rows {
            var top = -Float.infinity
            for c in 0..<x.cols { top = max(top, x[r, c]) }
            var total: Float = 0
            for c in 0..<x.cols { total += Foundation.exp(x[r, c] - top) }
            let logTotal = top + Foundation.log(total)
            for c in 0..<x.cols { y[r, c] = x[r, c] - logTotal }
        }
        return y
    }
}
