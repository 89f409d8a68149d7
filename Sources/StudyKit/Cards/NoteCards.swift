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
        let generated = CardGenerator.generate(from: note, scanners: scanners)
        // The order is sorted as plain numbers (line, explicit before generated, position in
        // its list), so the sort copies no card.
        var order: [(line: Int, rank: Int, index: Int)] = []
        order.reserveCapacity(result.cards.count + generated.count)
        for (index, card) in result.cards.enumerated() { order.append((card.line, 0, index)) }
        for (index, card) in generated.enumerated() { order.append((card.line, 1, index)) }
        order.sort { a, b in (a.line, a.rank, a.index) < (b.line, b.rank, b.index) }
        var merged: [CardDraft] = []
        merged.reserveCapacity(order.count)
        for (position, entry) in order.enumerated() {
            var card = entry.rank == 0 ? result.cards[entry.index] : generated[entry.index]
            card.ordinal = position
            merged.append(card)
        }
        result.cards = merged
        return result
    }
}
