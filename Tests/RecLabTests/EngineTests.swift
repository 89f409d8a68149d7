import RecLab
import Testing

@Suite("Engine: products, generator, optimiser")
struct EngineTests {
    /// The textbook triple loop, in Double.
    func naiveProduct(_ a: Matrix, _ b: Matrix) -> [Double] {
        var out = [Double](repeating: 0, count: a.rows * b.cols)
        for i in 0..<a.rows {
            for j in 0..<b.cols {
                for p in 0..<a.cols { out[i * b.cols + j] += Double(a[i, p]) * Double(b[p, j]) }
            }
        }
        return out
    }

    @Test(arguments: [(1, 1, 1), (4, 8, 8), (7, 5, 11), (13, 3, 17), (256, 64, 64)])
    func productMatchesTripleLoop(m: Int, k: Int, n: Int) {
        let a = GradientCheck.random(m, k, seed: 1)
        let b = GradientCheck.random(k, n, seed: 2)
        let expected = naiveProduct(a, b)
        let variants = [
            MatrixProduct.multiply(a, b),
            MatrixProduct.multiplyTransposed(a, b.transposed()),
            MatrixProduct.transposedMultiply(a.transposed(), b),
        ]
        for product in variants {
            let worst = zip(product.storage, expected).map { abs(Double($0) - $1) }.max() ?? 0
            #expect(worst < 1e-4)
        }
    }

    @Test func splitMixMatchesReferenceOutput() {
        // First output of SplitMix64 seeded with 0, from the reference C implementation.
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
    }

    @Test func sameSeedSameStream() {
        var a = SplitMix64(seed: 42)
        var b = SplitMix64(seed: 42)
        #expect((0..<100).map { _ in a.normal() } == (0..<100).map { _ in b.normal() })
    }

    @Test func normalHasUnitMoments() {
        var rng = SplitMix64(seed: 3)
        let draws = (0..<50_000).map { _ in rng.normal() }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count)
        #expect(abs(mean) < 0.02)
        #expect(abs(variance - 1) < 0.03)
    }

    @Test func shuffleIsAPermutation() {
        var rng = SplitMix64(seed: 5)
        var items = Array(0..<100)
        rng.shuffle(&items)
        #expect(items != Array(0..<100))
        #expect(items.sorted() == Array(0..<100))
    }

    @Test func adamMinimisesAQuadratic() {
        let x = Tensor(Matrix(rows: 1, cols: 3, [5, -3, 2]), requiresGrad: true)
        let target = Matrix(rows: 1, cols: 3, [1, 2, 3])
        var adam = Adam([x], learningRate: 0.1)
        for _ in 0..<500 {
            x.meanSquaredError(target).backward()
            adam.step()
        }
        #expect(zip(x.value.storage, target.storage).allSatisfy { abs($0 - $1) < 1e-2 })
        #expect(x.grad == nil)
    }

    /// XOR is not linearly separable: a hidden layer is necessary and, with Adam, sufficient.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func mlpLearnsXOR(seed: UInt64) {
        let inputs = Matrix(rows: 4, cols: 2, [0, 0, 0, 1, 1, 0, 1, 1])
        let labels = Matrix(rows: 4, cols: 1, [0, 1, 1, 0])
        var rng = SplitMix64(seed: seed)
        let model = MLP([2, 8, 1], rng: &rng)
        var adam = Adam(model.parameters, learningRate: 0.05)
        for _ in 0..<1_000 {
            model(Tensor(inputs)).binaryCrossEntropy(labels: labels).backward()
            adam.step()
        }
        let predictions = model(Tensor(inputs)).value.storage.map { $0 > 0 ? Float(1) : 0 }
        #expect(predictions == labels.storage)
    }
}
