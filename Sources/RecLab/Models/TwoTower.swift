/// A two-tower retrieval model reduced to its core: a user embedding and an item embedding whose
/// dot product is the score, trained with an in-batch softmax (Yi et al., RecSys 2019).
///
/// Every other item in the batch is a negative for a given user. Popular items turn up as
/// negatives far more often than the catalogue average, so the plain softmax learns to push them
/// down; subtracting log q_i (the item's sampling probability) from its logit removes that bias.
public struct TwoTower: Module {
    public let users: Embedding
    public let items: Embedding

    public init(userCount: Int, itemCount: Int, dimension: Int = 16, initSD: Double = 0.1, rng: inout SplitMix64) {
        users = Embedding(count: userCount, dimension: dimension, sd: initSD, rng: &rng)
        items = Embedding(count: itemCount, dimension: dimension, sd: initSD, rng: &rng)
    }

    /// The in-batch softmax loss for aligned `userIDs[b]`, `itemIDs[b]` pairs; `logQ[b]` is the log
    /// sampling probability of item b, or nil to train without the correction.
    public func inBatchLoss(userIDs: [Int], itemIDs: [Int], logQ: [Float]?) -> Tensor {
        var logits = users(userIDs).matmul(items(itemIDs).transposed())
        if let logQ {
            logits = logits - Tensor(Matrix(rows: 1, cols: logQ.count, logQ))
        }
        return logits.crossEntropy(classes: Array(0..<userIDs.count))
    }

    /// Every user's score for every item (users × items).
    public func allScores() -> Matrix {
        MatrixProduct.multiplyTransposed(users.table.value, items.table.value)
    }

    public var parameters: [Tensor] { users.parameters + items.parameters }
}
