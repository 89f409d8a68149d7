import Testing
@testable import StudyKit

@Suite("Distractors")
struct DistractorTests {
    let asked = QuizFixtures.card(1, "What does NDCG normalise by?", "The DCG of the ideal ordering")

    @Test("drawn from cards of the same topic and kind, never the card itself, a sibling or another kind or topic")
    func sameTopicAndKind() throws {
        let pool = [
            asked,
            QuizFixtures.card(2, "a", "The share of relevant items found"),
            QuizFixtures.card(3, "b", "The rank of the first relevant item"),
            QuizFixtures.card(4, "c", "Precision averaged over the ranks"),
            QuizFixtures.card(5, "d", "A cloze answer of similar size", kind: .cloze),
            QuizFixtures.card(6, "e", "Another topic's answer, same size", topics: ["serving"]),
            QuizFixtures.card(7, "f", "The asked card's sibling answer", sibling: "g1"),
        ]
        var asked = self.asked
        asked.siblingGroup = "g1"
        var random = TestRandom(seed: 1)
        let options = try #require(Distractors.pick(for: asked, from: pool, random: &random))
        #expect(Set(options) == ["The share of relevant items found", "The rank of the first relevant item", "Precision averaged over the ranks"])
    }

    @Test("never a duplicate of the answer or of each other (after normalising case and punctuation)")
    func noDuplicates() throws {
        let pool = [
            asked,
            QuizFixtures.card(2, "a", "the dcg of the ideal ordering."),
            QuizFixtures.card(3, "b", "The share of relevant items found"),
            QuizFixtures.card(4, "c", "The share of relevant items, found"),
            QuizFixtures.card(5, "d", "The rank of the first relevant item"),
            QuizFixtures.card(6, "e", "Precision averaged over the ranks"),
        ]
        for seed in 1...20 {
            var random = TestRandom(seed: UInt64(seed))
            let options = try #require(Distractors.pick(for: asked, from: pool, random: &random))
            let normalised = options.map(TypedAnswer.normalise)
            #expect(Set(normalised).count == 3)
            #expect(!normalised.contains(TypedAnswer.normalise(asked.back)))
        }
    }

    @Test("of similar length: an option more than 2.5 times longer or shorter is left out; fewer than three is no question")
    func similarLength() {
        let pool = [
            asked,
            QuizFixtures.card(2, "a", "Recall"),
            QuizFixtures.card(3, "b", String(repeating: "a very long answer that goes on ", count: 4)),
            QuizFixtures.card(4, "c", "The rank of the first relevant item"),
            QuizFixtures.card(5, "d", "Precision averaged over the ranks"),
        ]
        var random = TestRandom(seed: 7)
        #expect(Distractors.pick(for: asked, from: pool, random: &random) == nil)
    }

    @Test("the same seed draws the same options")
    func seeded() {
        let pool = [asked] + (2...12).map { QuizFixtures.card(Int64($0), "q\($0)", "An answer of about this length \($0)") }
        var first = TestRandom(seed: 42), second = TestRandom(seed: 42)
        #expect(Distractors.pick(for: asked, from: pool, random: &first) == Distractors.pick(for: asked, from: pool, random: &second))
    }

    @Test("a list answer gets list distractors before prose of the same length")
    func sameShape() throws {
        let list = QuizFixtures.card(1, "Name the 3 stages", "- retrieval\n- ranking\n- re-ranking", kind: .generated)
        let pool = [
            list,
            QuizFixtures.card(2, "Name the 3 losses", "- pointwise\n- pairwise\n- listwise", kind: .generated),
            QuizFixtures.card(3, "Name the 3 metrics", "- recall\n- NDCG\n- MRR at k", kind: .generated),
            QuizFixtures.card(4, "Name the 3 towers", "- user\n- item\n- context it", kind: .generated),
            QuizFixtures.card(5, "What is BPR?", "a pairwise loss on scores", kind: .generated),
            QuizFixtures.card(6, "What is NE?", "log loss over entropy", kind: .generated),
        ]
        var random = TestRandom(seed: 3)
        let options = try #require(Distractors.pick(for: list, from: pool, random: &random))
        #expect(options.allSatisfy { $0.hasPrefix("- ") })
    }
}
