import Testing
@testable import StudyKit

@Suite("Import into a deck")
struct ImportPlanTests {
    private func cards(_ text: String) -> CardExtraction {
        let note = NoteParser().parse(text: text, path: "Decks/imported.md")
        var result = NoteCards.cards(for: note)
        result.warnings += note.warnings
        return result
    }

    @Test("text that looks like card syntax or Markdown structure stays text, and each row is exactly one card")
    func escaping() {
        let rows = [
            PlainTextCards.Row(line: 1, front: "What does std::vector do?", back: "Grows; see {{templates}} and a}}b"),
            PlainTextCards.Row(line: 2, front: "# not a heading", back: "- not a list"),
            PlainTextCards.Row(line: 3, front: "1. not ordered", back: "> not a quote"),
            PlainTextCards.Row(line: 4, front: "a lone ` backtick", back: "<b>not html</b>"),
            PlainTextCards.Row(line: 5, front: "several\n\nlines", back: "?\n---"),
            PlainTextCards.Row(line: 6, front: "{{c1::Paris}} is in {{c2::France::country}}", back: "", isCloze: true),
        ]
        let (text, lines) = DeckWriter.render(rows, title: "Imported", source: "x.csv")
        let extraction = cards(text)
        #expect(extraction.warnings.isEmpty, "\(extraction.warnings)\n\(text)")
        #expect(extraction.cards.count == 7)
        #expect(extraction.cards.map(\.kind).filter { $0 == .cloze }.count == 2)
        #expect(Set(extraction.cards.map(\.line)).isSubset(of: Set(lines.values)))
        let first = extraction.cards[0]
        #expect(first.front == "What does `std::vector` do?")
        #expect(extraction.cards[1].front == "# not a heading" && extraction.cards[1].back == "- not a list")
        #expect(extraction.cards[4].front == "several\nlines")
    }

    @Test("tags become the deck's topics; several tag sets get a heading each")
    func topics() {
        let rows = [
            PlainTextCards.Row(line: 1, front: "a", back: "b", tags: ["ML::Ranking"]),
            PlainTextCards.Row(line: 2, front: "c", back: "d", tags: ["metrics"]),
        ]
        let note = NoteParser().parse(text: DeckWriter.render(rows, title: "T", source: "s").text, path: "Decks/t.md")
        #expect(note.topics == ["metrics", "ml-ranking"])
        #expect(note.sections.map(\.heading).contains("ml-ranking"))
    }

    @Test("a row repeating a card already in the notes, or an earlier row, is skipped with its line")
    func duplicates() throws {
        let existingKey = ContentKey.make(kind: .basic, front: "What is AUC?")
        var existing = QuizFixtures.card(9, "What is AUC?", "x")
        existing.key = existingKey
        existing.path = "Decks/metrics.md"
        let rows = [
            PlainTextCards.Row(line: 2, front: "What is AUC?", back: "an area"),
            PlainTextCards.Row(line: 3, front: "What is NE?", back: "normalised entropy"),
            PlainTextCards.Row(line: 4, front: "what is  NE?", back: "again"),
        ]
        let plan = ImportPlan.make(rows: rows, existing: [existing], path: "Decks/new.md", title: "new", source: "f.csv")
        #expect(plan.cards == 1)
        #expect(plan.skipped.sorted { $0.line < $1.line }.map(\.line) == [2, 4])
        #expect(plan.skipped.contains { $0.message.contains("Decks/metrics.md:9") })
        #expect(cards(plan.text).warnings.isEmpty)
    }
}
