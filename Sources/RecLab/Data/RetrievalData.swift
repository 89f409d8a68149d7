import Foundation

/// Implicit feedback with a strong popularity skew: the setting where in-batch negatives go wrong
/// and the logQ correction of Yi et al. (RecSys 2019) puts them right.
///
/// The true preference is P(i | u) = softmax_i(a_ui + b_i) with affinity a_ui = 3 P_u·Q_i / √8 and
/// popularity b_i = −log(rank_i + 1) (a Zipf-like head). Each user draws 20 distinct items by
/// Gumbel top-k, which samples without replacement from that softmax; 2 of the 20, chosen at
/// random, are held out for evaluation.
public struct RetrievalData: Sendable {
    public let userCount: Int
    public let itemCount: Int
    /// Training interactions as (user, item) pairs, user by user.
    public let trainPairs: [(user: Int, item: Int)]
    /// Each user's training items, to mask when recommending.
    public let trainItems: [Set<Int>]
    /// Each user's held-out items.
    public let heldOut: [[Int]]
    /// How often each item appears in training (q_i = count / pairs).
    public let itemCounts: [Int]
    /// The true logit a_ui + b_i, users × items (the oracle's score).
    public let trueLogits: Matrix

    public static let latentDimension = 8
    public static let affinityScale = 3.0
    public static let itemsPerUser = 20
    public static let heldOutPerUser = 2

    public init(userCount: Int, itemCount: Int, seed: UInt64) {
        let k = RetrievalData.latentDimension
        var rng = SplitMix64(seed: seed)
        let users = Matrix(rows: userCount, cols: k) { _, _ in Float(rng.normal()) }
        let items = Matrix(rows: itemCount, cols: k) { _, _ in Float(rng.normal()) }
        var rank = Array(0..<itemCount)
        rng.shuffle(&rank)
        let popularity = rank.map { -Foundation.log(Double($0 + 1)) }

        var logits = MatrixProduct.multiplyTransposed(users, items)
        let factor = Float(RetrievalData.affinityScale / Double(k).squareRoot())
        for u in 0..<userCount {
            for i in 0..<itemCount { logits[u, i] = factor * logits[u, i] + Float(popularity[i]) }
        }

        var pairs: [(user: Int, item: Int)] = []
        var trainItems: [Set<Int>] = []
        var heldOut: [[Int]] = []
        var counts = [Int](repeating: 0, count: itemCount)
        let drawn = min(RetrievalData.itemsPerUser, itemCount)
        for u in 0..<userCount {
            let perturbed = (0..<itemCount).map { Float(Double(logits[u, $0]) + rng.gumbel()) }
            let chosen = perturbed.withUnsafeBufferPointer { Metrics.topK($0, k: drawn) }
            var order = Array(0..<drawn)
            rng.shuffle(&order)
            let held = order.prefix(RetrievalData.heldOutPerUser).map { chosen[$0] }
            let kept = chosen.filter { !held.contains($0) }
            heldOut.append(held)
            trainItems.append(Set(kept))
            for item in kept {
                pairs.append((u, item))
                counts[item] += 1
            }
        }
        self.userCount = userCount
        self.itemCount = itemCount
        trainPairs = pairs
        self.trainItems = trainItems
        self.heldOut = heldOut
        itemCounts = counts
        trueLogits = logits
    }

    /// Items split by training count: the top 10% are head, the bottom 50% tail, the rest torso.
    public var segments: (head: Set<Int>, tail: Set<Int>) {
        let byCount = (0..<itemCount).sorted { (itemCounts[$0], -$0) > (itemCounts[$1], -$1) }
        let headSize = itemCount / 10
        let tailSize = itemCount / 2
        return (Set(byCount.prefix(headSize)), Set(byCount.suffix(tailSize)))
    }
}
