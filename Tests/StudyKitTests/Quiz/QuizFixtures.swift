@testable import StudyKit

/// Cards and a seeded generator for the quiz tests.
enum QuizFixtures {
    static func card(
        _ id: Int64, _ front: String, _ back: String, kind: CardKind = .basic, topics: [String] = ["ranking"],
        deck: String = "notes", sibling: String? = nil
    ) -> CardInfo {
        CardInfo(
            id: id, key: "k\(id)", kind: kind, front: front, back: back, deck: deck, path: "Notes/n\(id).md", line: Int(id),
            ordinal: Int(id), siblingGroup: sibling, topics: topics, status: .active, schedule: .new)
    }
}

/// A small xorshift generator: tests only need "seeded and repeatable", not kb's SplitMix64
/// (which lives in RecLab, out of this target's reach).
struct TestRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9 : seed }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
