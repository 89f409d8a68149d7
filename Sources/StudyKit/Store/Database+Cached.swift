import GRDB
import GRDBSQLite
import Synchronization

extension Database {
    /// Executes `sql` through the connection's statement cache: the indexer runs the same few
    /// statements thousands of times, and compiling each once instead of every time matters.
    func run(sql: String, arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// Executes a cached statement with values bound straight through SQLite's C API, for the
    /// index's inserts (files, notes, topics, sections, links, warnings, cards): tens of thousands
    /// of rows per full index, where building `StatementArguments` (an array of boxed values per
    /// row) cost as much as SQLite.
    func insert(sql: String, _ bind: (RowBinder) -> Void) throws {
        try insert(try cachedStatement(sql: sql), bind)
    }

    /// The same with the statement in hand, for a loop over many rows: the cache is a
    /// dictionary keyed by the SQL text, and hashing it for each of a full index's 7,560
    /// sections cost more than binding them.
    ///
    /// `bindsAll`: `bind` sets every parameter, so the values of the last run need no clearing
    /// (clearing the 144 parameters of a 16-row link insert at each run cost 12 million
    /// instructions in a full index of the 7 MB corpus).
    func insert(_ statement: Statement, bindsAll: Bool = false, _ bind: (RowBinder) -> Void) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        if !bindsAll { sqlite3_clear_bindings(handle) }
        bind(RowBinder(handle: handle, text: BoundText.of(statement)))
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqliteConnection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    /// Inserts `count` rows of `columns` values in few statements: `perStatement` rows (a power
    /// of two) to a statement, and the rest in the powers of two that add up to it (11 rows go
    /// as 8, 2 and 1), so a call runs at most a handful of statements of at most log2 shapes,
    /// each prepared once and cached. A statement's own cost (its start and end, foreign-key
    /// bookkeeping) is most of a small row's: one by one, a note's 11 links took 11 of them.
    /// `bind(row, i, first)` binds all `columns` values of row `i` to the parameters from
    /// `first` on. `head` is the statement up to VALUES: `INSERT INTO t (a, b)`.
    func insertRows(
        _ count: Int, head: String, columns: Int, perStatement: Int, bind: (RowBinder, Int, Int32) -> Void
    ) throws {
        precondition(perStatement > 0 && perStatement & (perStatement - 1) == 0, "perStatement must be a power of two")
        guard count > 0 else { return }
        let shapes = InsertShapes.for(head: head, columns: columns, perStatement: perStatement)
        var rows = perStatement
        var start = 0
        while start < count {
            while rows > count - start { rows >>= 1 }
            try insert(cachedStatement(sql: shapes[rows.trailingZeroBitCount]), bindsAll: true) { row in
                for offset in 0..<rows {
                    bind(row, start + offset, Int32(offset * columns + 1))
                }
            }
            start += rows
        }
    }
}

/// The SQL of `insertRows`' statements, made once per shape: building a 64-row statement's text
/// for each call (a note's links, a file's warnings) cost more than some of the inserts.
enum InsertShapes {
    private struct Key: Hashable {
        var head: String
        var columns: Int
        var perStatement: Int
    }

    private static let made = Mutex<[Key: [String]]>([:])

    /// The statements for 1, 2, 4 ... `perStatement` rows, by the power of two.
    static func `for`(head: String, columns: Int, perStatement: Int) -> [String] {
        let key = Key(head: head, columns: columns, perStatement: perStatement)
        if let shapes = made.withLock({ $0[key] }) { return shapes }
        let tuple = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        var shapes: [String] = []
        var rows = 1
        while rows <= perStatement {
            shapes.append(head + " VALUES " + Array(repeating: tuple, count: rows).joined(separator: ", "))
            rows <<= 1
        }
        made.withLock { $0[key] = shapes }
        return shapes
    }
}

/// Binds the parameters of one row, by position from 1.
struct RowBinder {
    let handle: OpaquePointer
    /// Where the statement's text values are copied (`BoundText`).
    let text: BoundText

    /// SQLite reads the text where it is, without a copy of its own (SQLITE_STATIC).
    private static let unmanaged = unsafeBitCast(0, to: sqlite3_destructor_type.self)

    func bind(_ index: Int32, _ value: String) {
        func bindBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
            _ = sqlite3_bind_text(handle, index, text.copy(bytes), Int32(bytes.count), Self.unmanaged)
        }
        // A native string's bytes are read where they are; `withUTF8` needs a mutable copy
        // of the string (a retain and a release, 90,000 of each on the writer in a full index).
        guard value.utf8.withContiguousStorageIfAvailable(bindBytes) == nil else { return }
        var value = value
        value.withUTF8(bindBytes)
    }

    func bind(_ index: Int32, _ value: String?) {
        if let value { bind(index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(handle, index, Int64(value)) }

    func bind(_ index: Int32, _ value: Int?) {
        if let value { bind(index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }

    func bind(_ index: Int32, _ value: Bool) { sqlite3_bind_int64(handle, index, value ? 1 : 0) }

    func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(handle, index, value) }
}

/// Copies of the text values bound to one insert statement, which SQLite reads in place
/// (SQLITE_STATIC) instead of copying each into memory of its own.
///
/// With SQLite's copies (SQLITE_TRANSIENT), each of a full index's 113,000 text values was an
/// allocation when bound and a free when bound again. Here a value is appended to a buffer that
/// is reused: the writer's instructions on the 7 MB corpus 1,218 to 1,198 million.
///
/// A statement may read its bound values until they are bound again, so the copies stay until
/// the statement's next run: each statement has its own buffer (`of`), refilled from the start
/// when that run begins (`insert` resets the statement and binds every value again first).
/// A buffer that fills up is kept, not freed, until the statement is gone.
final class BoundText: @unchecked Sendable {
    private var current: UnsafeMutableRawPointer?
    private var capacity = 0
    private var used = 0
    private var full: [UnsafeMutableRawPointer] = []

    private struct Entry: @unchecked Sendable {  // the statement is only compared, never used
        weak var statement: Statement?
        let buffer: BoundText
    }

    private static let buffers = Mutex<[ObjectIdentifier: Entry]>([:])

    /// The buffer of `statement`, to be filled from the start. A statement is used by one thread
    /// at a time (its connection's), and so is its buffer.
    static func of(_ statement: Statement) -> BoundText {
        let key = ObjectIdentifier(statement)
        let buffer = buffers.withLock { buffers in
            if let entry = buffers[key], entry.statement === statement { return entry.buffer }
            // Statements finalized since (their connection closed) leave their buffers behind.
            if buffers.count >= 256 { buffers = buffers.filter { $0.value.statement != nil } }
            let buffer = BoundText()
            buffers[key] = Entry(statement: statement, buffer: buffer)
            return buffer
        }
        buffer.used = 0
        return buffer
    }

    /// A copy of `bytes` that stays until the statement's next run; a valid pointer for empty
    /// text too.
    func copy(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafePointer<CChar> {
        if current == nil || used + bytes.count > capacity {
            if let current { full.append(current) }
            capacity = max(capacity * 2, bytes.count, 4_096)
            current = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
            used = 0
        }
        let start = current! + used
        if let base = bytes.baseAddress { start.copyMemory(from: base, byteCount: bytes.count) }
        used += bytes.count
        return UnsafePointer(start.assumingMemoryBound(to: CChar.self))
    }

    deinit {
        for buffer in full { buffer.deallocate() }
        current?.deallocate()
    }
}
