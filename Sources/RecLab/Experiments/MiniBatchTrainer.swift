import Foundation

/// The training loop every demo shares: reshuffle each epoch, walk the batches (keeping the last
/// partial one), take one Adam step per batch, evaluate after each epoch.
///
/// The shuffling generator is seeded 2000 + seed for every model, so all models of a demo see the
/// same batches in the same order and differ only in architecture and initialisation.
struct MiniBatchTrainer {
    let exampleCount: Int
    let batchSize: Int
    let epochs: Int
    let learningRate: Float
    let shuffleSeed: UInt64

    /// What training produced: per-epoch evaluation and mean training loss.
    struct Outcome {
        var curve: [Double] = []
        var trainLoss: [Double] = []
        var examples = 0
    }

    /// Trains `parameters` on the loss that `lossOf(batchIndices)` builds, calling `evaluate` after
    /// every epoch and `report(epoch)` for progress.
    func train(
        _ parameters: [Tensor],
        lossOf: ([Int]) -> Tensor,
        evaluate: () -> Double,
        report: (Int) -> Void
    ) -> Outcome {
        var optimiser = Adam(parameters, learningRate: learningRate)
        var rng = SplitMix64(seed: shuffleSeed)
        var order = Array(0..<exampleCount)
        var outcome = Outcome()
        for epoch in 0..<epochs {
            rng.shuffle(&order)
            var total = 0.0
            var start = 0
            while start < exampleCount {
                let batch = Array(order[start..<min(start + batchSize, exampleCount)])
                let loss = lossOf(batch)
                total += Double(loss.value.storage[0]) * Double(batch.count)
                loss.backward()
                optimiser.step()
                start += batchSize
            }
            outcome.trainLoss.append(total / Double(max(exampleCount, 1)))
            outcome.curve.append(evaluate())
            outcome.examples += exampleCount
            report(epoch + 1)
        }
        return outcome
    }
}

/// Where a demo is in its training, for a progress line on a terminal.
public struct TrainingProgress: Sendable {
    public let model: String
    public let setting: Setting
    public let epoch: Int
    public let epochs: Int
}

/// The seeds a demo derives from `--seed`: data s, initialisation 1000 + s, shuffling 2000 + s.
enum Seeds {
    static func data(_ seed: UInt64) -> UInt64 { seed }
    static func initialisation(_ seed: UInt64) -> UInt64 { 1000 &+ seed }
    static func shuffling(_ seed: UInt64) -> UInt64 { 2000 &+ seed }
}

/// Wall-clock seconds since `start`.
func secondsSince(_ start: Date) -> Double { Date().timeIntervalSince(start) }
