import GRDB

extension Database {
    /// Executes `sql` through the connection's statement cache: the indexer runs the same few
    /// statements thousands of times, and compiling each once instead of every time matters.
    func run(sql: String, arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
