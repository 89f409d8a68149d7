import Testing
@testable import StudyKit

@Suite("Cloze answers")
struct ClozeAnswerTests {
    @Test("the hidden text is read back from a cloze card's front and back")
    func single() {
        #expect(ClozeAnswer.answers(front: "NDCG divides DCG by [...].", back: "NDCG divides DCG by **the DCG of the ideal ordering**.")
            == ["the DCG of the ideal ordering"])
    }

    @Test("hints, several blanks of one card, and bold text around the blank")
    func several() {
        #expect(ClozeAnswer.answers(front: "[size] rows at the cost of [...]", back: "**B** rows at the cost of **collisions**") == ["B", "collisions"])
        #expect(ClozeAnswer.answers(front: "**Recall** counts [...]", back: "**Recall** counts **hits**") == ["hits"])
    }

    @Test("the store's real cloze cards come back through the Markdown parser")
    func throughParser() throws {
        let note = NoteParser().parse(
            text: "The hashing trick maps a value to {{c1::hash(value) mod B}}, bounding the table at {{c2::B rows::size}}.\n",
            path: "Decks/d.md")
        let answers = NoteCards.cards(for: note).cards.map { ClozeAnswer.answers(front: $0.front, back: $0.back) }
        #expect(answers == [["hash(value) mod B"], ["B rows"]])
    }

    @Test("front and back that do not line up give no answer")
    func mismatch() {
        #expect(ClozeAnswer.answers(front: "one [...]", back: "two things") == nil)
        #expect(ClozeAnswer.answers(front: "no blank", back: "no blank") == nil)
    }
}
