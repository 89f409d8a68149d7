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
        CardGenerator.generate(from: note, scanners: scanners, into: &result.cards)
        // By line, explicit before generated on the same line, and otherwise in the order each
        // side found them (the standard library documents its sort as stable). Sorted in place
        // rather than merged into a new list, which copied every card (a copy retains and
        // releases each of its strings); the sort copies only the few it shifts.
        result.cards.sort { a, b in
            a.line != b.line ? a.line < b.line : (a.kind != .generated && b.kind == .generated)
        }
        for index in result.cards.indices { result.cards[index].ordinal = index }
        return result
    }
}
