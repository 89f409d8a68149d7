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

    /// A binary file (skipped with a warning) and a deck.
    private func writeOddFiles() throws {
        try root.write("Notes/binary.md", "\u{0}\u{1}\u{2}binary")
        try root.write("Decks/d.md", "# Deck\n\nWhat is recall@k? :: The share of relevant items in the top k\n")
    }

    /// Indexes the root into a new file at `path`, and checks that the build was published.
    private func indexIntoNewFile() throws -> AppDatabase {
        let database = try AppDatabase.open(path: path, building: true)
        _ = try root.index(database)
        #expect(try builds().isEmpty)
        return database
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
        try writeOddFiles()
        let database = try indexIntoNewFile()
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

    @Test("a new file's full-text index, built beside the writer and copied in, is the one the writer builds itself")
    func searchIndexBuiltAside() throws {
        // Sections of every shape: a preamble, nested headings, accents and CJK, a long body,
        // topics from front matter and tags, a file skipped as binary, a note without sections' text.
        try root.write("Notes/retrieval/c.md", """
            ---
            title: Négatifs échantillonnés
            topics: [retrieval, négatives]
            ---
            Preamble before any heading, with café and 日本語 words. #serving

            # Gamma

            ## In-batch negatives

            \(String(repeating: "Popular items appear in batches in proportion to frequency. ", count: 200))

            ### Deeper

            The logQ correction. What is a tower? :: One side of the model
            """)
        try root.write("Notes/empty.md", "")
        try writeOddFiles()
        let built = try indexIntoNewFile()
        // The same files indexed into an existing (empty) database, where the writer fills the
        // full-text table itself: the same terms, in the same sections, the same row sizes.
        let inline = try AppDatabase.inMemory()
        _ = try root.index(inline)
        let vocabulary = "SELECT term, doc, cnt FROM sectionVocab ORDER BY term"
        let sizes = "SELECT id, sz FROM sectionFts_docsize ORDER BY id"
        let rows = { (database: AppDatabase, sql: String) in try database.writer.read { try Row.fetchAll($0, sql: sql) } }
        let terms = try rows(built, vocabulary)
        #expect(terms.count > 40)
        #expect(terms == (try rows(inline, vocabulary)))
        #expect(try rows(built, sizes) == (try rows(inline, sizes)))
        // Nothing of the build is left: the copy replaced the file's own (empty) index, whose
        // settings (Schema v7, v8) the file keeps.
        #expect(try rows(built, "SELECT k, v FROM sectionFts_config ORDER BY k") == (try rows(inline, "SELECT k, v FROM sectionFts_config ORDER BY k")))
        let check = "INSERT INTO sectionFts (sectionFts, rank) VALUES ('integrity-check', 1)"
        try built.writer.write { try $0.execute(sql: check) }
        for query in ["negatives", "café", "logq", "recall", "topic:négatives popular", "deep*"] {
            let found = try built.search(SearchQuery(query)).map { "\($0.path):\($0.line) \($0.score)" }
            #expect(!found.isEmpty, "\(query)")
            #expect(found == (try inline.search(SearchQuery(query)).map { "\($0.path):\($0.line) \($0.score)" }), "\(query)")
        }
        // The copied index takes later edits through the delete and insert triggers.
        try root.write("Notes/retrieval/c.md", "# Gamma\n\nOnly calibration now.\n")
        _ = try root.index(built)
        _ = try root.index(inline)
        try built.writer.write { try $0.execute(sql: check) }
        #expect(try built.search(SearchQuery("logq")).isEmpty)
        #expect(try built.search(SearchQuery("negatives")).map(\.path) == ["Notes/a.md"])
        #expect(try built.search(SearchQuery("calibration")).map(\.path).sorted() == ["Notes/b.md", "Notes/retrieval/c.md"])
        #expect(try rows(built, vocabulary) == (try rows(inline, vocabulary)))
    }

    @Test("a new file's cards, stored note by note, are the rows the card sync of an existing file writes")
    func newFileCardsMatchTheSync() throws {
        // The repository's own notes and decks twice (every card of the copy repeats one, and
        // generated cards repeat silently), with malformed card lines among them, and a card
        // repeated at another line of another file.
        let root = try TempRoot()
        for (path, text) in try Repository.markdown() {
            try root.write("Notes/a/" + path, text)
            try root.write("Notes/b/" + path, text + "\nQuestion ::\n\nThe {{c1::answer is here.\n")
        }
        try root.write("Notes/c.md", "# C\n\nWhat is a tower? :: One side of the model\n\nMixed {{c1::x}}\nQ :: A\n")
        try root.write("Notes/d.md", "# D\n\nAn intro.\n\nWhat is a tower? :: One side of the model\n")
        let path = root.url.appendingPathComponent(".kb/kb.sqlite").path
        let built = try AppDatabase.open(path: path, building: true)
        let report = try root.index(built)
        let synced = try AppDatabase.inMemory()
        let expected = try root.index(synced)
        #expect(report.cards == expected.cards)
        #expect(report.cards.added > 500)
        let tables = [
            "SELECT * FROM card ORDER BY id", "SELECT * FROM schedule ORDER BY cardId",
            "SELECT * FROM cardTopic ORDER BY cardId, name", "SELECT * FROM cardDuplicate ORDER BY path, keptPath",
            "SELECT * FROM warning ORDER BY path, line, seq",
        ]
        for sql in tables {
            let rows = try built.writer.read { try Row.fetchAll($0, sql: sql) }
            #expect(!rows.isEmpty, "\(sql)")
            #expect(rows == (try synced.writer.read { try Row.fetchAll($0, sql: sql) }), "\(sql)")
        }
        // Both kinds of card warning are there, each with its file and line.
        let warnings = try built.allWarnings()
        #expect(warnings.contains { $0.message.hasPrefix("duplicate card") && $0.path.hasPrefix("Notes/b/") })
        #expect(warnings.contains { $0.message.contains("outside a cloze") && $0.path == "Notes/c.md" })
        #expect(warnings.contains {
            $0.path == "Notes/d.md" && $0.line == 5 && $0.message.hasPrefix("duplicate card: the same card is already at Notes/c.md:3;")
        })
        #expect(warnings.contains { $0.message.contains("never closed") && $0.path.hasPrefix("Notes/b/") })
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
