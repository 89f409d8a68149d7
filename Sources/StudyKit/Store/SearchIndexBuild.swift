import CSQLiteSupport
import Foundation
import GRDB
import GRDBSQLite

/// The full-text index of a new database file, built on a thread and an in-memory connection of
/// its own while the writer stores everything else, then copied into the file.
///
/// SQLite lets one connection write a file at a time, so inline the writer tokenized and hashed
/// every section itself: 0.72 of its 1.18 billion instructions in a full index of the 7 MB
/// corpus, and the last batch of them ran after the parse threads were done, one core idle.
/// Here a second connection runs the same FTS5 table (its definition and settings read from the
/// file) in memory, fed by one long `INSERT ... SELECT FROM kb_text_rows(?)` whose rows the
/// writer hands over as it stores each note (rows.c): one statement, so FTS5 writes a segment
/// only when its buffer is full (`hashSize`), and the work runs beside the writer's. What it
/// builds is small (4 MB of segments for the 7 MB corpus): its shadow tables are copied into
/// the file's at the end (`copy`). The table's settings stay the file's own (`sectionFts_config`
/// is not copied).
///
/// Only for a new file: the sections' ids are the writer's, and the file's index must be empty
/// before the copy. The copy is checked by FTS5's integrity check in the tests.
final class SearchIndexBuild: @unchecked Sendable {
    /// A stored note's sections, with their ids in the file.
    private struct Item {
        var ids: [Int64]
        var entry: Indexer.Parsed
    }

    /// The shadow tables that hold the index (FTS5's `_config` holds the settings, kept as they are).
    static let copiedTables = ["sectionFts_data", "sectionFts_idx", "sectionFts_docsize"]

    private let connection: OpaquePointer
    private let retire: @Sendable (Indexer.Parsed) -> Void

    private let condition = NSCondition()
    private var items: [Item] = []
    private var finished = false
    private var outcome: Result<Image, any Error>?

    // The build thread's own buffer for the texts of the current row.
    private var buffer = UnsafeMutableRawPointer.allocate(byteCount: 1 << 16, alignment: 8)
    private var capacity = 1 << 16

    /// Opens the in-memory connection with `db`'s full-text table and starts the thread.
    /// `retire` is called with each entry once its sections are indexed.
    init(like db: Database, retire: @escaping @Sendable (Indexer.Parsed) -> Void) throws {
        self.retire = retire
        guard let definition = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'sectionFts'") else {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "no full-text table to build")
        }
        let settings = try Row.fetchAll(db, sql: "SELECT k, v FROM sectionFts_config WHERE k != 'version'")
        var handle: OpaquePointer?
        let opened = sqlite3_open_v2(":memory:", &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        guard opened == SQLITE_OK, let handle else {
            sqlite3_close(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: opened), message: "cannot open an in-memory database")
        }
        connection = handle
        do {
            try Self.check(kb_sqlite_register_fts5(handle), handle)
            try Self.check(kb_sqlite_register_text_rows(handle), handle)
            try Self.execute(handle, definition)
            // The same settings (hashsize, automerge: Schema v7, v8), through FTS5's own commands.
            for setting in settings {
                let statement = try Self.prepare(handle, "INSERT INTO sectionFts (sectionFts, rank) VALUES (?, ?)")
                defer { sqlite3_finalize(statement) }
                let name: String = setting[0]
                let value: DatabaseValue = setting[1]
                sqlite3_bind_text(statement, 1, name, -1, Self.transient)
                switch value.storage {
                case .int64(let number): sqlite3_bind_int64(statement, 2, number)
                case .double(let number): sqlite3_bind_double(statement, 2, number)
                case .string(let text): sqlite3_bind_text(statement, 2, text, -1, Self.transient)
                default: sqlite3_bind_null(statement, 2)
                }
                try Self.check(sqlite3_step(statement), handle, done: true)
            }
            try Self.execute(handle, "INSERT INTO sectionFts (sectionFts, rank) VALUES ('hashsize', \(Self.hashSize))")
        } catch {
            sqlite3_close(handle)
            buffer.deallocate()
            throw error
        }
        Thread { self.run() }.start()
    }

    deinit {
        sqlite3_close(connection)
        buffer.deallocate()
    }

    /// Hands over a stored note's sections (`ids` in order); the entry is retired once indexed.
    func add(ids: [Int64], entry: Indexer.Parsed) {
        condition.lock()
        defer { condition.unlock() }
        items.append(Item(ids: ids, entry: entry))
        if items.count >= Self.wakeBatch { condition.signal() }
    }

    /// No more sections: the thread finishes the index. Safe to call more than once.
    func finish() {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        condition.broadcast()
    }

    /// Waits for the index, then replaces the file's (empty) one with it, inside the writer's
    /// transaction: the built database is attached to the writer's connection as a read-only
    /// in-memory copy, and each shadow table is copied with `INSERT ... SELECT *`, which SQLite
    /// runs as a transfer of whole records into the empty table (no decoding, no seek). Attached
    /// until that connection closes, which `AppDatabase.publish` does right after the index:
    /// DETACH is refused inside the transaction that read it.
    func copy(into db: Database) throws {
        finish()
        condition.lock()
        while outcome == nil { condition.wait() }
        let result = outcome!
        condition.unlock()
        let image = try result.get()
        try db.execute(sql: "ATTACH ':memory:' AS \(Self.attachedName)")
        let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY)
        // On failure SQLite frees the image itself (FREEONCLOSE).
        let code = sqlite3_deserialize(db.sqliteConnection, Self.attachedName, image.bytes, image.size, image.size, flags)
        image.taken()
        try Self.check(code, db.sqliteConnection!)
        for table in Self.copiedTables {
            try db.execute(sql: "DELETE FROM main.\(table); INSERT INTO main.\(table) SELECT * FROM \(Self.attachedName).\(table)")
        }
    }

    static let attachedName = "kbSearchBuild"

    /// Items the writer hands over before it wakes the build thread, which otherwise woke (and
    /// went back to sleep) for each note.
    static let wakeBatch = 8

    /// FTS5's buffer of pending terms in the build's table, in bytes: it writes a segment each
    /// time the buffer is this full. The file's own setting (32 MB, Schema v7) suits a statement
    /// per batch of sections; here one statement runs the whole build, and a buffer that grows
    /// to hold the whole index outgrows the processor's caches: 16 alternated full indexes of
    /// the 7 MB corpus took a median 1,030 ms of CPU (585 ms wall) with it, 960 ms (550 ms)
    /// with 4 MB. Only the build's table has it: the file keeps its own settings.
    static let hashSize = 4 << 20

    /// The built database as bytes (`sqlite3_serialize`), owned until `taken`.
    private final class Image: @unchecked Sendable {
        let bytes: UnsafeMutablePointer<UInt8>
        let size: Int64
        private var owned = true

        init(bytes: UnsafeMutablePointer<UInt8>, size: Int64) {
            self.bytes = bytes
            self.size = size
        }

        func taken() { owned = false }

        deinit { if owned { sqlite3_free(bytes) } }
    }

    private func run() {
        var source = kb_row_source(
            context: Unmanaged.passUnretained(self).toOpaque(),
            next: { context, row in
                Unmanaged<SearchIndexBuild>.fromOpaque(context!).takeUnretainedValue().next(row!)
            })
        let result = Result<Image, any Error> {
            let statement = try Self.prepare(connection, """
                INSERT INTO sectionFts (rowid, title, heading, topics, body)
                SELECT id, text1, text2, text3, text4 FROM kb_text_rows(?)
                """)
            defer { sqlite3_finalize(statement) }
            try withUnsafeMutablePointer(to: &source) { pointer in
                try Self.check(kb_text_rows_bind(statement, 1, pointer), connection)
                try Self.check(sqlite3_step(statement), connection, done: true)
            }
            // Serialized here, beside the writer, rather than by the writer at the end.
            var size: Int64 = 0
            guard let bytes = sqlite3_serialize(connection, "main", &size, 0) else {
                throw DatabaseError(resultCode: .SQLITE_NOMEM, message: "cannot serialize the full-text index")
            }
            return Image(bytes: bytes, size: size)
        }
        // On a failure the statement stops reading: what is left still goes back to be freed.
        condition.lock()
        let rest = batch[taken...] + items
        items = []
        outcome = result
        condition.broadcast()
        condition.unlock()
        endItem()
        batch = []
        for item in rest { retire(item.entry) }
    }

    /// The next row for `kb_text_rows`: a section's id and its four columns, as the writer
    /// stored them in `section`; 0 at the end.
    private func next(_ row: UnsafeMutablePointer<kb_text_row>) -> Int32 {
        while position == ids.count {
            endItem()
            if taken == batch.count {
                // Everything the writer handed over since the last time, in one swap.
                batch.removeAll(keepingCapacity: true)
                taken = 0
                condition.lock()
                while items.count < Self.wakeBatch && !finished { condition.wait() }
                swap(&batch, &items)
                condition.unlock()
                guard !batch.isEmpty else { return 0 }
            }
            startItem(batch[taken])
            taken += 1
        }
        fill(row, id: ids[position], title, headings[position], topics, sections[position].body)
        position += 1
        return 1
    }

    /// The items the build thread took over, and how many of them it has started.
    private var batch: [Item] = []
    private var taken = 0

    // The item being read, taken apart once rather than at each of its sections.
    private var entry: Indexer.Parsed?
    private var ids: [Int64] = []
    private var title = ""
    private var topics = ""
    private var headings: [String] = []
    private var sections: [NoteSection] = []
    private var position = 0

    private func startItem(_ item: Item) {
        entry = item.entry
        ids = item.ids
        position = 0
        guard let note = item.entry.note else {
            ids = []
            return
        }
        title = note.title
        topics = AppDatabase.searchTopics(note)
        headings = item.entry.headings
        sections = note.sections
        precondition(sections.count == ids.count && headings.count == ids.count, "a section without its id or heading")
    }

    private func endItem() {
        ids = []
        headings = []
        sections = []
        position = 0
        if let entry {
            self.entry = nil
            retire(entry)
        }
    }

    /// Copies the four texts into the buffer (kept until the next row) and points `row` at them.
    private func fill(_ row: UnsafeMutablePointer<kb_text_row>, id: Int64, _ a: String, _ b: String, _ c: String, _ d: String) {
        let total = a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count
        if total > capacity {
            buffer.deallocate()
            capacity = max(total, capacity * 2)
            buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
        }
        var offset = 0
        func put(_ value: String) -> (UnsafePointer<CChar>, Int32) {
            var value = value
            let start = buffer + offset
            let count = value.withUTF8 { bytes in
                if let base = bytes.baseAddress { start.copyMemory(from: base, byteCount: bytes.count) }
                return bytes.count
            }
            offset += count
            return (UnsafePointer(start.assumingMemoryBound(to: CChar.self)), Int32(count))
        }
        let (pa, la) = put(a), (pb, lb) = put(b), (pc, lc) = put(c), (pd, ld) = put(d)
        row.pointee.id = id
        row.pointee.text = (pa, pb, pc, pd)
        row.pointee.length = (la, lb, lc, ld)
    }

    /// SQLITE_TRANSIENT, which Swift does not import (a cast of -1).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func prepare(_ connection: OpaquePointer, _ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code, connection) }
        return statement
    }

    private static func execute(_ connection: OpaquePointer, _ sql: String) throws {
        try check(sqlite3_exec(connection, sql, nil, nil, nil), connection)
    }

    private static func check(_ code: Int32, _ connection: OpaquePointer, done: Bool = false, row: Bool = false) throws {
        let expected = done ? SQLITE_DONE : row ? SQLITE_ROW : SQLITE_OK
        guard code == expected else { throw error(code, connection) }
    }

    private static func error(_ code: Int32, _ connection: OpaquePointer) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
    }
}
