import RecLab
import Testing

/// Every op's backward pass against central finite differences.
@Suite("Gradients match finite differences")
struct GradientTests {
    typealias G = GradientCheck

    @Test func matmul() {
        #expect(G.check([G.random(5, 4, seed: 1), G.random(4, 3, seed: 2)]) { $0[0].matmul($0[1]) }.isEmpty)
    }

    @Test(arguments: [(5, 4), (1, 4), (5, 1), (1, 1)])
    func addBroadcasting(rows: Int, cols: Int) {
        #expect(G.check([G.random(5, 4, seed: 1), G.random(rows, cols, seed: 2)]) { $0[0] + $0[1] }.isEmpty)
    }

    @Test(arguments: [(5, 4), (1, 4), (5, 1), (1, 1)])
    func subtractBroadcasting(rows: Int, cols: Int) {
        #expect(G.check([G.random(5, 4, seed: 1), G.random(rows, cols, seed: 2)]) { $0[0] - $0[1] }.isEmpty)
    }

    @Test(arguments: [(5, 4), (1, 4), (5, 1), (1, 1)])
    func multiplyBroadcasting(rows: Int, cols: Int) {
        #expect(G.check([G.random(5, 4, seed: 1), G.random(rows, cols, seed: 2)]) { $0[0] * $0[1] }.isEmpty)
    }

    @Test func scaled() {
        #expect(G.check([G.random(3, 4, seed: 1)]) { $0[0].scaled(by: -2.5) }.isEmpty)
    }

    @Test func relu() {
        #expect(G.check([G.awayFromZero(4, 5, seed: 3)]) { $0[0].relu() }.isEmpty)
    }

    @Test func sigmoid() {
        #expect(G.check([G.random(4, 5, -3, 3, seed: 3)]) { $0[0].sigmoid() }.isEmpty)
    }

    @Test func exp() {
        #expect(G.check([G.random(4, 5, seed: 3)]) { $0[0].exp() }.isEmpty)
    }

    @Test func log() {
        #expect(G.check([G.random(4, 5, 0.5, 2, seed: 3)]) { $0[0].log() }.isEmpty)
    }

    @Test func squared() {
        #expect(G.check([G.random(4, 5, seed: 3)]) { $0[0].squared() }.isEmpty)
    }

    @Test func softmax() {
        #expect(G.check([G.random(4, 6, -2, 2, seed: 4)]) { $0[0].softmax() }.isEmpty)
    }

    @Test func logSoftmax() {
        #expect(G.check([G.random(4, 6, -2, 2, seed: 4)]) { $0[0].logSoftmax() }.isEmpty)
    }

    @Test func gatherWithRepeats() {
        #expect(G.check([G.random(6, 3, seed: 5)]) { $0[0].gather([4, 0, 4, 2]) }.isEmpty)
    }

    @Test func concatColumns() {
        let parts = [G.random(3, 2, seed: 1), G.random(3, 4, seed: 2), G.random(3, 1, seed: 3)]
        #expect(G.check(parts) { Tensor.concatColumns($0) }.isEmpty)
    }

    @Test func columnsAndTranspose() {
        #expect(G.check([G.random(4, 6, seed: 6)]) { $0[0].columns(1..<4).transposed() }.isEmpty)
    }

    @Test func sumAndMean() {
        #expect(G.check([G.random(4, 3, seed: 7)]) { $0[0].sum() }.isEmpty)
        #expect(G.check([G.random(4, 3, seed: 7)]) { $0[0].mean() }.isEmpty)
    }

    @Test func pick() {
        #expect(G.check([G.random(4, 3, seed: 8)]) { $0[0].pick([2, 0, 1, 2]) }.isEmpty)
    }

    @Test func mixture() {
        #expect(G.check([G.random(3, 8, seed: 9), G.random(3, 4, seed: 10)]) { $0[0].mixture(gates: $0[1]) }.isEmpty)
    }

    @Test func meanSquaredError() {
        let target = G.random(5, 2, seed: 12)
        #expect(G.check([G.random(5, 2, seed: 11)]) { $0[0].meanSquaredError(target) }.isEmpty)
    }

    @Test func binaryCrossEntropyWithLogits() {
        let labels = Matrix(rows: 6, cols: 1, [1, 0, 0, 1, 1, 0])
        #expect(G.check([G.random(6, 1, -4, 4, seed: 13)]) { $0[0].binaryCrossEntropy(labels: labels) }.isEmpty)
    }

    @Test func crossEntropy() {
        #expect(G.check([G.random(4, 5, -2, 2, seed: 14)]) { $0[0].crossEntropy(classes: [0, 3, 3, 1]) }.isEmpty)
    }

    @Test func reusedNodeAccumulates() {
        // x feeds two branches; its gradient must be the sum of both.
        #expect(G.check([G.random(3, 3, seed: 15)]) { ($0[0] * $0[0]).matmul($0[0]) + $0[0].sigmoid() }.isEmpty)
    }

    @Test func crossLayerEndToEnd() {
        var rng = SplitMix64(seed: 16)
        let cross = CrossNetwork(inputs: 4, layers: 2, rng: &rng)
        let x = G.random(5, 4, seed: 17)
        let weight = cross.crosses[0].weight.value
        let mismatches = G.check([x, weight]) { inputs in
            let x0 = inputs[0]
            let first = x0 * (x0.matmul(inputs[1]) + cross.crosses[0].bias) + x0
            return cross.readout(x0 * cross.crosses[1](first) + first)
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }
}
