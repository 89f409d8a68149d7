import Foundation
import GRDB
import Testing
@testable import StudyKit

@Suite("Schema")
struct SchemaTests {
    /// Everything about a database's schema that kb relies on, in a comparable form.
    private struct Snapshot: Equatable {
        /// type, name, table and definition of every schema object (the full-text table's
        /// shadow tables included), by name. Runs of white space and double quotes are dropped
        /// from the definitions: SQLite keeps a renamed table's text as written, with its new
        /// name quoted.
        var objects: [[String]]
        var fullTextConfig: [[String]]
        var applicationID: Int
        var migrations: [String]
    }

    private func snapshot(_ queue: DatabaseQueue) throws -> Snapshot {
        try queue.read { db in
            let objects = try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").map { row in
                let sql = (row["sql"] as String?) ?? ""
                let normalised = sql.replacingOccurrences(of: "\"", with: "")
                    .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
                return [row["type"] as String, row["name"] as String, row["tbl_name"] as String, normalised]
            }
            let config = try Row.fetchAll(db, sql: "SELECT k, v FROM sectionFts_config ORDER BY k").map { row in
                [row["k"] as String, String(describing: row["v"] as DatabaseValue)]
            }
            return Snapshot(
                objects: objects, fullTextConfig: config,
                applicationID: try Int.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                migrations: try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid"))
        }
    }

    @Test("a new file's schema in one script is the one the migrations build, object for object")
    func currentMatchesMigrations() throws {
        let migrated = try DatabaseQueue(configuration: AppDatabase.configuration())
        try Schema.migrator.migrate(migrated)
        let created = try DatabaseQueue(configuration: AppDatabase.configuration())
        try created.write(Schema.createCurrent)

        let expected = try snapshot(migrated)
        let actual = try snapshot(created)
        // Compared part by part, so that a failure names what differs.
        #expect(actual.objects.map { $0[1] } == expected.objects.map { $0[1] })
        for (mine, theirs) in zip(actual.objects, expected.objects) where mine != theirs {
            Issue.record("\(mine[1]): \(mine[3])\n  the migrations give: \(theirs[3])")
        }
        #expect(actual.fullTextConfig == expected.fullTextConfig)
        #expect(actual.applicationID == Int(Schema.applicationID))
        #expect(actual == expected)
        // A sanity check on the comparison itself: it sees the full-text settings and tables.
        #expect(expected.fullTextConfig.contains(["automerge", "8"]))
        #expect(expected.objects.contains { $0[1] == "sectionFts_docsize" })
    }

    @Test("GRDB's migrator finds nothing to do on a file made by the script, and kb opens it as migrated")
    func currentIsMigrated() throws {
        let folder = try TempRoot()
        let path = folder.url.appendingPathComponent("kb.sqlite").path
        let queue = try DatabaseQueue(path: path, configuration: AppDatabase.configuration())
        try queue.write(Schema.createCurrent)
        #expect(try queue.read(Schema.migrator.hasCompletedMigrations))
        let state = try queue.read(Schema.state)
        #expect(state.migrated && !state.superseded)
        let before = try snapshot(queue)
        try Schema.migrator.migrate(queue)
        #expect(try snapshot(queue) == before)
        try queue.close()
        // And kb writes to it as to any other database.
        let database = try AppDatabase.open(path: path)
        try database.writer.write { db in
            try db.execute(sql: "INSERT INTO file (path, mtime, size, hash) VALUES ('Notes/a.md', 0, 1, 'h')")
        }
        #expect(try database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM file") } == 1)
    }
}
