import Foundation

/// Demo 1: MMoE against OMoE and a shared bottom as the two tasks grow apart (Ma et al., 2018).
///
/// At p = 1 the tasks are the same function and sharing costs nothing; at p = 0.5 a shared bottom
/// has to serve two different functions, while MMoE's per-task gates can route each task to its
/// own experts. OMoE has the experts but one gate, so the OMoE−MMoE gap isolates the gates.
public enum MultiTaskExperiment {
    public struct Config: Sendable {
        public var trainCount = 8_000
        public var testCount = 2_000
        public var correlations: [Double] = [1.0, 0.5]
        public var epochs = 10
        public var batchSize = 32
        public var learningRate: Float = 3e-3

        public init() {}
    }

    public static let modelNames = ["mmoe", "omoe", "shared-bottom"]

    public static func run(seed: UInt64, config: Config = Config(), progress: (TrainingProgress) -> Void = { _ in })
        -> DemoReport
    {
        let start = Date()
        var runs: [ModelRun] = []
        for p in config.correlations {
            let data = MultiTaskData(
                correlation: p, trainCount: config.trainCount, testCount: config.testCount, seed: Seeds.data(seed))
            for name in modelNames {
                runs.append(train(name, on: data, seed: seed, config: config, progress: progress))
            }
        }
        let facts: [DataFact] = [
            DataFact("train", .integer(config.trainCount)), DataFact("test", .integer(config.testCount)),
            DataFact("dimension", .integer(MultiTaskData.dimension)),
            DataFact("correlations", .numbers(config.correlations)),
            DataFact("noiseSD", .number(MultiTaskData.noiseSD)),
        ]
        let partial = DemoReport(demo: "mmoe", seed: seed, data: facts, runs: runs, findings: [], seconds: 0)
        return DemoReport(
            demo: "mmoe", seed: seed, data: facts, runs: runs, findings: findings(partial), seconds: secondsSince(start)
        )
    }

    /// A freshly initialised model by JSON name.
    public static func model(_ name: String, rng: inout SplitMix64) -> any MultiTaskModel {
        switch name {
        case "omoe": MixtureOfExperts(sharedGate: true, rng: &rng)
        case "shared-bottom": SharedBottom(rng: &rng)
        default: MixtureOfExperts(rng: &rng)
        }
    }

    static func train(
        _ name: String, on data: MultiTaskData, seed: UInt64, config: Config, progress: (TrainingProgress) -> Void
    ) -> ModelRun {
        let start = Date()
        var rng = SplitMix64(seed: Seeds.initialisation(seed))
        let model = model(name, rng: &rng)
        let trainer = MiniBatchTrainer(
            exampleCount: data.trainInputs.rows, batchSize: config.batchSize, epochs: config.epochs,
            learningRate: config.learningRate, shuffleSeed: Seeds.shuffling(seed))
        let outcome = trainer.train(
            model.parameters,
            lossOf: { batch in
                let x = Tensor(data.trainInputs.rows(batch))
                let y = data.trainTargets.rows(batch)
                let predictions = model.predict(x)
                let losses = predictions.enumerated().map { k, prediction in
                    prediction.meanSquaredError(y.columns(k..<(k + 1)))
                }
                return (losses[0] + losses[1]).scaled(by: 0.5)
            },
            evaluate: { testErrors(model, data).reduce(0, +) / 2 },
            report: {
                progress(
                    TrainingProgress(
                        model: name, setting: .correlation(data.correlation), epoch: $0, epochs: config.epochs))
            })
        let errors = testErrors(model, data)
        return ModelRun(
            name: name, setting: .correlation(data.correlation), parameters: model.parameterCount,
            metrics: [
                Metric("mse", (errors[0] + errors[1]) / 2), Metric("mseTask1", errors[0]),
                Metric("mseTask2", errors[1]),
            ],
            curve: outcome.curve, trainLoss: outcome.trainLoss, seconds: secondsSince(start), examples: outcome.examples
        )
    }

    /// Test MSE of each task.
    static func testErrors(_ model: any MultiTaskModel, _ data: MultiTaskData) -> [Double] {
        let predictions = model.predict(Tensor(data.testInputs))
        return predictions.enumerated().map { k, prediction in
            Metrics.meanSquaredError(prediction.value.storage, data.testTargets.columns(k..<(k + 1)).storage)
        }
    }
}
