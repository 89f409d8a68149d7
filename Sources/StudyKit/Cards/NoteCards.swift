/// All cards of one file, explicit and generated, in source order: the indexer's single entry point.
///
/// The two sources are merged by line so that "new cards in source order" (DESIGN.md 6.7) means
/// the order a reader meets them in the file; `ordinal` is the position in that order.
public enum NoteCards {
    /// Explicit cards (`CardExtractor`), generated cards (`CardGenerator`) and the warnings about
    /// malformed card syntax. The parser's own warnings (`note.warnings`) are not repeated.
    public static func cards(for note: ParsedNote) -> CardExtraction {
        guard note.cardsMode != .none else { return CardExtraction() }
        // Both sides ask which paragraphs hold card syntax; scan each paragraph once for both.
        let scanners = CardSyntaxScanner.scanners(for: note.blocks)
        var result = CardExtractor.extract(from: note, scanners: scanners)
        let explicit = result.cards.enumerated().map {
            (line: $0.element.line, rank: 0, index: $0.offset, card: $0.element)
        }
        let generated = CardGenerator.generate(from: note, scanners: scanners).enumerated().map {
            (line: $0.element.line, rank: 1, index: $0.offset, card: $0.element)
        }
        let merged = (explicit + generated).sorted { a, b in
            (a.line, a.rank, a.index) < (b.line, b.rank, b.index)
        }
        result.cards = merged.enumerated().map { position, entry in
            var card = entry.card
            card.ordinal = position
            return card
        }
        return result
    }
}
