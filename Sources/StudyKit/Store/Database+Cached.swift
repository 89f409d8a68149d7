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
        let statement = try cachedStatement(sql: sql)
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        bind(RowBinder(handle: handle))
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqliteConnection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
        }
    }

    /// Inserts `count` rows of `columns` values, `perStatement` rows to a statement (the rest one
    /// by one, so that only two statements are prepared and cached): a statement's own cost (its
    /// start and end, foreign-key bookkeeping) is most of a small row's. `bind(row, i, first)`
    /// binds row `i`'s values to the parameters from `first` on. `head` is the statement up to
    /// VALUES: `INSERT INTO t (a, b)`.
    func insertRows(
        _ count: Int, head: String, columns: Int, perStatement: Int, bind: (RowBinder, Int, Int32) -> Void
    ) throws {
        guard count > 0 else { return }
        let tuple = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        let one = head + " VALUES " + tuple
        let many = count >= perStatement ? head + " VALUES " + Array(repeating: tuple, count: perStatement).joined(separator: ", ") : one
        var start = 0
        while start < count {
            let rows = count - start >= perStatement ? perStatement : 1
            try insert(sql: rows == 1 ? one : many) { row in
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
