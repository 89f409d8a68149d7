/// All the cards of one parsed note: explicit syntax plus generated cards.
enum CardSource {
    static func cards(for note: ParsedNote) -> (cards: [CardDraft], warnings: [IndexWarning]) {
        ([], [])
    }

    /// One warning per extra place a content key appears, naming both places.
    static func duplicateWarnings(_ drafts: [CardDraft]) -> [IndexWarning] {
        var first: [String: CardDraft] = [:]
        var warnings: [IndexWarning] = []
        for draft in drafts {
            if let original = first[draft.key] {
                warnings.append(IndexWarning(
                    path: draft.path, line: draft.line,
                    message: "duplicate card: same question as \(original.path):\(original.line); kept as one card"))
            } else {
                first[draft.key] = draft
            }
        }
        return warnings
    }
}
