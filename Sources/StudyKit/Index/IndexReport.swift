/// What one run of the indexer did, for `kb index` to print.
public struct IndexReport: Sendable, Equatable {
    public var scanned = 0
    public var added = 0
    public var updated = 0
    public var removed = 0
    /// Files whose mtime or size changed but whose content did not.
    public var touched = 0
    /// Cards added, changed, moved, retired and revived (DESIGN.md 5).
    public var cards = ReconcilePlan.Counts()
    /// Every warning that currently stands for the indexed files, not only the re-parsed ones.
    public var warnings: [IndexWarning] = []
    /// How many warnings stand (see `Indexer.run(listWarnings:)`).
    public var warningCount = 0
    public var seconds = 0.0
    /// Wall time of each phase in order (scan, write and its parts, warnings), for benchmarks.
    public var phases: [Phase] = []

    public struct Phase: Sendable, Equatable {
        public var name: String
        public var seconds: Double
    }

    public init() {}

    public var changedAnything: Bool {
        added + updated + removed + cards.added + cards.changed + cards.moved + cards.retired + cards.revived > 0
    }
}
