/// Scores a retrieval model the way the demo reports it: top-10 per user after masking the
/// user's training items, recall@10 overall and per popularity segment, and the share of
/// recommended slots that go to tail items.
struct RetrievalEvaluator {
    let data: RetrievalData
    let cutoff: Int
    let head: Set<Int>
    let tail: Set<Int>

    init(data: RetrievalData, cutoff: Int) {
        self.data = data
        self.cutoff = cutoff
        (head, tail) = data.segments
    }

    /// The fraction of training interactions that fall on head items.
    var headShareOfTraining: Double {
        let onHead = head.reduce(0) { $0 + data.itemCounts[$1] }
        return Double(onHead) / Double(max(data.trainPairs.count, 1))
    }

    /// Metrics for a users × items score matrix.
    func metrics(scores: Matrix) -> [Metric] {
        precondition(scores.rows == data.userCount && scores.cols == data.itemCount, "scores: users × items")
        let recommended = (0..<data.userCount).map { u in
            topK(Array(scores.storage[(u * data.itemCount)..<((u + 1) * data.itemCount)]), user: u)
        }
        return metrics(recommended: recommended)
    }

    /// Metrics for one score per item shared by every user (the popularity baseline).
    func metrics(sharedScores: Matrix) -> [Metric] {
        metrics(recommended: (0..<data.userCount).map { topK(sharedScores.storage, user: $0) })
    }

    /// The user's top items by `row`, never one they trained on.
    private func topK(_ row: [Float], user: Int) -> [Int] {
        var masked = row
        for item in data.trainItems[user] { masked[item] = -.infinity }
        return masked.withUnsafeBufferPointer { Metrics.topK($0, k: cutoff) }
    }

    func metrics(recommended: [[Int]]) -> [Metric] {
        let held = data.heldOut
        let slots = recommended.reduce(0) { $0 + $1.count }
        let tailSlots = recommended.reduce(0) { $0 + $1.filter { tail.contains($0) }.count }
        return [
            Metric("recall10", Metrics.recall(recommended: recommended, heldOut: held)),
            Metric("headRecall10", Metrics.recall(recommended: recommended, heldOut: held) { head.contains($0) }),
            Metric(
                "torsoRecall10",
                Metrics.recall(recommended: recommended, heldOut: held) { !head.contains($0) && !tail.contains($0) }),
            Metric("tailRecall10", Metrics.recall(recommended: recommended, heldOut: held) { tail.contains($0) }),
            Metric("tailShare", Double(tailSlots) / Double(max(slots, 1))),
        ]
    }
}
