import Foundation
import RecLab
import Testing

@Suite("Metrics")
struct MetricsTests {
    @Test func aucOfAPerfectAndAConstantScorer() {
        let labels: [Float] = [0, 0, 1, 1]
        #expect(Metrics.auc(scores: [0.1, 0.2, 0.8, 0.9], labels: labels) == 1)
        #expect(Metrics.auc(scores: [0.5, 0.5, 0.5, 0.5], labels: labels) == 0.5)
        #expect(Metrics.auc(scores: [0.9, 0.8, 0.2, 0.1], labels: labels) == 0)
    }

    @Test func aucCountsTiesAsHalf() {
        // Pairs (positive, negative): (0.5, 0.5) tie, (0.5, 0.1) win, (0.9, 0.5) win, (0.9, 0.1) win.
        #expect(Metrics.auc(scores: [0.5, 0.1, 0.5, 0.9], labels: [0, 0, 1, 1]) == 3.5 / 4)
    }

    @Test func logLossOfZeroLogitIsLogTwo() {
        #expect(abs(Metrics.logLoss(logits: [0, 0], labels: [0, 1]) - Foundation.log(2)) < 1e-12)
    }

    @Test func topKIsBestFirstAndSkipsMaskedEntries() {
        let scores: [Float] = [0.3, -.infinity, 0.9, 0.1, 0.9, 0.5]
        let top = scores.withUnsafeBufferPointer { Metrics.topK($0, k: 3) }
        #expect(top == [2, 4, 5])
    }

    @Test func recallCountsHeldOutItemsFound() {
        let recommended = [[1, 2, 3], [4, 5, 6]]
        let heldOut = [[1, 9], [7, 8]]
        #expect(Metrics.recall(recommended: recommended, heldOut: heldOut) == 0.25)
        #expect(Metrics.recall(recommended: recommended, heldOut: heldOut) { $0 < 5 } == 1)
    }
}
