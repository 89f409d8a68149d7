import Foundation
import GRDB

extension AppDatabase {
    /// What the card sync needs of the re-parsed notes that does not need the store: the drafts
    /// rid of their own repeats (most of the reconciler's work when copies of notes repeat
    /// thousands of cards), each note's deck and topics, the extractor's warnings. `applyIndex`
    /// makes it on another thread while the writer finishes the full-text index.
    struct CardWork: Sendable {
        var run: CardReconciler.RunDrafts
        var sources: [String: Source] = [:]
        /// The notes saved in this transaction (so their file rows exist).
        var saved: Set<String> = []
        var extractionWarnings: [IndexWarning] = []
        /// The pairs of files of the run's own repeats, each once.
        var repeatPairs: Set<ReconcilePlan.Duplicate> = []

        struct Source: Sendable {
            var deck: String
            var topics: [String]
        }

        /// The deck and topics of the note at `path` (the default deck and none for a path this
        /// run did not parse).
        func source(of path: String) -> Source {
            sources[path] ?? Source(deck: "notes", topics: [])
        }

        init(notes: [(ParsedNote, CardExtraction)]) {
            var drafts: [CardDraft] = []
            for (note, extraction) in notes {
                drafts += extraction.cards
                sources[note.path] = Source(deck: note.deck, topics: note.topics)
                extractionWarnings += extraction.warnings
            }
            saved = Set(sources.keys)
            run = CardReconciler.RunDrafts(drafts)
            // Repeats come file by file, so the pair of a repeat is mostly its predecessor's:
            // compared first, it is hashed once per run of equal pairs instead of per repeat.
            var last: ReconcilePlan.Duplicate?
            for repeated in run.repeats where repeated.duplicate != last {
                repeatPairs.insert(repeated.duplicate)
                last = repeated.duplicate
            }
        }
    }

    /// Brings the card table in line with the re-parsed notes (DESIGN.md 5), in the index's
    /// transaction: the reconciler decides, this applies. Review history is never deleted.
    func syncCards(_ db: Database, changedPaths: Set<String>, work: CardWork, today: Day) throws -> ReconcilePlan.Counts {
        let saved = work.saved
        try storeWarnings(db, work.extractionWarnings, saved: saved, batch: .cards)
        // Each key once (the run's first drafts): the list is parsed into a table by SQL. A
        // database without cards yet (a new one) is not asked: for the 7 MB benchmark corpus
        // the lookup of its 710 keys cost 11 million instructions, at the end of the index.
        let hasCards = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM card)") ?? true
        let existing = hasCards ? try storedCards(db, paths: changedPaths, keys: work.run.firsts.map(\.draft.key)) : []
        let plan = CardReconciler.plan(existing: existing, reparsedPaths: changedPaths, run: work.run)
        try storeWarnings(db, plan.warnings, saved: saved, batch: .reconcile)
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM cardDuplicate)") ?? true {
            try db.run(
                sql: "DELETE FROM cardDuplicate WHERE path IN (SELECT value FROM json_each(?))",
                arguments: [Self.jsonArray(Array(changedPaths))])
        }
        var pairs = GatheredRows<ReconcilePlan.Duplicate>(head: "INSERT OR IGNORE INTO cardDuplicate (path, keptPath)", columns: 2) {
            row, duplicate, first in
            row.bind(first, duplicate.path)
            row.bind(first + 1, duplicate.keptPath)
        }
        for duplicate in work.repeatPairs.union(plan.duplicatesOfStored) where saved.contains(duplicate.path) {
            try pairs.add(db, duplicate)
        }
        try pairs.flush(db)

        var newCards = NewCardRows(today: today)
        for draft in plan.inserts {
            let source = work.source(of: draft.path)
            try newCards.insert(db, draft, deck: source.deck, topics: source.topics)
        }
        try newCards.flush(db)
        for update in plan.updates where !update.isNoOp || update.reason == .revived {
            let draft = update.draft
            let source = work.source(of: draft.path)
            try db.run(
                sql: """
                    UPDATE card SET key = ?, kind = ?, front = ?, back = ?, deck = ?, path = ?, line = ?,
                        ordinal = ?, siblingGroup = ?,
                        status = CASE WHEN status = 'retired' THEN 'active' ELSE status END,
                        retiredDay = NULL
                    WHERE id = ?
                    """,
                arguments: [
                    draft.key, draft.kind.rawValue, draft.front, draft.back, source.deck, draft.path, draft.line,
                    draft.ordinal, draft.siblingGroup, update.id,
                ])
            try setTopics(db, card: update.id, source.topics)
        }
        // Cards of re-parsed notes whose note topics changed keep their topics in step.
        for update in plan.updates where update.isNoOp && update.reason != .revived {
            try setTopics(db, card: update.id, work.source(of: update.draft.path).topics)
        }
        for id in plan.retirements {
            try db.run(
                sql: "UPDATE card SET status = 'retired', retiredDay = ? WHERE id = ?",
                arguments: [today.daysSinceEpoch, id])
        }
        return plan.counts
    }

    /// New cards' rows: the card, then its schedule (`ScheduleState.new`) and its note's topics,
    /// those two gathered over many cards (`GatheredRows`). `flush` before the transaction ends.
    struct NewCardRows {
        let today: Day
        private var schedules: GatheredRows<Int64>
        private var topics = AppDatabase.topicRows(table: "cardTopic", owner: "cardId")

        init(today: Day) {
            self.today = today
            // OR IGNORE, like the other gathered rows: a multi-row statement that may abort
            // half-way on a key or NOT NULL keeps a statement journal (Schema v9), and a new
            // card's id has no schedule yet.
            let new = ScheduleState.new
            schedules = GatheredRows(
                head: "INSERT OR IGNORE INTO schedule (cardId, repetitions, ease, interval, due, lapses)", columns: 6
            ) { row, id, first in
                row.bind(first, id)
                row.bind(first + 1, new.repetitions)
                row.bind(first + 2, new.ease)
                row.bind(first + 3, new.interval)
                row.bind(first + 4, Int?.none)
                row.bind(first + 5, new.lapses)
            }
        }

        /// Adds `draft` as a new active card of the note with `deck` and `topics`.
        mutating func insert(_ db: Database, _ draft: CardDraft, deck: String, topics: [String]) throws {
            try db.insert(
                sql: """
                    INSERT INTO card (key, kind, front, back, deck, path, line, ordinal, siblingGroup, status, createdDay)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?)
                    """
            ) { row in
                row.bind(1, draft.key)
                row.bind(2, draft.kind.rawValue)
                row.bind(3, draft.front)
                row.bind(4, draft.back)
                row.bind(5, deck)
                row.bind(6, draft.path)
                row.bind(7, draft.line)
                row.bind(8, draft.ordinal)
                row.bind(9, draft.siblingGroup)
                row.bind(10, today.daysSinceEpoch)
            }
            let id = db.lastInsertedRowID
            try schedules.add(db, id)
            try self.topics.add(db, owner: id, topics: topics)
        }

        mutating func flush(_ db: Database) throws {
            try schedules.flush(db)
            try topics.flush(db)
        }
    }

    /// The card sync of a new database file, note by note as the writer stores them, instead of
    /// `CardWork` and `syncCards` after the last note.
    ///
    /// With nothing stored, the reconciler's plan is the run's own (`CardReconciler.RunDrafts`):
    /// each key's first draft, in file order, is a new card, and every later draft of the key is
    /// a repeat, with a warning unless it is a generated card (DESIGN.md 5). The writer stores
    /// the files in that same order, so a note's cards are settled the moment it is stored, while
    /// the parse threads are still at work. After them, the card sync ran with one core idle:
    /// 15-23 ms of a 250 ms full index of the 7 MB corpus, which copies its notes twenty times
    /// (then 9,499 duplicate-card warnings, 6,832 since a line's repeats give one), after a
    /// helper thread had made the plan. Note by note, the process takes 12 ms less CPU (381
    /// against 393 ms, medians of 31 alternated runs), though the wall time barely moved (246
    /// against 247 ms) until the parse threads made room for the writer
    /// (`Indexer.parsePriorityDrop`). The rows are the ones `syncCards` writes, down to the card
    /// ids and each warning's `seq`: a test compares the two ways table by table.
    struct NewFileCards {
        /// Each key's first draft, where it is.
        private var firsts = CardReconciler.RunDrafts.FirstPlaces()
        private var rows: NewCardRows
        private var pairs = GatheredRows<ReconcilePlan.Duplicate>(
            head: "INSERT OR IGNORE INTO cardDuplicate (path, keptPath)", columns: 2
        ) { row, duplicate, first in
            row.bind(first, duplicate.path)
            row.bind(first + 1, duplicate.keptPath)
        }
        /// The pair of the last repeat: repeats come in runs of the same pair of files.
        private var lastPair: ReconcilePlan.Duplicate?
        /// How many warnings of each batch the run stored so far (the next one's `seq`).
        private var extractionWarnings = 0
        private var repeatWarnings = 0
        private(set) var counts = ReconcilePlan.Counts()

        init(today: Day) { rows = NewCardRows(today: today) }

        /// Stores the cards of a note just saved (its file row exists), of `deck` and `topics`.
        mutating func add(
            _ db: Database, _ extraction: CardExtraction, deck: String, topics: [String], in database: AppDatabase
        ) throws {
            try database.insertWarnings(db, extraction.warnings, batch: .cards, firstIndex: extractionWarnings)
            extractionWarnings += extraction.warnings.count
            var repeats: [IndexWarning] = []
            for index in extraction.cards.indices {
                guard let repeated = firsts.repeatOf(extraction.cards[index], index: index) else {
                    try rows.insert(db, extraction.cards[index], deck: deck, topics: topics)
                    counts.added += 1
                    continue
                }
                CardReconciler.RunDrafts.report(repeated, in: &repeats)
                if repeated.duplicate != lastPair {
                    try pairs.add(db, repeated.duplicate)
                    lastPair = repeated.duplicate
                }
            }
            try database.insertWarnings(db, repeats, batch: .reconcile, firstIndex: repeatWarnings)
            repeatWarnings += repeats.count
        }

        /// Writes what is still gathered; returns what the run did to the cards.
        mutating func finish(_ db: Database) throws -> ReconcilePlan.Counts {
            try rows.flush(db)
            try pairs.flush(db)
            return counts
        }
    }

    /// Strings as a JSON array, the one form a list takes into SQL here (`json_each(?)`). Only
    /// for lists that cannot hold a NUL (ids, paths, card keys): SQLite 3.40's JSON ends a
    /// string at `\u0000`.
    ///
    /// Written by hand: JSONEncoder took 2% of a full index for the card keys. Quotes,
    /// backslashes and control characters are escaped; everything else is UTF-8 as it is.
    static func jsonArray(_ values: [String]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(values.reduce(2) { $0 + $1.utf8.count + 3 })
        let hex = Array("0123456789abcdef".utf8)
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    out += [UInt8(ascii: "\\"), byte]
                case 0..<0x20:
                    out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                default:
                    out.append(byte)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Files that dropped a duplicate of a card held by one of `paths`: when a holder changes,
    /// they are read again so that their copy can take the card over.
    func duplicateHolders(of paths: [String]) throws -> Set<String> {
        guard !paths.isEmpty else { return [] }
        return try read { db in
            Set(try String.fetchAll(
                db, sql: "SELECT DISTINCT path FROM cardDuplicate WHERE keptPath IN (SELECT value FROM json_each(?))",
                arguments: [Self.jsonArray(paths)]))
        }
    }

    /// Stores warnings about the files saved in this run (`saved`); a warning about any other
    /// file has no row to belong to and is skipped (the foreign key would refuse it).
    private func storeWarnings(_ db: Database, _ warnings: [IndexWarning], saved: Set<String>, batch: WarningBatch) throws {
        try insertWarnings(db, warnings.filter { saved.contains($0.path) }, batch: batch)
    }

    private func setTopics(_ db: Database, card id: Int64, _ topics: [String]) throws {
        try db.run(sql: "DELETE FROM cardTopic WHERE cardId = ?", arguments: [id])
        var rows = Self.topicRows(table: "cardTopic", owner: "cardId")
        try rows.add(db, owner: id, topics: topics)
        try rows.flush(db)
    }

    /// The cards the reconciler needs: those of the re-parsed files and those whose key a draft
    /// has (a move or a revival), not the whole collection, so editing one note stays cheap.
    private func storedCards(_ db: Database, paths: Set<String>, keys: [String]) throws -> [StoredCard] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT id, key, kind, front, back, path, line, ordinal, siblingGroup, status FROM card
                WHERE path IN (SELECT value FROM json_each(?)) OR key IN (SELECT value FROM json_each(?))
                ORDER BY id
                """,
            arguments: [Self.jsonArray(Array(paths)), Self.jsonArray(keys)]
        ).map { row in
            StoredCard(
                id: row["id"], key: row["key"], kind: CardKind(rawValue: row["kind"]) ?? .basic, front: row["front"],
                back: row["back"], path: row["path"], line: row["line"], ordinal: row["ordinal"],
                siblingGroup: row["siblingGroup"], status: StoredCard.Status(rawValue: row["status"]) ?? .active)
        }
    }
}
