/// All the cards of one parsed note: explicit syntax plus generated cards.
enum CardSource {
    static func cards(for note: ParsedNote) -> (cards: [CardDraft], warnings: [IndexWarning]) {
        let extraction = NoteCards.cards(for: note)
        return (extraction.cards, extraction.warnings)
    }

    /// Drops duplicate-card warnings about generated cards: the same paper cited under References
    /// in three notes makes one card, and nothing in the notes needs fixing for it.
    static func actionable(_ warnings: [IndexWarning], drafts: [CardDraft]) -> [IndexWarning] {
        let generated = Set(drafts.filter { $0.kind == .generated }.map { "\($0.path):\($0.line)" })
        return warnings.filter { warning in
            guard warning.message.hasPrefix("duplicate card"), let line = warning.line else { return true }
            return !generated.contains("\(warning.path):\(line)")
        }
    }
}
