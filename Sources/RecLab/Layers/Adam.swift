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
            grad.withUnsafeBufferPointer { g in
                firstMoments[k].withUnsafeMutableBufferPointer { m in
                    secondMoments[k].withUnsafeMutableBufferPointer { v in
                        parameter.value.storage.withUnsafeMutableBufferPointer { w in
                            guard let g = g.baseAddress, let m = m.baseAddress, let v = v.baseAddress,
                                let w = w.baseAddress
                            else { return }
                            Adam.update(
                                g, m, v, w, count: count, rate: rate, beta1: b1, beta2: b2, correction2: correction2,
                                epsilon: eps)
                        }
                    }
                }
            }
            parameter.zeroGrad()
        }
    }

    /// The elementwise update, eight lanes at a time (the scalar loop does not vectorise because
    /// of the square root), then a scalar tail.
    @inline(__always)
    private static func update(
        _ g: UnsafePointer<Float>, _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>,
        _ w: UnsafeMutablePointer<Float>, count: Int, rate: Float, beta1: Float, beta2: Float, correction2: Float,
        epsilon: Float
    ) {
        typealias Lanes = SIMD8<Float>
        let scale2 = 1 / correction2
        var i = 0
        while i + 8 <= count {
            let gi = UnsafeRawPointer(g + i).loadUnaligned(as: Lanes.self)
            let mi = beta1 * UnsafeRawPointer(m + i).loadUnaligned(as: Lanes.self) + (1 - beta1) * gi
            let vi = beta2 * UnsafeRawPointer(v + i).loadUnaligned(as: Lanes.self) + (1 - beta2) * gi * gi
            let wi = UnsafeRawPointer(w + i).loadUnaligned(as: Lanes.self)
            UnsafeMutableRawPointer(m + i).storeBytes(of: mi, as: Lanes.self)
            UnsafeMutableRawPointer(v + i).storeBytes(of: vi, as: Lanes.self)
            let step = rate * mi / ((vi * scale2).squareRoot() + epsilon)
            UnsafeMutableRawPointer(w + i).storeBytes(of: wi - step, as: Lanes.self)
            i += 8
        }
        while i < count {
            let gi = g[i]
            let mi = beta1 * m[i] + (1 - beta1) * gi
            let vi = beta2 * v[i] + (1 - beta2) * gi * gi
            m[i] = mi
            v[i] = vi
            w[i] -= rate * mi / ((vi * scale2).squareRoot() + epsilon)
            i += 1
        }
    }
}

extension Double {
    /// `self` to an integer power by repeated squaring.
    func power(_ exponent: Int) -> Double {
        var result = 1.0
        var base = self
        var e = exponent
        while e > 0 {
            if e & 1 == 1 { result *= base }
            base *= base
            e >>= 1
        }
        return result
    }
}
