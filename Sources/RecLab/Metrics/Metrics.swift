import Foundation

/// The evaluation metrics of the three demos, computed in `Double` on plain arrays.
///
/// They live apart from the autodiff because they are never differentiated and must be exact:
/// AUC is the Mann-Whitney statistic with tied scores sharing their average rank, so a constant
/// scorer gets exactly 0.5.
public enum Metrics {
    /// Mean squared error.
    public static func meanSquaredError(_ predictions: [Float], _ targets: [Float]) -> Double {
        precondition(predictions.count == targets.count, "meanSquaredError: lengths differ")
        guard !predictions.isEmpty else { return 0 }
        var total = 0.0
        for (p, t) in zip(predictions, targets) {
            let d = Double(p) - Double(t)
            total += d * d
        }
        return total / Double(predictions.count)
    }

    /// Mean binary cross-entropy of logits against 0/1 labels (natural log).
    public static func logLoss(logits: [Float], labels: [Float]) -> Double {
        precondition(logits.count == labels.count, "logLoss: lengths differ")
        guard !logits.isEmpty else { return 0 }
        var total = 0.0
        for (z, y) in zip(logits, labels) {
            let z = Double(z)
            let softplus = max(z, 0) + Foundation.log1p(Foundation.exp(-abs(z)))
            total += softplus - Double(y) * z
        }
        return total / Double(logits.count)
    }

    /// Area under the ROC curve: the chance a random positive outscores a random negative.
    public static func auc(scores: [Float], labels: [Float]) -> Double {
        precondition(scores.count == labels.count, "auc: lengths differ")
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSumPositive = 0.0
        var positives = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && scores[order[end + 1]] == scores[order[start]] { end += 1 }
            let averageRank = Double(start + end) / 2 + 1
            for k in start...end where labels[order[k]] > 0.5 {
                rankSumPositive += averageRank
                positives += 1
            }
            start = end + 1
        }
        let negatives = Double(scores.count) - positives
        guard positives > 0, negatives > 0 else { return 0.5 }
        return (rankSumPositive - positives * (positives + 1) / 2) / (positives * negatives)
    }

    /// The `k` highest-scoring indices, best first; ties go to the lower index. Entries scored
    /// −∞ are never chosen (callers mask items that way).
    public static func topK(_ scores: UnsafeBufferPointer<Float>, k: Int) -> [Int] {
        var best: [(index: Int, score: Float)] = []
        best.reserveCapacity(k + 1)
        var floor = -Float.infinity
        for (i, s) in scores.enumerated() where s > floor || (best.count < k && s > -Float.infinity) {
            var position = best.count
            while position > 0 && best[position - 1].score < s { position -= 1 }
            best.insert((i, s), at: position)
            if best.count > k { best.removeLast() }
            if best.count == k, let last = best.last { floor = last.score }
        }
        return best.map(\.index)
    }

    /// Recall@k over users: held-out items found in the recommendations, over all held-out items.
    /// Only held-out items for which `include(item)` is true count (to split head, torso and tail).
    public static func recall(
        recommended: [[Int]], heldOut: [[Int]], counting include: (Int) -> Bool = { _ in true }
    ) -> Double {
        var hits = 0
        var total = 0
        for (recs, truth) in zip(recommended, heldOut) {
            let set = Set(recs)
            for item in truth where include(item) {
                total += 1
                if set.contains(item) { hits += 1 }
            }
        }
        return total == 0 ? 0 : Double(hits) / Double(total)
    }
}
