/// The kinds of card; the raw value is stored and part of the content key.
public enum CardKind: String, Sendable, Equatable, Codable, CaseIterable {
    /// `Question :: Answer`, or a multi-line card around a lone `?`.
    case basic
    /// The reverse of a `Term ::: Definition` pair (the forward side is `basic`).
    case reversed
    /// A cloze deletion (`{{c1::...}}` or `{{...}}`).
    case cloze
    /// Generated from a note's structure (DESIGN.md 4).
    case generated
}

/// A card as found in a file, before it has an id or a schedule.
///
/// Made with the memberwise initializer, like `Block` (an initializer written out here made
/// Swift copy each card appended to an array).
public struct CardDraft: Sendable, Equatable {
    public var kind: CardKind
    /// Markdown of the question side. For a cloze: the text with the asked deletion shown as `[...]`.
    public var front: String
    /// Markdown of the answer side. For a cloze: the full text with the deletion revealed.
    public var back: String
    /// The content key (DESIGN.md 5), see `ContentKey`.
    public var key: String
    /// Path relative to the root and 1-based line of the card's source.
    public var path: String
    public var line: Int
    /// Cards made from the same source (both sides of `:::`, all deletions of one cloze text)
    /// share a sibling group; nil when the card has no siblings.
    public var siblingGroup: String? = nil
    /// Position in the file, for "new cards in source order".
    public var ordinal: Int = 0
}
