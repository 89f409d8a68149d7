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
        let x = value
        var y = x
        y.storage.withUnsafeMutableBufferPointer { p in
            for i in 0..<p.count where p[i] < 0 { p[i] = 0 }
        }
        return Tensor(y, parents: [self]) { out in
            guard var g = out.grad else { return }
            x.storage.withUnsafeBufferPointer { px in
                g.storage.withUnsafeMutableBufferPointer { pg in
                    for i in 0..<pg.count where !(px[i] > 0) { pg[i] = 0 }
                }
            }
            self.accumulate(g)
        }
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
        let y = Tensor.rowLogSoftmax(value).probabilities
        return Tensor(y, parents: [self]) { out in
            guard let g = out.grad else { return }
            // dx = y * (g - sum_j g_j y_j), row by row.
            var dx = Matrix(rows: y.rows, cols: y.cols)
            let cols = y.cols
            y.storage.withUnsafeBufferPointer { py in
                g.storage.withUnsafeBufferPointer { pg in
                    dx.storage.withUnsafeMutableBufferPointer { pd in
                        for r in 0..<y.rows {
                            let row = r * cols
                            var dot: Float = 0
                            for c in 0..<cols { dot += pg[row + c] * py[row + c] }
                            for c in 0..<cols { pd[row + c] = py[row + c] * (pg[row + c] - dot) }
                        }
                    }
                }
            }
            self.accumulate(dx)
        }
    }

    /// Log-softmax over each row.
    public func logSoftmax() -> Tensor {
        let (y, p) = Tensor.rowLogSoftmax(value)
        return Tensor(y, parents: [self]) { out in
            guard let g = out.grad else { return }
            // dx = g - softmax * sum_j g_j, row by row.
            var dx = Matrix(rows: y.rows, cols: y.cols)
            let cols = y.cols
            p.storage.withUnsafeBufferPointer { pp in
                g.storage.withUnsafeBufferPointer { pg in
                    dx.storage.withUnsafeMutableBufferPointer { pd in
                        for r in 0..<y.rows {
                            let row = r * cols
                            var total: Float = 0
                            for c in 0..<cols { total += pg[row + c] }
                            for c in 0..<cols { pd[row + c] = pg[row + c] - pp[row + c] * total }
                        }
                    }
                }
            }
            self.accumulate(dx)
        }
    }

    /// `x - logsumexp(x)` per row, computed around the row maximum, and the softmax itself (kept
    /// so backward passes need no second round of exponentials).
    static func rowLogSoftmax(_ x: Matrix) -> (logProbabilities: Matrix, probabilities: Matrix) {
        var y = Matrix(rows: x.rows, cols: x.cols)
        var p = Matrix(rows: x.rows, cols: x.cols)
        let cols = x.cols
        x.storage.withUnsafeBufferPointer { px in
            y.storage.withUnsafeMutableBufferPointer { py in
                p.storage.withUnsafeMutableBufferPointer { pp in
                    for r in 0..<x.rows {
                        let row = r * cols
                        var top = -Float.infinity
                        for c in 0..<cols { top = max(top, px[row + c]) }
                        var total: Float = 0
                        for c in 0..<cols {
                            let e = Foundation.exp(px[row + c] - top)
                            pp[row + c] = e
                            total += e
                        }
                        let logTotal = top + Foundation.log(total)
                        let inverse = 1 / total
                        for c in 0..<cols {
                            py[row + c] = px[row + c] - logTotal
                            pp[row + c] *= inverse
                        }
                    }
                }
            }
        }
        return (y, p)
    }
}
