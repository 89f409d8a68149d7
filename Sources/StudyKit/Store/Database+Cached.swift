import GRDB
import GRDBSQLite

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
    func insert(_ statement: Statement, _ bind: (RowBinder) -> Void) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        bind(RowBinder(handle: handle))
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
    /// `bind(row, i, first)` binds row `i`'s values to the parameters from `first` on. `head` is
    /// the statement up to VALUES: `INSERT INTO t (a, b)`.
    func insertRows(
        _ count: Int, head: String, columns: Int, perStatement: Int, bind: (RowBinder, Int, Int32) -> Void
    ) throws {
        precondition(perStatement > 0 && perStatement & (perStatement - 1) == 0, "perStatement must be a power of two")
        guard count > 0 else { return }
        var rows = perStatement
        while rows > count { rows >>= 1 }
        // The SQL for the largest statement; each smaller one is a prefix of it.
        let tuple = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        let widest = head + " VALUES " + Array(repeating: tuple, count: rows).joined(separator: ", ")
        let prefix = head.utf8.count + 8
        var start = 0
        while start < count {
            while rows > count - start { rows >>= 1 }
            let length = prefix + rows * tuple.utf8.count + (rows - 1) * 2
            let sql = length == widest.utf8.count ? widest : String(widest.utf8.prefix(length))!
            try insert(sql: sql) { row in
                for offset in 0..<rows {
                    bind(row, start + offset, Int32(offset * columns + 1))
                }
            }
            start += rows
        }
    }
}

/// Binds the parameters of one row, by position from 1.
struct RowBinder {
    let handle: OpaquePointer

    /// SQLite copies the text before the call returns (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(_ index: Int32, _ value: String) {
        var text = value
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
                return
            }
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                _ = sqlite3_bind_text(handle, index, $0, Int32(bytes.count), Self.transient)
            }
        }
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
