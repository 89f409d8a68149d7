import Foundation

/// Picks the three wrong options of a multiple-choice question (DESIGN.md 4).
///
/// A distractor is only useful when it is plausible: the back of another card of the same kind
/// that shares a topic with the asked card, of a similar length (a one-word option next to three
/// sentences gives the answer away), and never a second copy of the right answer or of another
/// option. Siblings are left out because their back often restates the asked card's front.
public enum Distractors {
    /// Wrong options per question.
    public static let count = 3
    /// The longer of two options may be at most this many times the shorter.
    public static let maximumLengthRatio = 2.5
    /// The draw is among this many candidates nearest in length, so the choice still varies.
    public static let nearest = 8

    /// Three distractors for `card` from `pool`, or nil when fewer than three qualify.
    public static func pick<R: RandomNumberGenerator>(for card: CardInfo, from pool: [CardInfo], random: inout R) -> [String]? {
        let answerLength = Double(max(1, card.back.count))
        var seen: Set<String> = [TypedAnswer.normalise(card.back)]
        let shape = Shape(card)
        var candidates: [(text: String, mismatch: Int, ratio: Double)] = []
        for other in pool where qualifies(other, for: card) {
            let normalised = TypedAnswer.normalise(other.back)
            guard !normalised.isEmpty, seen.insert(normalised).inserted else { continue }
            let length = Double(max(1, other.back.count))
            let ratio = max(length, answerLength) / min(length, answerLength)
            if ratio <= maximumLengthRatio {
                candidates.append((other.back, shape.mismatch(Shape(other)), ratio))
            }
        }
        guard candidates.count >= count else { return nil }
        // Answers of the same shape first (a list among lists, a definition among definitions),
        // then of the next shape; within a shape the draw is among the nearest in length. Ties
        // keep the pool's (the store's) order, so the seed alone decides the draw.
        var chosen: [String] = []
        for level in 0...Shape.worstMismatch where chosen.count < count {
            let group = candidates.enumerated().filter { $0.element.mismatch == level }
                .sorted { ($0.element.ratio, $0.offset) < ($1.element.ratio, $1.offset) }
                .prefix(nearest).map(\.element.text)
            chosen += QuizRandom.shuffled(Array(group), using: &random).prefix(count - chosen.count)
        }
        return chosen
    }

    /// What sort of answer a card wants: its question's first two words ("what is", "name the",
    /// "why does") and whether its back is a list. An option of another shape stands out.
    struct Shape: Equatable {
        var stem: String
        var isList: Bool

        init(_ card: CardInfo) {
            stem = TypedAnswer.normalise(card.front).split(separator: " ").prefix(2).joined(separator: " ")
            let first = card.back.trimmingCharacters(in: .whitespaces)
            isList = first.hasPrefix("- ") || first.hasPrefix("* ") || first.first?.isNumber == true && first.dropFirst().hasPrefix(". ")
        }

        static let worstMismatch = 2

        /// 0 for the same shape, 1 or 2 for one or two differences.
        func mismatch(_ other: Shape) -> Int {
            (stem == other.stem ? 0 : 1) + (isList == other.isList ? 0 : 1)
        }
    }

    /// Same kind, not the card itself nor a sibling, and at least one topic in common (cards
    /// without topics draw from their own deck instead).
    static func qualifies(_ other: CardInfo, for card: CardInfo) -> Bool {
        guard other.id != card.id, other.kind == card.kind, other.status != .retired else { return false }
        if let group = card.siblingGroup, other.siblingGroup == group { return false }
        if card.topics.isEmpty { return other.deck == card.deck }
        return !Set(card.topics).isDisjoint(with: other.topics)
    }
}
