import Foundation
import GRDB
import GRDBSQLite

extension AppDatabase {
    /// What the database remembers of every indexed file, by path.
    func fileStamps() throws -> [String: FileStamp] {
        try read { db in
            // A cursor and column positions: every command runs this before its own work.
            let rows = try Row.fetchCursor(db, sql: "SELECT path, mtime, size, hash FROM file")
            var stamps: [String: FileStamp] = [:]
            while let row = try rows.next() {
                let stamp = FileStamp(path: row[0], mtime: row[1], size: row[2], hash: row[3])
                stamps[stamp.path] = stamp
            }
            return stamps
        }
    }

    /// Every warning stored for the indexed files, by path and line.
    public func allWarnings() throws -> [IndexWarning] {
        try read { db in
            // The table's own order (Schema v9): a scan, no sort. Read through SQLite's C API, and
            // a path shared by the warnings before it made into a string once: after a full index
            // of the 7 MB benchmark corpus (9,462 warnings) GRDB's rows cost 24 million
            // instructions, at the end of the index where nothing else runs.
            let statement = try db.makeStatement(sql: "SELECT path, line, message FROM warning ORDER BY path, line, seq")
            let handle = statement.sqliteStatement
            var warnings: [IndexWarning] = []
            var path = ""
            while true {
                let code = sqlite3_step(handle)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
                let bytes = Self.columnBytes(handle, 0)
                let samePath = path.utf8.withContiguousStorageIfAvailable { held in
                    held.count == bytes.count && (bytes.isEmpty || memcmp(held.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
                } ?? false
                if !samePath { path = String(decoding: bytes, as: UTF8.self) }
                let line = Int(sqlite3_column_int64(handle, 1))
                let message = String(decoding: Self.columnBytes(handle, 2), as: UTF8.self)
                warnings.append(IndexWarning(path: path, line: line == 0 ? nil : line, message: message))
            }
            return warnings
        }
    }

    /// The bytes of a text column of the current row, valid until the next step.
    private static func columnBytes(_ handle: OpaquePointer, _ column: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let text = sqlite3_column_text(handle, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// What one index transaction wrote.
    struct IndexOutcome {
        var added = 0
        var updated = 0
        var touched = 0
        var cards = ReconcilePlan.Counts()
        var phases: [IndexReport.Phase] = []
        /// Full-text batches written, one FTS5 segment each.
        var searchBatches = 0
    }

    /// The fingerprint of the tree the index was last brought up to date with.
    public func treeFingerprint() throws -> String? {
        try read { try treeFingerprint($0) }
    }

    func treeFingerprint(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'tree'")
    }

    func setTreeFingerprint(_ db: Database, _ fingerprint: String) throws {
        try db.run(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('tree', ?)", arguments: [fingerprint])
    }

    func setTreeFingerprint(_ fingerprint: String) throws {
        try write { try setTreeFingerprint($0, fingerprint) }
    }

    /// How many warnings are stored.
    public func warningCount() throws -> Int {
        try read { try Int.fetchOne($0, sql: "SELECT count(*) FROM warning") ?? 0 }
    }

    /// Writes one index run in one transaction: removed files, then the `count` candidates in
    /// order as `feed` hands them over, then the cards (into a new, empty file, `newFile`, each
    /// note's cards go in with it: `NewFileCards`). Each candidate goes back to the feed once it
    /// is stored (the parse threads free it).
    func applyIndex(
        removed: [String], count: Int, feed: some ParsedFeed, fingerprint: String, today: Day, newFile: Bool = false
    ) throws -> IndexOutcome {
        try write(building: true) { db in
            var outcome = IndexOutcome()
            try setTreeFingerprint(db, fingerprint)
            for path in removed {
                try deleteNote(db, path: path)
                try db.run(sql: "DELETE FROM file WHERE path = ?", arguments: [path])
            }
            var changedPaths = Set(removed)
            var notes: [(ParsedNote, CardExtraction)] = []
            var sectionIDs: [Int64] = []
            var topics = Self.topicRows(table: "topic", owner: "noteId")
            // A new file's cards go in with their notes (`NewFileCards`); any other index's are
            // reconciled with the stored ones after the last note.
            var newFileCards = newFile ? NewFileCards(today: today) : nil
            for index in 0..<count {
                let entry: Indexer.Parsed
                if let parsed = feed.poll(index) {
                    entry = parsed
                } else {
                    // The parser is behind: the full-text work pending fills the wait, as a
                    // segment of its own (see `searchBatchWhileWaiting`).
                    if sectionIDs.count >= Self.searchBatchWhileWaiting {
                        try indexSections(db, sectionIDs, outcome: &outcome)
                        sectionIDs.removeAll(keepingCapacity: true)
                    }
                    entry = feed.wait(for: index)
                }
                if entry.unchanged {
                    outcome.touched += 1
                    try db.run(
                        sql: "UPDATE file SET mtime = ?, size = ? WHERE path = ?",
                        arguments: [entry.stamp.mtime, entry.stamp.size, entry.stamp.path])
                    feed.retire(entry)
                    continue
                }
                try saveFile(db, entry, sectionIDs: &sectionIDs, topics: &topics)
                // In batches of at most `searchBatch` sections, each one FTS5 segment.
                if sectionIDs.count >= Self.searchBatch {
                    try indexSections(db, sectionIDs, outcome: &outcome)
                    sectionIDs.removeAll(keepingCapacity: true)
                }
                if entry.isNew { outcome.added += 1 } else { outcome.updated += 1 }
                changedPaths.insert(entry.stamp.path)
                if let note = entry.note, newFileCards != nil {
                    try newFileCards?.add(db, entry.cards, deck: note.deck, topics: note.topics, in: self)
                } else if var note = entry.note {
                    // Card sync needs the path, deck and topics only. The text is shared with
                    // `entry` until the parse thread it is retired to frees it.
                    note.sections = []
                    note.links = []
                    notes.append((note, entry.cards))
                }
                feed.retire(entry)
            }
            try topics.flush(db)
            var clock = PhaseClock()
            if var newFileCards {
                try indexSections(db, sectionIDs, outcome: &outcome)
                outcome.phases.append(clock.lap("search index"))
                outcome.cards = try newFileCards.finish(db)
                outcome.phases.append(clock.lap("cards"))
                return outcome
            }
            // The cards' work that needs no store runs on another thread meanwhile: the parse
            // threads are done, and a core would otherwise idle while the writer finishes.
            let work = Pending<CardWork>()
            let parsedNotes = notes
            notes = []  // the helper drops the parsed notes, and frees what only they hold
            Thread {
                work.fulfil(CardWork(notes: parsedNotes))
                // Freed only once the writer has the work, which it may be waiting for.
                withExtendedLifetime(parsedNotes) {}
            }.start()
            try indexSections(db, sectionIDs, outcome: &outcome)
            outcome.phases.append(clock.lap("search index"))
            outcome.cards = try syncCards(db, changedPaths: changedPaths, work: work.wait(), today: today)
            outcome.phases.append(clock.lap("cards"))
            return outcome
        }
    }

    private func deleteNote(_ db: Database, path: String) throws {
        // Sections are deleted explicitly so that the FTS delete trigger runs for each of them.
        try db.run(sql: "DELETE FROM section WHERE noteId IN (SELECT id FROM note WHERE path = ?)", arguments: [path])
        try db.run(sql: "DELETE FROM note WHERE path = ?", arguments: [path])
    }

    /// Warning rows; their files' rows must exist (the foreign key). A full index of the 7 MB
    /// corpus stores about 6,800 of them, up to 64 to a statement. OR IGNORE (no value bound is
    /// ever NULL) and the deferred key (Schema v9) spare each statement a statement journal; the
    /// same goes for topics and links.
    ///
    /// A file's warnings are all written in the run that stores the file, in up to three batches
    /// (`WarningBatch`): a row's `seq` is its batch, then its place in the batch (`firstIndex`
    /// when the batch is written over several calls, `NewFileCards`), so it is unique for its
    /// path (OR IGNORE never meets a duplicate key) and keeps the order of report. A
    /// warning without a line is stored at line 0 (`allWarnings` reads it back as none).
    func insertWarnings(_ db: Database, _ warnings: [IndexWarning], batch: WarningBatch, firstIndex: Int = 0) throws {
        let base = (batch.rawValue << 32) + firstIndex
        try db.insertRows(warnings.count, head: "INSERT OR IGNORE INTO warning (path, line, seq, message)", columns: 4, perStatement: 64) {
            row, index, first in
            let warning = warnings[index]
            row.bind(first, warning.path)
            row.bind(first + 1, warning.line ?? 0)
            row.bind(first + 2, base + index)
            row.bind(first + 3, warning.message)
        }
    }

    /// Where a file's warnings come from, in the order they are stored.
    enum WarningBatch: Int {
        /// The parser's, written with the file.
        case parse = 0
        /// The card extractor's, per note.
        case cards = 1
        /// The reconciler's, across notes (duplicate cards).
        case reconcile = 2
    }

    /// Rows of one table gathered over many notes or cards and written 64 to a statement.
    ///
    /// Written per note or card, a note's five or six topics took a statement each, whose start
    /// and end cost more than its rows: 10,000 instructions a topic row, 68 million for the 7,600
    /// topic rows of a full index of the 7 MB corpus, on the writer; gathered, 50 million. (Links,
    /// eleven a note, gathered the same way cost 8 million more than a note's own statements:
    /// each row carried its strings over, and their statements were already full.) What is
    /// gathered must be written (`flush`) before the transaction ends and before anything
    /// reads the table.
    struct GatheredRows<Row> {
        private let head: String
        private let columns: Int
        private let bind: (RowBinder, Row, Int32) -> Void
        private var rows: [Row] = []

        /// `head` is the statement up to VALUES; `bind(row, value, first)` binds a row's
        /// `columns` values from parameter `first` on (`Database.insertRows`).
        init(head: String, columns: Int, bind: @escaping (RowBinder, Row, Int32) -> Void) {
            self.head = head
            self.columns = columns
            self.bind = bind
        }

        static var perStatement: Int { 64 }

        /// Adds a row, and writes a statement's worth once there is one.
        mutating func add(_ db: Database, _ row: Row) throws {
            rows.append(row)
            if rows.count >= Self.perStatement { try flush(db) }
        }

        /// Writes every row gathered.
        mutating func flush(_ db: Database) throws {
            try db.insertRows(rows.count, head: head, columns: columns, perStatement: Self.perStatement) {
                binder, index, first in
                bind(binder, rows[index], first)
            }
            rows.removeAll(keepingCapacity: true)
        }
    }

    /// A note's or a card's topics (`table` is `topic` or `cardTopic`, `owner` its id column),
    /// added with `add(_:owner:topics:)`. Bound as values, not passed as a JSON list: SQLite
    /// 3.40's JSON ends a string at `\u0000`, and a topic from YAML may hold one.
    static func topicRows(table: String, owner: String) -> GatheredRows<(Int64, String)> {
        GatheredRows(head: "INSERT OR IGNORE INTO \(table) (\(owner), name)", columns: 2) { row, topic, first in
            row.bind(first, topic.0)
            row.bind(first + 1, topic.1)
        }
    }
}

extension AppDatabase.GatheredRows where Row == (Int64, String) {
    /// Adds the topic rows of one note or card (`AppDatabase.topicRows`).
    mutating func add(_ db: Database, owner id: Int64, topics: [String]) throws {
        for topic in topics { try add(db, (id, topic)) }
    }
}

extension AppDatabase {
    /// Sections per full-text batch: about 4 MB of text in our notes, and a hash of pending
    /// terms well under `hashsize` (Schema v7). Each batch becomes one FTS5 segment, and FTS5
    /// then merged four segments of a level into one (its default, eight since v8): with batches
    /// of 2,000 sections, a full index of the 7 MB corpus wrote four segments and merged them at
    /// once (72 of its 3,150 million instructions). Larger batches mean fewer segments to write
    /// and merge again.
    static let searchBatch = 8_000

    /// The fewest sections worth a segment of their own when the writer would otherwise wait
    /// for the parser. At the end of the run, the parse threads are done and the last batch
    /// keeps the writer alone: in a full index of the 7 MB corpus the writer waited 0.07-0.1 s
    /// for the parser, then indexed all 7,560 sections with one core idle. Full-text work done
    /// while waiting is free; the segments it makes are merged eight at a time (Schema v8).
    static let searchBatchWhileWaiting = 1_500

    /// Adds the new sections to the full-text table in one statement (see `Schema` v3 for why
    /// there is no insert trigger).
    private func indexSections(_ db: Database, _ ids: [Int64], outcome: inout IndexOutcome) throws {
        guard !ids.isEmpty else { return }
        outcome.searchBatches += 1
        let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
        try db.execute(
            sql: """
                INSERT INTO sectionFts (rowid, title, heading, topics, body)
                SELECT id, title, heading, topics, body FROM section WHERE id IN (SELECT value FROM json_each(?))
                """,
            arguments: [list])
    }

    private func saveFile(
        _ db: Database, _ entry: Indexer.Parsed, sectionIDs: inout [Int64], topics: inout GatheredRows<(Int64, String)>
    ) throws {
        let stamp = entry.stamp
        // A file without a row has no note, warnings or sections either (they reference the row,
        // and foreign keys are on): one insert for it, where a known file takes four statements.
        // Asked of the database here, not of the scan: another kb may have indexed it meanwhile.
        try db.insert(sql: "INSERT OR IGNORE INTO file (path, mtime, size, hash, skipped) VALUES (?, ?, ?, ?, ?)") { row in
            row.bind(1, stamp.path)
            row.bind(2, stamp.mtime)
            row.bind(3, stamp.size)
            row.bind(4, stamp.hash)
            row.bind(5, entry.note == nil)
        }
        if db.changesCount == 0 {
            try db.insert(sql: "UPDATE file SET mtime = ?, size = ?, hash = ?, skipped = ? WHERE path = ?") { row in
                row.bind(1, stamp.mtime)
                row.bind(2, stamp.size)
                row.bind(3, stamp.hash)
                row.bind(4, entry.note == nil)
                row.bind(5, stamp.path)
            }
            try db.run(sql: "DELETE FROM warning WHERE path = ?", arguments: [stamp.path])
            try deleteNote(db, path: stamp.path)
        }
        try insertWarnings(
            db, entry.warnings.map { IndexWarning(path: stamp.path, line: $0.line, message: $0.message) }, batch: .parse)
        guard let note = entry.note else { return }
        try db.insert(sql: "INSERT INTO note (path, title, isDeck, demo, cardsMode) VALUES (?, ?, ?, ?, ?)") { row in
            row.bind(1, note.path)
            row.bind(2, note.title)
            row.bind(3, note.isDeck)
            row.bind(4, note.demo)
            row.bind(5, note.cardsMode.rawValue)
        }
        let noteId = db.lastInsertedRowID
        try topics.add(db, owner: noteId, topics: note.topics)
        let topicList = note.topics.joined(separator: " ")
        let insertSection = try db.cachedStatement(sql: """
            INSERT INTO section (noteId, ordinal, title, heading, topics, body, level, line, endLine)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        // Sections and links are read where they are in their arrays: bound to a local, each
        // was copied (its strings retained and released).
        let sections = note.sections
        for ordinal in sections.indices {
            try db.insert(insertSection) { row in
                row.bind(1, noteId)
                row.bind(2, ordinal)
                row.bind(3, note.title)
                row.bind(4, entry.headings[ordinal])
                row.bind(5, topicList)
                row.bind(6, sections[ordinal].body)
                row.bind(7, sections[ordinal].level)
                row.bind(8, sections[ordinal].line)
                row.bind(9, sections[ordinal].endLine)
            }
            sectionIDs.append(db.lastInsertedRowID)
        }
        let links = note.links
        try db.insertRows(
            links.count, head: "INSERT OR IGNORE INTO link (noteId, line, url, text, title, isExternal, host, targetPath, heading)",
            columns: 9, perStatement: 16
        ) { row, index, first in
            let line = links[index].line
            row.bind(first, noteId)
            row.bind(first + 1, line)
            row.bind(first + 2, links[index].url)
            row.bind(first + 3, links[index].text)
            row.bind(first + 4, links[index].title)
            row.bind(first + 5, links[index].isExternal)
            row.bind(first + 6, links[index].host)
            row.bind(first + 7, links[index].targetPath)
            row.bind(first + 8, sections.lastIndex { $0.line <= line }.map { sections[$0].heading } ?? "")
        }
    }
}
