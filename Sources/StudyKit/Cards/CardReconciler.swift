/// Decides which stored card each new draft is (DESIGN.md 5), as a pure function.
///
/// Identity is the content key, so a back edit or a move keeps the card. A front edit changes the
/// key; the reworded card is then paired with the card that vanished from the same note, by token
/// similarity, so its schedule and history follow it. A card that vanishes is retired, never
/// deleted, and its key brings it back. The store applies the returned plan in one transaction.
public enum CardReconciler {
    /// The plan for one index run.
    ///
    /// - Parameters:
    ///   - existing: cards the store holds. It must include every card whose path is in
    ///     `reparsedPaths` and every card whose key is a draft's key; passing all cards is fine.
    ///   - reparsedPaths: files parsed in this run: changed, added and deleted ones.
    ///   - drafts: all cards of those files (a deleted file contributes none), in file then
    ///     source order; when two drafts share a key the first one wins.
    ///
    /// Duplicate keys of explicit cards get a warning naming both places. Generated cards are
    /// deduplicated silently: two notes citing the same paper both yield "What is the key idea
    /// of ...?", which is not a mistake anyone should have to fix for `kb check` to pass.
    public static func plan(existing: [StoredCard], reparsedPaths: Set<String>, drafts: [CardDraft]) -> ReconcilePlan {
        plan(existing: existing, reparsedPaths: reparsedPaths, run: RunDrafts(drafts))
    }

    /// The same from drafts already rid of their own repeats (`RunDrafts`), which needs no store:
    /// the indexer makes them on another thread while the writer finishes the full-text index.
    public static func plan(existing: [StoredCard], reparsedPaths: Set<String>, run: RunDrafts) -> ReconcilePlan {
        var byKey: [String: StoredCard] = [:]
        for card in existing where byKey[card.key] == nil || byKey[card.key]?.status == .retired {
            byKey[card.key] = card
        }
        var plan = ReconcilePlan()
        var claimed: Set<Int64> = []
        var fresh: [CardDraft] = []
        // Drafts that repeat a stored card held by an unchanged file, by place in the drafts,
        // merged below with the run's own repeats so that warnings keep the drafts' order.
        var heldElsewhere: [RunDrafts.Repeat] = []
        for (index, draft) in run.firsts {
            guard let old = byKey[draft.key] else {
                fresh.append(draft)
                continue
            }
            if old.status != .retired && !reparsedPaths.contains(old.path) {
                heldElsewhere.append(RunDrafts.Repeat(index: index, dropping: draft, keptAt: old.path, old.line))
                continue
            }
            claimed.insert(old.id)
            plan.updates.append(update(old, with: draft))
        }
        plan.duplicatesOfStored = heldElsewhere.map(\.duplicate)
        var own = 0
        var held = 0
        while own < run.repeats.count || held < heldElsewhere.count {
            let next: RunDrafts.Repeat
            if held == heldElsewhere.count || (own < run.repeats.count && run.repeats[own].index < heldElsewhere[held].index) {
                next = run.repeats[own]
                own += 1
            } else {
                next = heldElsewhere[held]
                held += 1
            }
            RunDrafts.report(next, in: &plan.warnings)
            plan.duplicates.append(next.duplicate)
        }
        let vanished = existing.filter {
            $0.status != .retired && reparsedPaths.contains($0.path) && !claimed.contains($0.id)
        }
        let pairs = pair(vanished: vanished, fresh: fresh)
        let pairedDrafts = Set(pairs.map(\.draftIndex))
        let pairedCards = Set(pairs.map(\.card.id))
        for pair in pairs {
            let draft = fresh[pair.draftIndex]
            plan.updates.append(ReconcilePlan.Update(id: pair.card.id, draft: draft, reason: .reworded, isNoOp: false))
        }
        plan.inserts = fresh.indices.filter { !pairedDrafts.contains($0) }.map { fresh[$0] }
        plan.retirements = vanished.map(\.id).filter { !pairedCards.contains($0) }.sorted()
        return plan
    }

    /// The update of a stored card whose key a draft carries.
    private static func update(_ old: StoredCard, with draft: CardDraft) -> ReconcilePlan.Update {
        let reason: ReconcilePlan.Reason
        if old.status == .retired {
            reason = .revived
        } else if old.path != draft.path {
            reason = .moved
        } else if old.back != draft.back || old.front != draft.front {
            reason = .backEdited
        } else {
            reason = .unchanged
        }
        let isNoOp = reason == .unchanged && old.line == draft.line && old.ordinal == draft.ordinal
            && old.siblingGroup == draft.siblingGroup
        return ReconcilePlan.Update(id: old.id, draft: draft, reason: reason, isNoOp: isNoOp)
    }

    /// Best-first pairing of vanished cards with new drafts of the same note and kind.
    private static func pair(vanished: [StoredCard], fresh: [CardDraft]) -> [(card: StoredCard, draftIndex: Int)] {
        guard !vanished.isEmpty, !fresh.isEmpty else { return [] }
        struct Place: Hashable {
            var path: String
            var kind: CardKind
        }
        var freshByPlace: [Place: [Int]] = [:]
        for (index, draft) in fresh.enumerated() {
            freshByPlace[Place(path: draft.path, kind: draft.kind), default: []].append(index)
        }
        let freshTokens = fresh.map { TokenSimilarity.tokens($0.front) }
        var candidates: [(score: Double, vanishedIndex: Int, draftIndex: Int)] = []
        for (vanishedIndex, card) in vanished.enumerated() {
            guard let indices = freshByPlace[Place(path: card.path, kind: card.kind)] else { continue }
            let tokens = TokenSimilarity.tokens(card.front)
            for draftIndex in indices {
                let score = TokenSimilarity.similarity(tokens, freshTokens[draftIndex])
                if score >= TokenSimilarity.pairingThreshold { candidates.append((score, vanishedIndex, draftIndex)) }
            }
        }
        candidates.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            return (a.vanishedIndex, a.draftIndex) < (b.vanishedIndex, b.draftIndex)
        }
        var usedCards: Set<Int> = []
        var usedDrafts: Set<Int> = []
        var pairs: [(card: StoredCard, draftIndex: Int)] = []
        for candidate in candidates
        where !usedCards.contains(candidate.vanishedIndex) && !usedDrafts.contains(candidate.draftIndex) {
            usedCards.insert(candidate.vanishedIndex)
            usedDrafts.insert(candidate.draftIndex)
            pairs.append((vanished[candidate.vanishedIndex], candidate.draftIndex))
        }
        return pairs
    }

    /// A run's drafts with the repeats of a key within the run taken out: the first draft of a
    /// key wins, whatever the store holds.
    public struct RunDrafts: Sendable {
        /// A dropped draft, by its place in the drafts: its warning (none for a generated card)
        /// and the pair of files.
        public struct Repeat: Sendable {
            var index: Int
            var warning: IndexWarning?
            var duplicate: ReconcilePlan.Duplicate

            /// Draft `index` dropped for the card kept at `path:line`.
            init(index: Int, dropping draft: CardDraft, keptAt path: String, _ line: Int) {
                self.index = index
                warning = draft.kind == .generated ? nil : CardReconciler.duplicate(draft, keeping: path, line)
                duplicate = ReconcilePlan.Duplicate(path: draft.path, keptPath: path)
            }
        }

        /// The first draft of each key, in order, with its place in the drafts.
        public internal(set) var firsts: [(index: Int, draft: CardDraft)] = []
        /// The later drafts of those keys, in order.
        public internal(set) var repeats: [Repeat] = []

        public init(_ drafts: [CardDraft]) {
            var places = FirstPlaces(capacity: drafts.count)
            for (index, draft) in drafts.enumerated() {
                if let repeated = places.repeatOf(draft, index: index) {
                    repeats.append(repeated)
                } else {
                    firsts.append((index, draft))
                }
            }
        }

        /// Where the first draft of each key seen so far is: the first of a key wins, any later
        /// one is a repeat of it. Shared by `init` and a new file's note-by-note card sync
        /// (`AppDatabase.NewFileCards`), which sees the drafts a note at a time.
        struct FirstPlaces {
            private var places: [String: (path: String, line: Int)] = [:]

            init(capacity: Int = 0) { places.reserveCapacity(capacity) }

            /// Nil when `draft` is the first of its key (and now remembered), else the repeat
            /// (`index` is the draft's place in the run, for the order of report).
            mutating func repeatOf(_ draft: CardDraft, index: Int) -> Repeat? {
                if let first = places[draft.key] {
                    return Repeat(index: index, dropping: draft, keptAt: first.path, first.line)
                }
                places[draft.key] = (draft.path, draft.line)
                return nil
            }
        }

        /// Adds a repeat's warning to `warnings`, once per line: the deletions of one cloze line
        /// repeat together, and two copies of the same warning would say the same thing twice.
        static func report(_ repeated: Repeat, in warnings: inout [IndexWarning]) {
            if let warning = repeated.warning, warning != warnings.last { warnings.append(warning) }
        }
    }

    private static func duplicate(_ draft: CardDraft, keeping path: String, _ line: Int) -> IndexWarning {
        // Its bytes written into one string: a full index of the 7 MB benchmark corpus makes
        // 9,462 of these, and interpolating them (29 of the 58 million instructions of
        // `RunDrafts`, which the writer waits for) or appending the pieces (16 million) cost more
        // than the rest of the work on them.
        let pieces = [duplicateHead, path, ":", String(line), duplicateTail]
        let message = String(unsafeUninitializedCapacity: pieces.reduce(0) { $0 + $1.utf8.count }) { buffer in
            var count = 0
            for var piece in pieces {
                piece.withUTF8 { bytes in
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[count...]).initialize(from: bytes)
                    count += bytes.count
                }
            }
            return count
        }
        return IndexWarning(path: draft.path, line: draft.line, message: message)
    }

    private static let duplicateHead = "duplicate card: the same card is already at "
    private static let duplicateTail = "; only that one is kept (reword or remove one of them)"
}
