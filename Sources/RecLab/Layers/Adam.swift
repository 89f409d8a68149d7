/// Adam (Kingma and Ba, 2015, algorithm 1) with bias correction, updating every parameter every
/// step, as the conventions ask (a parameter with no gradient this step, such as an
/// embedding row outside the batch, still moves on its momentum).
public struct Adam {
    public let learningRate: Float
    public let beta1: Float = 0.9
    public let beta2: Float = 0.999
    public let epsilon: Float = 1e-8
    private let parameters: [Tensor]
    private var firstMoments: [[Float]]
    private var secondMoments: [[Float]]
    private var stepCount = 0

    public init(_ parameters: [Tensor], learningRate: Float) {
        self.parameters = parameters
        self.learningRate = learningRate
        firstMoments = parameters.map { [Float](repeating: 0, count: $0.value.count) }
        secondMoments = firstMoments
    }

    /// Applies one update from the current gradients, then clears them.
    public mutating func step() {
        stepCount += 1
        let correction1 = 1 - Float(Double(beta1).power(stepCount))
        let correction2 = 1 - Float(Double(beta2).power(stepCount))
        let rate = learningRate / correction1
        let (b1, b2, eps) = (beta1, beta2, epsilon)
        for (k, parameter) in parameters.enumerated() {
            let count = parameter.value.count
            let grad = parameter.grad?.storage ?? [Float](repeating: 0, count: count)
            firstMoments[k].withUnsafeMutableBufferPointer { m in
                secondMoments[k].withUnsafeMutableBufferPointer { v in
                    parameter.value.storage.withUnsafeMutableBufferPointer { w in
                        for i in 0..<count {
                            let g = grad[i]
                            m[i] = b1 * m[i] + (1 - b1) * g
                            v[i] = b2 * v[i] + (1 - b2) * g * g
                            w[i] -= rate * m[i] / ((v[i] / correction2).squareRoot() + eps)
                        }
                    }
                }
            }
            parameter.zeroGrad()
        }
    }
}

extension Double {
    /// `self` to an integer power by repeated squaring.
    func power(_ exponent: Int) -> Double {
        var result = 1.0, base = self, e = exponent
        while e > 0 {
            if e & 1 == 1 { result *= base }
            base *= base
            e >>= 1
        }
        return result
    }
}
