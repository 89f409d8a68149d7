import Foundation

/// Demo 3: a two-tower model trained with in-batch softmax, with and without the logQ correction
/// (Yi et al., RecSys 2019), against popularity and an oracle that knows the true preferences.
///
/// Without the correction a popular item is a negative in many batches and its score is pushed
/// down, so the model recommends the long tail; subtracting log q_i removes the sampling bias and
/// recovers relevance. Both effects show in recall@10 by popularity segment and in the tail share.
public enum RetrievalExperiment {
    public struct Config: Sendable {
        public var userCount = 2_000
        public var itemCount = 1_000
        /// Which corrections to train: [true, false] trains both.
        public var logQ: [Bool] = [true, false]
        public var dimension = 16
        public var epochs = 5
        public var batchSize = 128
        public var learningRate: Float = 0.01
        public static let cutoff = 10

        public init() {}
    }

    public static func run(seed: UInt64, config: Config = Config(), progress: (TrainingProgress) -> Void = { _ in })
        -> DemoReport
    {
        let start = Date()
        let data = RetrievalData(userCount: config.userCount, itemCount: config.itemCount, seed: Seeds.data(seed))
        let evaluator = RetrievalEvaluator(data: data, cutoff: Config.cutoff)
        var runs = config.logQ.map {
            train(logQ: $0, on: data, evaluator: evaluator, seed: seed, config: config, progress: progress)
        }
        let popularity = data.itemCounts.map(Float.init)
        let popularityScores = Matrix(rows: 1, cols: data.itemCount, popularity)
        runs.append(ModelRun(name: "popularity", metrics: evaluator.metrics(sharedScores: popularityScores)))
        runs.append(ModelRun(name: "oracle", metrics: evaluator.metrics(scores: data.trueLogits)))
        let facts: [DataFact] = [
            DataFact("users", .integer(data.userCount)), DataFact("items", .integer(data.itemCount)),
            DataFact("latentDimension", .integer(RetrievalData.latentDimension)),
            DataFact("itemsPerUser", .integer(RetrievalData.itemsPerUser)),
            DataFact("heldOutPerUser", .integer(RetrievalData.heldOutPerUser)),
            DataFact("trainPairs", .integer(data.trainPairs.count)),
            DataFact("headItemShareOfTraining", .number(evaluator.headShareOfTraining)),
        ]
        let partial = DemoReport(demo: "two-tower", seed: seed, data: facts, runs: runs, findings: [], seconds: 0)
        return DemoReport(
            demo: "two-tower", seed: seed, data: facts, runs: runs, findings: findings(partial),
            seconds: secondsSince(start))
    }

    static func train(
        logQ corrected: Bool, on data: RetrievalData, evaluator: RetrievalEvaluator, seed: UInt64, config: Config,
        progress: (TrainingProgress) -> Void
    ) -> ModelRun {
        let start = Date()
        var rng = SplitMix64(seed: Seeds.initialisation(seed))
        let model = TwoTower(
            userCount: data.userCount, itemCount: data.itemCount, dimension: config.dimension, rng: &rng)
        let total = Double(data.trainPairs.count)
        let logQ = data.itemCounts.map { Float(Foundation.log(Double(max($0, 1)) / total)) }
        let trainer = MiniBatchTrainer(
            exampleCount: data.trainPairs.count, batchSize: config.batchSize, epochs: config.epochs,
            learningRate: config.learningRate, shuffleSeed: Seeds.shuffling(seed))
        let outcome = trainer.train(
            model.parameters,
            lossOf: { batch in
                let users = batch.map { data.trainPairs[$0].user }
                let items = batch.map { data.trainPairs[$0].item }
                return model.inBatchLoss(userIDs: users, itemIDs: items, logQ: corrected ? items.map { logQ[$0] } : nil)
            },
            evaluate: { evaluator.metrics(scores: model.allScores()).first?.value ?? 0 },
            report: {
                progress(
                    TrainingProgress(model: "two-tower", setting: .logQ(corrected), epoch: $0, epochs: config.epochs))
            })
        return ModelRun(
            name: "two-tower", setting: .logQ(corrected), parameters: model.parameterCount,
            metrics: evaluator.metrics(scores: model.allScores()), curve: outcome.curve, trainLoss: outcome.trainLoss,
            seconds: secondsSince(start), examples: outcome.examples)
    }
}
