import Foundation
import GRDB
import Testing
@testable import StudyKit

@Suite("AppDatabase")
final class AppDatabaseTests {
    /// One folder per test (Swift Testing makes an instance per test), removed with its files.
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kb-db-\(UUID().uuidString)")

    init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }

    deinit { try? FileManager.default.removeItem(at: folder) }

    private func tempPath(_ name: String) -> String { folder.appendingPathComponent(name).path }

    @Test("a SQLite file that is not ours is refused and left byte for byte as it was")
    func notOurs() throws {
        let path = tempPath("other.sqlite")
        let other = try DatabaseQueue(path: path)
        try other.write { try $0.execute(sql: "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT)") }
        try other.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: StoreError.notOurs(path: path)) { try AppDatabase.open(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a file that is not a database is refused and left untouched")
    func notADatabase() throws {
        let path = tempPath("garbage.sqlite")
        let garbage = Data("this is a shopping list, not a database\n".utf8)
        try garbage.write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.notADatabase(path: path)) { try AppDatabase.open(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test("opening and reading an existing database writes nothing: the -wal file stays between runs")
    func readsWriteNothing() throws {
        let path = tempPath("quiet.sqlite")
        let schemaVersion = {
            let queue = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
            defer { try? queue.close() }
            return try queue.read { try Int.fetchOne($0, sql: "PRAGMA schema_version") ?? -1 }
        }
        do {
            let database = try AppDatabase.open(path: path)
            _ = try database.search(SearchQuery("anything"))
        }
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        let before = try schemaVersion()
        for _ in 0..<2 {
            let database = try AppDatabase.open(path: path)
            _ = try database.search(SearchQuery("anything"))
        }
        // GRDB creates and drops a table to make a missing -wal file; that would bump this.
        #expect(try schemaVersion() == before)
    }

    @Test("after a large write the log is folded back and stays small, and the next open writes nothing")
    func compactLog() throws {
        let root = try TempRoot()
        let path = tempPath("log.sqlite")
        for index in 0..<40 {
            try root.write("Notes/n\(index).md", "# Note \(index)\n\n" + String(repeating: "ranking words and more words \(index)\n", count: 200))
        }
        let walSize = { (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? -1 }
        do {
            let database = try AppDatabase.open(path: path)
            _ = try root.index(database)
            // The index wrote far more than `largeLog` (about 1 MB for these notes), and folded
            // the log back itself.
            let afterIndex = try walSize()
            #expect(afterIndex < 20_000, "\(afterIndex)")
            // A large write outside the indexer grows the log until `compactLog` runs.
            try database.writer.write { db in
                for index in 0..<2_000 {
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                        arguments: ["filler-\(index)", String(repeating: "x", count: 400)])
                }
            }
            #expect(try walSize() > AppDatabase.largeLog)
            try database.compactLog()
            let compacted = try walSize()
            #expect(compacted < 20_000, "\(compacted)")
        }
        let version = { () throws -> Int in
            let queue = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
            defer { try? queue.close() }
            return try queue.read { try Int.fetchOne($0, sql: "PRAGMA schema_version") ?? -1 }
        }
        let before = try version()
        let database = try AppDatabase.open(path: path)
        #expect(try database.search(SearchQuery("ranking")).count == 20)
        #expect(try version() == before)
    }

    @Test("v9 keeps every warning, topic, link and card topic, defers their keys, and still enforces them at commit")
    func deferredChildKeys() throws {
        let queue = try DatabaseQueue(configuration: AppDatabase.configuration())
        try Schema.migrator.migrate(queue, upTo: "v8-fts-automerge-8")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO file (path, mtime, size, hash) VALUES ('Notes/a.md', 0, 1, 'h');
                INSERT INTO warning (path, line, message) VALUES ('Notes/a.md', 3, 'duplicate card');
                INSERT INTO warning (path, line, message) VALUES ('Notes/a.md', NULL, 'front matter');
                INSERT INTO note (id, path, title, isDeck, cardsMode) VALUES (1, 'Notes/a.md', 'A', 0, 'all');
                INSERT INTO topic (noteId, name) VALUES (1, 'ranking'), (1, 'retrieval');
                INSERT INTO link (noteId, line, url, text, title, isExternal, host, targetPath, heading)
                VALUES (1, 4, 'https://arxiv.org/abs/1', 'paper', '', 1, 'arxiv.org', NULL, 'A');
                INSERT INTO card (id, key, kind, front, back, deck, path, line, ordinal, status, createdDay)
                VALUES (7, 'k', 'basic', 'f', 'b', 'recsys', 'Notes/a.md', 5, 0, 'active', 1);
                INSERT INTO cardTopic (cardId, name) VALUES (7, 'ranking');
                """)
        }
        let database = try AppDatabase(queue)
        // A warning without a line is stored with line 0 and listed without one, first.
        #expect(try database.allWarnings().map(\.line) == [nil, 3])
        try queue.read { db in
            #expect(try String.fetchAll(db, sql: "SELECT message FROM warning") == ["front matter", "duplicate card"])
            #expect(try String.fetchAll(db, sql: "SELECT name FROM topic ORDER BY name") == ["ranking", "retrieval"])
            #expect(try String.fetchAll(db, sql: "SELECT host FROM link") == ["arxiv.org"])
            #expect(try String.fetchAll(db, sql: "SELECT name FROM cardTopic") == ["ranking"])
            for table in ["warning", "topic", "link", "cardTopic"] {
                let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [table])
                #expect(sql?.contains("DEFERRABLE INITIALLY DEFERRED") == true, "\(table)")
            }
        }
        // Deferred, not dropped: a link to a missing note fails the commit, and a cascade still runs.
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO link (noteId, line, url, text, title, isExternal, heading)
                    VALUES (99, 1, 'u', 't', '', 0, 'h')
                    """)
            }
        }
        try queue.write { try $0.execute(sql: "DELETE FROM note WHERE id = 1") }
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM topic") } == 0)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM link") } == 0)
    }

    @Test("a new database file has 16 KB pages, in WAL mode; an existing one keeps its own page size")
    func pageSize() throws {
        let folder = try TempRoot()
        let path = folder.url.appendingPathComponent("kb.sqlite").path
        let database = try AppDatabase.open(path: path)
        let (size, mode) = try database.writer.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA page_size"), try String.fetchOne(db, sql: "PRAGMA journal_mode"))
        }
        #expect(size == AppDatabase.pageSize && mode == "wal")

        // A file made with SQLite's default pages (an older kb) opens and stays as it is.
        let older = folder.url.appendingPathComponent("old.sqlite").path
        let queue = try DatabaseQueue(path: older, configuration: AppDatabase.configuration())
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = 4096")
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        }
        try Schema.migrator.migrate(queue)
        try queue.close()
        let reopened = try AppDatabase.open(path: older)
        #expect(try reopened.writer.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == 4096)
    }

    @Test("every connection turns SQLite's secure delete off, whatever the library was built with")
    func secureDeleteOff() throws {
        let folder = try TempRoot()
        let path = folder.url.appendingPathComponent("kb.sqlite").path
        // Debian's SQLite is built with it on (compile option SECURE_DELETE).
        for database in [try AppDatabase.open(path: path), try AppDatabase.inMemory()] {
            #expect(try database.writer.read { try Int.fetchOne($0, sql: "PRAGMA secure_delete") } == 0)
        }
    }

    @Test("links have no index by URL (v10): no query looks a link up by it")
    func noLinkURLIndex() throws {
        let database = try AppDatabase.inMemory()
        let indexes = try database.writer.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'link'") }
        #expect(indexes == ["link_note"])
    }

    @Test("a database from a newer kb is refused")
    func newerSchema() throws {
        let path = tempPath("newer.sqlite")
        _ = try AppDatabase.open(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999-from-the-future')") }
        try queue.close()
        #expect(throws: StoreError.newerSchema(path: path)) { try AppDatabase.open(path: path) }
    }

    @Test("creates the folder and reopens its own file")
    func reopen() throws {
        let path = tempPath("nested") + "/.kb/kb.sqlite"
        _ = try AppDatabase.open(path: path)
        _ = try AppDatabase.open(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test("a new file is put in WAL mode, and so is an empty SQLite file in rollback mode")
    func walMode() throws {
        let fresh = tempPath("fresh.sqlite")
        _ = try AppDatabase.open(path: fresh)
        #expect(try journalMode(ofFile: fresh) == "wal")

        let rollback = tempPath("rollback.sqlite")
        let queue = try DatabaseQueue(path: rollback)
        try queue.inDatabase { try $0.execute(sql: "PRAGMA user_version = 0; VACUUM") }
        try queue.close()
        #expect(try journalMode(ofFile: rollback) == "delete")
        _ = try AppDatabase.open(path: rollback)
        #expect(try journalMode(ofFile: rollback) == "wal")
    }

    @Test("closing leaves the log unfolded: no checkpoint (and its fsyncs) at the end of a command")
    func noCheckpointOnClose() throws {
        let root = try TempRoot()
        let path = tempPath("close.sqlite")
        try root.write("Notes/a.md", "# A\n\nsome words about ranking\n")
        do {
            let database = try AppDatabase.open(path: path)
            _ = try root.index(database)  // folds its log back (see compactLog)
            // A small write after it, of new pages, that only a checkpoint would copy (200 KB:
            // more than the pages a migration freed, which it would fill first).
            try database.writer.write { db in
                for index in 0..<100 {
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                        arguments: ["filler-\(index)", String(repeating: "x", count: 2_000)])
                }
            }
        }
        // A checkpoint on close would have copied every page into the database file.
        let fileSize = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let queue = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
        let pages = try queue.read { try Int.fetchOne($0, sql: "PRAGMA page_count") ?? 0 }
        let pageSize = try queue.read { try Int.fetchOne($0, sql: "PRAGMA page_size") ?? 0 }
        try queue.close()
        #expect(fileSize < pages * pageSize, "file \(fileSize) bytes, \(pages) pages")
        let database = try AppDatabase.open(path: path)
        #expect(try database.search(SearchQuery("ranking")).count == 1)
    }

    @Test("lists reach SQL's json_each exactly as written, whatever the characters")
    func jsonArrayRoundTrip() throws {
        let values = [
            "", "plain", "quote \" inside", "back\\slash", "tab\tnew\nline\r", "\u{1}\u{1F}", "slash/es",
            "caf\u{E9}", "\u{1F600} emoji", "e\u{301} combining", "\u{7F}del", "[\"json\", 1]",
        ]
        let queue = try DatabaseQueue()
        let back = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT value FROM json_each(?) ORDER BY key", arguments: [AppDatabase.jsonArray(values)])
        }
        #expect(back == values)
        #expect(AppDatabase.jsonArray([]) == "[]")
    }

    @Test("warnings are stored whole and in order, in statements of 64 rows and of the powers of two below", arguments: [0, 1, 2, 3, 7, 11, 63, 64, 65, 127, 130, 200])
    func manyWarnings(count: Int) throws {
        let database = try AppDatabase.inMemory()
        let warnings = (0..<count).map { index in
            IndexWarning(path: index % 3 == 0 ? "Notes/a.md" : "Notes/b.md", line: index % 5 == 0 ? nil : index, message: "warning \(index) ’")
        }
        try database.write { db in
            try db.execute(sql: "INSERT INTO file (path, mtime, size, hash) VALUES ('Notes/a.md', 0, 0, ''), ('Notes/b.md', 0, 0, '')")
            // In two calls, as the parser's and the reconciler's: the later call's rows come after.
            let half = warnings.count / 2
            try database.insertWarnings(db, Array(warnings[..<half]), batch: .parse)
            try database.insertWarnings(db, Array(warnings[half...]), batch: .reconcile)
        }
        // As `allWarnings` orders them: path, line (none first), then the order they were stored in.
        let expected = warnings.enumerated()
            .sorted { ($0.element.path, $0.element.line ?? -1, $0.offset) < ($1.element.path, $1.element.line ?? -1, $1.offset) }
            .map(\.element)
        #expect(try database.allWarnings() == expected)
    }
}
