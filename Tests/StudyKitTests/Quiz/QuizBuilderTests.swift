import Testing
@testable import StudyKit

@Suite("Quiz builder")
struct QuizBuilderTests {
    static let cards: [CardInfo] = (1...8).map {
        QuizFixtures.card(Int64($0), "Question \($0)?", "Answer number \($0) of a similar length")
    } + [
        QuizFixtures.card(20, "NDCG divides DCG by [...].", "NDCG divides DCG by **the ideal DCG**.", kind: .cloze),
        QuizFixtures.card(21, "Recall counts [...].", "Recall counts **hits in the top k**.", kind: .cloze),
    ]
    static let prompts = [
        DesignPrompt(question: "Design a feed", outline: "- sources\n- ranker", path: "Notes/d.md", line: 4, title: "D", topics: ["design"])
    ]

    private func build(kinds: [QuizKind] = [], count: Int = 10, seed: UInt64 = 1) -> [QuizQuestion] {
        var random = TestRandom(seed: seed)
        return QuizBuilder(kinds: kinds, count: count).build(cards: Self.cards, pool: Self.cards, prompts: Self.prompts, random: &random)
    }

    @Test("a mixed quiz takes every kind in turn, never the same card twice, up to -n")
    func mixed() {
        let quiz = build(count: 6)
        #expect(quiz.count == 6)
        #expect(Set(quiz.map(\.kind)) == [.choice, .typed, .prompt])
        #expect(quiz.filter { $0.kind == .typed }.count == 2)
        let ids = quiz.compactMap(\.cardId)
        #expect(Set(ids).count == ids.count)
    }

    @Test("a choice question has four distinct options with the card's back at correctOption")
    func choice() throws {
        for question in build(kinds: [.choice], count: 8) {
            #expect(question.options.count == 4)
            #expect(Set(question.options).count == 4)
            #expect(question.options[question.correctOption] == question.answer)
        }
    }

    @Test("a typed question expects the hidden text")
    func typed() {
        let answers = Set(build(kinds: [.typed]).map(\.answer))
        #expect(answers == ["the ideal DCG", "hits in the top k"])
    }

    @Test("the same seed gives the same quiz; another seed another order")
    func seeded() {
        #expect(build(seed: 5) == build(seed: 5))
        #expect((1...5).map { build(seed: UInt64($0)).map(\.question) }.contains { $0 != build(seed: 5).map(\.question) })
    }

    @Test("when the pool runs out the quiz is shorter, never padded")
    func shortPool() {
        #expect(build(kinds: [.prompt], count: 10).count == 1)
    }
}
