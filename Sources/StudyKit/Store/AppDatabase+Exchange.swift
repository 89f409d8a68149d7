import GRDB

extension AppDatabase {
    /// Scheduling reviews per card (drills left out), for Anki's `reps` on export.
    public func reviewCounts() throws -> [Int64: Int] {
        try read { db in
            var counts: [Int64: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT cardId, COUNT(*) AS n FROM review WHERE NOT isDrill GROUP BY cardId") {
                counts[row["cardId"]] = row["n"]
            }
            return counts
        }
    }
}
