import Foundation
import GRDB
import Testing
@testable import StudyKit

/// A new database file is indexed under a temporary name and published with its index in it
/// (`AppDatabase.open(path:building:)`, `publish`).
@Suite("New database files")
struct NewFileBuildTests {
    private let root: TempRoot
    private let path: String

    init() throws {
        root = try TempRoot()
        try root.write("Notes/a.md", "# Alpha\n\nRanking with in-batch negatives.\n\nWhat is a tower? :: One side of the model\n")
        try root.write("Notes/b.md", "# Beta\n\nCalibration of the scores.\n")
        path = root.url.appendingPathComponent(".kb/kb.sqlite").path
    }

    /// Names in the database's folder that are builds (`kb.sqlite.new-...`).
    private func builds() throws -> [String] {
        let folder = (path as NSString).deletingLastPathComponent
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".new-") }.sorted()
    }

    @Test("a new file is built under another name and takes its own only once the index is in it")
    func builtThenPublished() throws {
        let database = try AppDatabase.open(path: path, building: true)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try builds().count == 1)
        let report = try root.index(database)
        #expect(report.added == 2 && report.cards.added == 1)
        #expect(report.phases.contains { $0.name == "publish" })
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try builds().isEmpty)
        // The connection moved to the real file, which is in WAL mode with 16 KB pages.
        #expect(database.writer.path == path)
        #expect(try journalMode(ofFile: path) == "wal")
        #expect(try database.writer.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == AppDatabase.pageSize)
        #expect(try database.search(SearchQuery("negatives")).map(\.path) == ["Notes/a.md"])
        // Opened again as any existing file: nothing left to index.
        let reopened = try AppDatabase.open(path: path, building: true)
        let again = try root.index(reopened)
        #expect(again.added + again.updated == 0)
        #expect(try reopened.notes().count == 2)
    }

    @Test("a build that another kb's new file beat is dropped, and that file is indexed and kept")
    func lostRace() throws {
        let first = try AppDatabase.open(path: path, building: true)
        let second = try AppDatabase.open(path: path, building: true)
        #expect(try builds().count == 2)
        _ = try root.index(first)
        // The winner's file is in use: something written to it must survive the loser's publish.
        try first.writer.write { try $0.execute(sql: "INSERT INTO meta (key, value) VALUES ('marker', 'kept')") }
        try root.write("Notes/c.md", "# Gamma\n\nA third note.\n")
        let report = try root.index(second)
        #expect(report.added == 1)  // c.md, into the first file; the second build is gone
        #expect(try builds().isEmpty)
        #expect(second.writer.path == path)
        #expect(try second.writer.read { try String.fetchOne($0, sql: "SELECT value FROM meta WHERE key = 'marker'") } == "kept")
        #expect(try first.notes().count == 3)
    }

    @Test("a build never indexed leaves nothing; one a stopped kb left behind is removed by the next")
    func abandonedBuilds() throws {
        do {
            _ = try AppDatabase.open(path: path, building: true)
        }
        #expect(try builds().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: path))

        // A process id that is not running, and this process's own (a build still under way).
        let dead = try #require([999_999, 2_999_999, 4_194_301, 32_767].first { kill(pid_t($0), 0) != 0 && errno == ESRCH })
        let abandoned = path + ".new-\(dead)-0"
        let live = path + ".new-\(getpid())-999"
        for file in [abandoned, abandoned + "-journal", live] {
            try Data("partial".utf8).write(to: URL(fileURLWithPath: file))
        }
        let database = try AppDatabase.open(path: path, building: true)
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(!FileManager.default.fileExists(atPath: abandoned + "-journal"))
        #expect(FileManager.default.fileExists(atPath: live))
        _ = try root.index(database)
        #expect(try builds() == [(live as NSString).lastPathComponent])
    }

    @Test("a build of a kb that was killed but not yet reaped (a zombie) counts as abandoned")
    func zombieBuilder() throws {
        // A child that exits at once and is not waited for stays a zombie of this process.
        var child: pid_t = 0
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
        defer { free(arguments[0]) }
        #expect(posix_spawn(&child, "/bin/true", nil, nil, arguments, nil) == 0)
        var exited = false
        for _ in 0..<200 where !exited {
            usleep(10_000)
            let stat = (try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8)) ?? ""
            exited = stat.contains(") Z")
        }
        #expect(exited)
        #expect(kill(child, 0) == 0)  // a zombie still answers
        #expect(!DatabaseFiles.isRunning(child))
        #expect(DatabaseFiles.isRunning(getpid()))
        let abandoned = path + ".new-\(child)-0"
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("partial".utf8).write(to: URL(fileURLWithPath: abandoned))
        _ = try root.index(try AppDatabase.open(path: path, building: true))
        #expect(try builds().isEmpty)
        var status: Int32 = 0
        waitpid(child, &status, 0)
    }

    @Test("a build fills the file without foreign-key checks, and every row it writes still has its parent")
    func buildKeepsForeignKeys() throws {
        try root.write("Notes/retrieval/c.md", """
            ---
            topics: [retrieval, negatives]
            ---
            # Gamma

            Sampled softmax, see [Beta](../b.md) and [the paper](https://arxiv.org/abs/1234.5678). #serving

            What is a tower? :: One side of the model

            Two-tower ::: a model with a query tower and an item tower

            The {{c1::logQ correction}} removes the sampling bias.
            """)
        try root.write("Notes/broken.md", "---\ntopics: [unclosed\n---\n# Broken\n\nStill indexed.\n")
        try root.write("Notes/binary.md", "\u{0}\u{1}\u{2}binary")
        try root.write("Decks/d.md", "# Deck\n\nWhat is recall@k? :: The share of relevant items in the top k\n")
        let database = try AppDatabase.open(path: path, building: true)
        _ = try root.index(database)
        #expect(try builds().isEmpty)
        let value = { (sql: String) in try database.writer.read { try Int.fetchOne($0, sql: sql) } }
        let violations = { try database.writer.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") } }
        #expect(try value("PRAGMA foreign_keys") == 1)  // on again once published
        #expect(try violations().isEmpty)
        // Every child table the index writes has rows, so the check above had something to check.
        for table in ["section", "topic", "link", "warning", "card", "cardTopic", "cardDuplicate"] {
            #expect(try value("SELECT count(*) FROM \(table)") ?? 0 > 0, "\(table)")
        }
        // Later indexes run with the keys on: a removed note takes its topics and links with it.
        try FileManager.default.removeItem(at: root.url.appendingPathComponent("Notes/retrieval/c.md"))
        _ = try root.index(database)
        #expect(try value("SELECT count(*) FROM topic WHERE name = 'negatives'") == 0)
        #expect(try value("SELECT count(*) FROM link WHERE url LIKE 'https://arxiv.org/%'") == 0)
        #expect(try violations().isEmpty)
    }

    /// The card rows of a database, table by table, in a fixed order (ids included).
    private static func cardRows(_ database: AppDatabase) throws -> [String: [String]] {
        let tables = [
            "card": "SELECT id, key, kind, front, back, deck, path, line, ordinal, siblingGroup, status, createdDay FROM card ORDER BY id",
            "schedule": "SELECT cardId, repetitions, ease, interval, due, lapses FROM schedule ORDER BY cardId",
            "cardTopic": "SELECT cardId, name FROM cardTopic ORDER BY cardId, name",
            "cardDuplicate": "SELECT path, keptPath FROM cardDuplicate ORDER BY path, keptPath",
            "warning": "SELECT path, line, seq, message FROM warning ORDER BY path, line, seq",
        ]
        return try database.writer.read { db in
            try tables.mapValues { sql in
                try Row.fetchAll(db, sql: sql).map { $0.description }
            }
        }
    }

    @Test("a new file's cards, stored note by note, are the rows the card sync of any other index writes")
    func newFileCardsMatchSync() throws {
        // The repository's notes twice (every card repeated, with warnings naming the first), a
        // cloze of two deletions on one line (two repeats on a line), a generated card repeated
        // (no warning), and card syntax that is not well formed (the extractor's warnings).
        for (path, text) in try Repository.markdown() {
            try root.write("Notes/one/" + path, text)
            try root.write("Notes/two/" + path, text)
        }
        let extra = """
            # Extra

            The {{c1::logQ correction}} removes {{c2::popularity bias}} from in-batch softmax.

            What is broken? ::

            Recall@k ::: the share of relevant items in the top k
            """
        try root.write("Notes/x1.md", extra)
        try root.write("Notes/x2.md", extra)
        let built = try AppDatabase.open(path: path, building: true)
        let builtReport = try root.index(built)
        let synced = try AppDatabase.inMemory()
        let syncedReport = try root.index(synced)
        #expect(builtReport.cards == syncedReport.cards)
        #expect(builtReport.cards.added > 500)
        let builtRows = try Self.cardRows(built)
        let syncedRows = try Self.cardRows(synced)
        for (table, rows) in syncedRows {
            #expect(rows.count > 0, "\(table)")
            let other = builtRows[table] ?? []
            #expect(other.count == rows.count, "\(table)")
            let first = zip(other, rows).first { $0 != $1 }
            #expect(first == nil, "\(table): \(String(describing: first))")
        }
        // Both kinds of warning are there: the extractor's, and repeats (once for the cloze's
        // line, whose two deletions are both repeated).
        #expect(syncedRows["warning"]?.contains { $0.contains("duplicate card") } == true)
        #expect(syncedRows["warning"]?.contains { !$0.contains("duplicate card") } == true)
        #expect(syncedRows["warning"]?.filter { $0.contains("Notes/x2.md\" line:3 ") }.count == 1)
    }

    @Test("anything but the index written to a new file publishes it first")
    func otherWritesPublish() throws {
        let database = try AppDatabase.open(path: path, building: true)
        try database.setTreeFingerprint("not the tree")
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try builds().isEmpty)
        #expect(try database.treeFingerprint() == "not the tree")
        // The index then runs on the published file as on any other.
        let report = try root.index(database)
        #expect(report.added == 2)
    }
}
