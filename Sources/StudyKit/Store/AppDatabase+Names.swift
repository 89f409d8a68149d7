import GRDB

extension AppDatabase {
    /// Every deck that holds an active card, by name (for shell completions).
    public func deckNames() throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT deck FROM card WHERE status != 'retired' ORDER BY deck")
        }
    }

    /// Every demo a note names in its front matter, by name (for shell completions).
    public func demoNames() throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT demo FROM note WHERE demo IS NOT NULL ORDER BY demo")
        }
    }
}
