import Foundation

/// The three training losses, each returning a 1×1 mean over the batch.
///
/// Binary cross-entropy takes logits rather than probabilities and is fused into one op with the
/// textbook gradient sigmoid(z) − y, which stays exact where a separate sigmoid and log would
/// saturate.
extension Tensor {
    /// Mean squared error against `target` (same shape), averaged over every entry.
    public func meanSquaredError(_ target: Matrix) -> Tensor {
        (self - Tensor(target)).squared().mean()
    }

    /// Mean binary cross-entropy of logits `self` (one column) against 0/1 labels.
    public func binaryCrossEntropy(labels: Matrix) -> Tensor {
        let z = value
        precondition(z.rows == labels.rows && z.cols == labels.cols, "binaryCrossEntropy: shapes")
        let n = Float(max(z.count, 1))
        var total = 0.0
        for i in 0..<z.count {
            total += Double(Tensor.softplus(z.storage[i]) - labels.storage[i] * z.storage[i])
        }
        return Tensor(Matrix(rows: 1, cols: 1, [Float(total) / n]), parents: [self]) { out in
            guard let g = out.grad else { return }
            let scale = g.storage[0] / n
            var dz = Matrix(rows: z.rows, cols: z.cols)
            for i in 0..<z.count { dz.storage[i] = scale * (Tensor.sigmoid(z.storage[i]) - labels.storage[i]) }
            self.accumulate(dz)
        }
    }

    /// Mean softmax cross-entropy of the logit rows of `self` against the class index per row.
    public func crossEntropy(classes: [Int]) -> Tensor {
        logSoftmax().pick(classes).mean().scaled(by: -1)
    }

    /// log(1 + e^x) without overflow.
    static func softplus(_ x: Float) -> Float {
        max(x, 0) + Foundation.log1p(Foundation.exp(-abs(x)))
    }
}
