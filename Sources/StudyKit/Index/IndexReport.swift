/// What one run of the indexer did, for `kb index` to print.
public struct IndexReport: Sendable, Equatable {
    public var scanned = 0
    public var added = 0
    public var updated = 0
    public var removed = 0
    /// Files whose mtime or size changed but whose content did not.
    public var touched = 0
    public var cardsAdded = 0
    public var cardsChanged = 0
    public var cardsMoved = 0
    public var cardsRetired = 0
    public var cardsRevived = 0
    /// Every warning that currently stands for the indexed files, not only the re-parsed ones.
    public var warnings: [IndexWarning] = []
    public var seconds = 0.0
    /// Megabytes of Markdown read and parsed in this run.
    public var bytesParsed = 0

    public init() {}

    public var changedAnything: Bool {
        added + updated + removed + cardsAdded + cardsChanged + cardsMoved + cardsRetired + cardsRevived > 0
    }
}
