/// What to write so that the card table matches the re-parsed files (see `CardReconciler`).
public struct ReconcilePlan: Sendable, Equatable {
    /// Why an existing card is rewritten, in order of precedence when several apply.
    public enum Reason: String, Sendable, Equatable, CaseIterable {
        /// A retired card whose content is back: it becomes active again with its history.
        case revived
        /// The front was edited and paired with the vanished card by similarity; the key changes.
        case reworded
        /// Same key, now in another file.
        case moved
        /// Same key and file, different back.
        case backEdited
        /// Same key, file and back (the line, ordinal or sibling group may still have changed).
        case unchanged
    }

    /// An existing card that takes over a draft's content (and, when reworded, its key).
    public struct Update: Sendable, Equatable {
        public var id: Int64
        public var draft: CardDraft
        public var reason: Reason
        /// True when nothing stored would change: the store may skip the write.
        public var isNoOp: Bool

        public init(id: Int64, draft: CardDraft, reason: Reason, isNoOp: Bool) {
            self.id = id
            self.draft = draft
            self.reason = reason
            self.isNoOp = isNoOp
        }
    }

    /// The figures `kb index` reports.
    public struct Counts: Sendable, Equatable {
        public var added = 0
        /// Back edited or front reworded.
        public var changed = 0
        public var moved = 0
        public var retired = 0
        public var revived = 0

        public init(added: Int = 0, changed: Int = 0, moved: Int = 0, retired: Int = 0, revived: Int = 0) {
            self.added = added
            self.changed = changed
            self.moved = moved
            self.retired = retired
            self.revived = revived
        }
    }

    /// New cards: each needs an id and a fresh `ScheduleState.new`.
    public var inserts: [CardDraft] = []
    /// Existing cards to rewrite from their draft. A revived card becomes `active`; any other
    /// update keeps its status (a suspended card stays suspended).
    public var updates: [Update] = []
    /// Ids of cards that vanished: set `retired`, keep schedule and history.
    public var retirements: [Int64] = []
    /// Duplicate keys, naming both places; the later draft is dropped.
    public var warnings: [IndexWarning] = []
    /// Every dropped duplicate (explicit or generated): the file of the dropped draft and the
    /// file that holds the card. When the holder changes, the dropped one must be read again,
    /// or its copy of the card would be missed (see `Indexer`).
    public var duplicates: [Duplicate] = []
    /// The part of `duplicates` that repeats a stored card held by an unchanged file (the rest
    /// repeat a draft of the run: `CardReconciler.RunDrafts.repeats`).
    var duplicatesOfStored: [Duplicate] = []

    public struct Duplicate: Sendable, Equatable, Hashable {
        public var path: String
        public var keptPath: String
    }

    public init() {}

    /// Added, changed, moved, retired and revived cards, from the plan itself.
    public var counts: Counts {
        var counts = Counts(added: inserts.count, retired: retirements.count)
        for update in updates {
            switch update.reason {
            case .revived: counts.revived += 1
            case .reworded, .backEdited: counts.changed += 1
            case .moved: counts.moved += 1
            case .unchanged: break
            }
        }
        return counts
    }
}
