import Foundation

/// Demo 2: DCN-V2 against an equal-size MLP and logistic regression on a logit made of feature
/// crosses (Wang et al., 2017 and 2021).
///
/// A cross layer multiplies features explicitly, so it fits products of features with a handful
/// of weights; a ReLU MLP of the same size has to approximate each product piece by piece, and a
/// linear model cannot see them at all. The Bayes row scores with the true logit: nobody can beat
/// it, so "within 0.015 of Bayes" means DCN-V2 has learnt essentially the true function.
public enum CrossExperiment {
    public struct Config: Sendable {
        public var trainCount = 20_000
        public var testCount = 5_000
        public var regression = false
        public var includeV1 = true
        public var epochs = 10
        public var batchSize = 128
        public var learningRate: Float = 3e-3

        public init() {}
    }

    public static func run(seed: UInt64, config: Config = Config(), progress: (TrainingProgress) -> Void = { _ in })
        -> DemoReport
    {
        let start = Date()
        let data = CrossFeatureData(
            trainCount: config.trainCount, testCount: config.testCount, regression: config.regression,
            seed: Seeds.data(seed))
        let names = ["lr", "mlp", "dcn-v2"] + (config.includeV1 ? ["dcn"] : [])
        var runs = names.map { train($0, on: data, seed: seed, config: config, progress: progress) }
        runs.append(ModelRun(name: "bayes", metrics: metrics(logits: data.testLogits, data: data, config: config)))
        let clickRate = data.trainTargets.sum() / Double(max(data.trainTargets.count, 1))
        var facts: [DataFact] = [
            DataFact("train", .integer(config.trainCount)), DataFact("test", .integer(config.testCount)),
            DataFact("dimension", .integer(CrossFeatureData.dimension)),
            DataFact("crossPairs", .integer(data.pairs.count)), DataFact("crossSD", .number(CrossFeatureData.crossSD)),
            DataFact("task", .text(config.regression ? "regression" : "classification")),
        ]
        if !config.regression { facts.append(DataFact("clickRate", .number(clickRate))) }
        let partial = DemoReport(demo: "dcn", seed: seed, data: facts, runs: runs, findings: [], seconds: 0)
        return DemoReport(
            demo: "dcn", seed: seed, data: facts, runs: runs, findings: findings(partial), seconds: secondsSince(start))
    }

    /// A freshly initialised model by JSON name.
    public static func model(_ name: String, rng: inout SplitMix64) -> any Scorer {
        let d = CrossFeatureData.dimension
        switch name {
        case "lr": return Linear(d, 1, rng: &rng)
        case "mlp": return MLP([d, d, 1], rng: &rng)
        case "dcn": return CrossNetworkV1(inputs: d, layers: 2, rng: &rng)
        default: return CrossNetwork(inputs: d, layers: 1, rng: &rng)
        }
    }

    static func train(
        _ name: String, on data: CrossFeatureData, seed: UInt64, config: Config, progress: (TrainingProgress) -> Void
    ) -> ModelRun {
        let start = Date()
        var rng = SplitMix64(seed: Seeds.initialisation(seed))
        let model = model(name, rng: &rng)
        let trainer = MiniBatchTrainer(
            exampleCount: data.trainInputs.rows, batchSize: config.batchSize, epochs: config.epochs,
            learningRate: config.learningRate, shuffleSeed: Seeds.shuffling(seed))
        let headline = config.regression ? "rmse" : "logLoss"
        let outcome = trainer.train(
            model.parameters,
            lossOf: { batch in
                let output = model(Tensor(data.trainInputs.rows(batch)))
                let targets = data.trainTargets.rows(batch)
                return config.regression ? output.meanSquaredError(targets) : output.binaryCrossEntropy(labels: targets)
            },
            evaluate: { score(model, data, config)[headline] ?? 0 },
            report: { progress(TrainingProgress(model: name, setting: .none, epoch: $0, epochs: config.epochs)) })
        return ModelRun(
            name: name, parameters: model.parameterCount, metrics: score(model, data, config).metrics,
            curve: outcome.curve, trainLoss: outcome.trainLoss, seconds: secondsSince(start), examples: outcome.examples
        )
    }

    static func score(_ model: any Scorer, _ data: CrossFeatureData, _ config: Config) -> ModelRun {
        let outputs = model(Tensor(data.testInputs)).value.storage
        return ModelRun(name: "", metrics: metrics(logits: outputs, data: data, config: config))
    }

    /// Test metrics of a column of logits (or predicted values in regression).
    static func metrics(logits: [Float], data: CrossFeatureData, config: Config) -> [Metric] {
        let targets = data.testTargets.storage
        if config.regression {
            return [Metric("rmse", Metrics.meanSquaredError(logits, targets).squareRoot())]
        }
        return [
            Metric("logLoss", Metrics.logLoss(logits: logits, labels: targets)),
            Metric("auc", Metrics.auc(scores: logits, labels: targets)),
        ]
    }
}
