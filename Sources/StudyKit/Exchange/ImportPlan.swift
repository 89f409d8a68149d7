/// The deck an import will write, checked the way `kb check` checks it before anything touches
/// the disk.
///
/// The rendered deck is parsed back with the same parser and card rules as every note; a row
/// whose card repeats one already in the notes or decks (same content key, DESIGN.md 5), repeats
/// an earlier row, or still draws a warning, is reported against its line in the source file and
/// left out, and the deck is rendered again without it. So a written deck never fails `kb check`.
public struct ImportPlan: Sendable, Equatable {
    public var text: String
    /// Cards the deck holds (a cloze row may hold several).
    public var cards: Int
    /// Rows left out, with why.
    public var skipped: [PlainTextCards.Problem]

    /// Rounds of render-and-check; each round only removes rows, so two or three always suffice.
    static let maximumRounds = 4

    public static func make(
        rows: [PlainTextCards.Row], existing: [CardInfo], path: String, title: String, source: String
    ) -> ImportPlan {
        var keep = rows
        var skipped: [PlainTextCards.Problem] = []
        let known = Dictionary(existing.map { ($0.key, "\($0.path):\($0.line)") }, uniquingKeysWith: { first, _ in first })
        for _ in 0..<maximumRounds {
            let (text, lines) = DeckWriter.render(keep, title: title, source: source)
            let note = NoteParser().parse(text: text, path: path)
            let extraction = NoteCards.cards(for: note)
            let rowAt = RowLocator(lines)
            var bad: [Int: String] = [:]
            var seen: [String: Int] = [:]
            for card in extraction.cards {
                guard let row = rowAt.row(forDeckLine: card.line) else { continue }
                if let place = known[card.key] {
                    bad[row] = bad[row] ?? "the same card is already in \(place)"
                } else if let first = seen[card.key], first != row {
                    bad[row] = bad[row] ?? "the same card as line \(first)"
                } else {
                    seen[card.key] = row
                }
            }
            for warning in note.warnings + extraction.warnings {
                guard let line = warning.line, let row = rowAt.row(forDeckLine: line) else { continue }
                bad[row] = bad[row] ?? warning.message
            }
            if bad.isEmpty {
                return ImportPlan(text: text, cards: keep.isEmpty ? 0 : extraction.cards.count, skipped: skipped)
            }
            skipped += bad.map { PlainTextCards.Problem(line: $0.key, message: $0.value) }
            keep.removeAll { bad[$0.line] != nil }
        }
        let (text, _) = DeckWriter.render(keep, title: title, source: source)
        return ImportPlan(text: text, cards: NoteCards.cards(for: NoteParser().parse(text: text, path: path)).cards.count, skipped: skipped)
    }

    /// Finds the source row of a line of the rendered deck: the row whose card starts at the
    /// nearest line at or above it.
    struct RowLocator {
        let starts: [(deckLine: Int, row: Int)]

        init(_ lines: [Int: Int]) {
            starts = lines.map { (deckLine: $0.value, row: $0.key) }.sorted { $0.deckLine < $1.deckLine }
        }

        func row(forDeckLine line: Int) -> Int? {
            starts.last { $0.deckLine <= line }?.row
        }
    }
}
