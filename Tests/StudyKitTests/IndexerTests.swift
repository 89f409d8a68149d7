import Foundation
import Testing
@testable import StudyKit

@Suite("Indexer")
struct IndexerTests {
    @Test("incremental: add, no change, touch without edit, edit, delete")
    func incremental() throws {
        let root = try TempRoot()
        let database = try AppDatabase.inMemory()
        try root.write("Notes/a.md", "# Alpha\n\nretrieval funnel\n")
        try root.write("Notes/b.md", "# Beta\n\nranking stage\n")

        let first = try root.index(database)
        #expect(first.added == 2 && first.updated == 0 && first.removed == 0)

        let second = try root.index(database)
        #expect(!second.changedAnything && second.touched == 0 && second.scanned == 2)

        try root.write("Notes/a.md", "# Alpha\n\nretrieval funnel\n")  // same bytes, new mtime
        let touched = try root.index(database)
        #expect(touched.touched == 1 && touched.updated == 0)

        try root.write("Notes/a.md", "# Alpha\n\nlogq correction\n")
        let edited = try root.index(database)
        #expect(edited.updated == 1)
        #expect(try database.search(SearchQuery("logq")).map(\.path) == ["Notes/a.md"])
        #expect(try database.search(SearchQuery("funnel")).isEmpty)

        try root.remove("Notes/b.md")
        let removed = try root.index(database)
        #expect(removed.removed == 1)
        #expect(try database.search(SearchQuery("ranking")).isEmpty)
        #expect(try database.notes().map(\.path) == ["Notes/a.md"])
        // The full-text table holds exactly the stored sections (FTS5 checks it against them).
        try database.writer.write { try $0.execute(sql: "INSERT INTO sectionFts (sectionFts, rank) VALUES ('integrity-check', 1)") }
    }

    @Test("topics of notes and cards gathered over many notes are all stored, the last partial statement too")
    func gatheredTopics() throws {
        let root = try TempRoot()
        let database = try AppDatabase.inMemory()
        // 29 notes of 5 topics and one card each: 145 rows of each kind, two full statements
        // of 64 and 17 rows left for the end of the run.
        let notes = 29
        for note in 0..<notes {
            try root.write(
                "Notes/n\(note).md",
                "---\ntopics: [t\(note)-a, t\(note)-b, shared, common, last]\n---\n# Note \(note)\n\nWhat is \(note)? :: Number \(note)\n")
        }
        #expect(try root.index(database).cards.added == notes)
        let count = { (sql: String) in try database.writer.read { try Int.fetchOne($0, sql: sql) } }
        #expect(try count("SELECT count(*) FROM topic") == notes * 5)
        #expect(try count("SELECT count(*) FROM cardTopic") == notes * 5)
        // Each note's own topics reach its card, the last note's included.
        let last = notes - 1
        #expect(try count("""
            SELECT count(*) FROM cardTopic JOIN card ON card.id = cardTopic.cardId
            WHERE card.path = 'Notes/n\(last).md' AND cardTopic.name IN ('t\(last)-a', 't\(last)-b', 'shared', 'common', 'last')
            """) == 5)
        let topics = try database.topics()
        #expect(topics.first { $0.name == "shared" }?.notes == notes)
        #expect(topics.first { $0.name == "shared" }?.cards == notes)
    }

    @Test("a run with more sections than one full-text batch finds words from every batch")
    func searchBatches() throws {
        let root = try TempRoot()
        let database = try AppDatabase.inMemory()
        let perFile = AppDatabase.searchBatch / 2 + 50
        for file in 0..<3 {
            let body = (0..<perFile).map { "## Part \($0)\n\nfiller text \(file)x\($0)\n" }.joined(separator: "\n")
            try root.write("Notes/n\(file).md", "# Note \(file)\n\n\(body)\nmarker\(file) here\n")
        }
        let report = try root.index(database)
        #expect(report.added == 3)
        for file in 0..<3 {
            #expect(try database.search(SearchQuery("marker\(file)")).map(\.path) == ["Notes/n\(file).md"])
        }
        try database.writer.write { try $0.execute(sql: "INSERT INTO sectionFts (sectionFts, rank) VALUES ('integrity-check', 1)") }
    }

    @Test("while the writer waits for the parser, it indexes the sections it holds; every batch is searchable")
    func searchWhileWaiting() throws {
        let root = try TempRoot()
        // A little over a third of the threshold per file (each file has two sections more).
        let perFile = AppDatabase.searchBatchWhileWaiting / 3 + 10
        let files = 5
        for file in 0..<files {
            let body = (0..<perFile).map { "## Part \($0)\n\nfiller text \(file)x\($0)\n" }.joined(separator: "\n")
            try root.write("Notes/n\(file).md", "# Note \(file)\n\nmarker\(file) here\n\n\(body)\n")
        }
        let stamps = Scanner(rootPath: root.url.path).scan().sorted { $0.path < $1.path }
        let parsed = stamps.map { Indexer.parse($0, known: [:], root: root.url, parser: NoteParser()) }
        // A parser always behind: the writer waits for every file. Sections pile up to the
        // threshold after the third file, go out while it waits for the fourth, and the rest
        // at the end.
        let slow = try AppDatabase.inMemory()
        let outcome = try slow.applyIndex(
            removed: [], count: files, feed: TestFeed(parsed, ready: false), fingerprint: "t", today: Day(daysSinceEpoch: 1))
        #expect(outcome.added == files)
        #expect(outcome.searchBatches == 2)
        // A parser always ahead: one batch at the end.
        let fast = try AppDatabase.inMemory()
        let ahead = try fast.applyIndex(
            removed: [], count: files, feed: TestFeed(parsed, ready: true), fingerprint: "t", today: Day(daysSinceEpoch: 1))
        #expect(ahead.searchBatches == 1)
        for database in [slow, fast] {
            for file in 0..<files {
                #expect(try database.search(SearchQuery("marker\(file)")).map(\.path) == ["Notes/n\(file).md"])
            }
            try database.writer.write { try $0.execute(sql: "INSERT INTO sectionFts (sectionFts, rank) VALUES ('integrity-check', 1)") }
        }
    }

    @Test("results the writer retires reach a waiting worker, and finish() lets every worker go")
    func retiredResults() throws {
        let results = ParseResults(count: 2)
        let stamp = FileStamp(path: "Notes/a.md", mtime: 1, size: 2)
        #expect(results.claim() == 0)
        #expect(results.set(0, Indexer.Parsed(stamp: stamp, note: nil, warnings: [])) == 1)
        #expect(results.takeRetired().isEmpty)
        results.retire(results.wait(for: 0))
        #expect(results.takeRetired().map(\.stamp) == [stamp])
        results.retire(Indexer.Parsed(stamp: stamp, note: nil, warnings: []))
        #expect(results.waitForRetired()?.count == 1)
        // A worker waiting is woken once a batch of them is retired.
        let woken = Counter()
        let waiter = Thread {
            var taken = 0
            while taken < ParseResults.retiredBatch, let batch = results.waitForRetired() {
                taken += batch.count
                for _ in batch { woken.add() }
            }
        }
        waiter.start()
        for _ in 0..<ParseResults.retiredBatch { results.retire(Indexer.Parsed(stamp: stamp, note: nil, warnings: [])) }
        let batchDeadline = Date().addingTimeInterval(10)
        while woken.value < ParseResults.retiredBatch && Date() < batchDeadline { usleep(1_000) }
        #expect(woken.value == ParseResults.retiredBatch)
        // Two workers waiting for more: finish() wakes both, and each sees the end.
        let ended = Counter()
        let threads = (0..<2).map { _ in
            Thread {
                while results.waitForRetired() != nil {}
                ended.add()
            }
        }
        threads.forEach { $0.start() }
        results.finish()
        let deadline = Date().addingTimeInterval(10)
        while ended.value < 2 && Date() < deadline { usleep(1_000) }
        #expect(ended.value == 2)
        #expect(results.waitForRetired() == nil)
    }

    @Test("the tree fingerprint: the quick walk agrees with the stamps and moves with every change")
    func fingerprint() throws {
        let root = try TempRoot()
        try root.write("Notes/a.md", "# A\n")
        try root.write("Notes/sub/b.md", "# B\n")
        try root.write("Decks/d.MD", "Q :: A\n")
        try root.write("Notes/skip.txt", "not a note\n")
        let scanner = Scanner(root: root.url)
        let first = scanner.fingerprint()
        #expect(first == TreeFingerprint(scanner.scan()))
        #expect(first.count == 3)
        #expect(scanner.fingerprint() == first)

        try root.write("Notes/sub/b.md", "# B\n")  // same bytes, new mtime
        let touched = scanner.fingerprint()
        #expect(touched != first)
        try root.write("Notes/c.md", "# C\n")
        let added = scanner.fingerprint()
        #expect(added != touched && added.count == 4)
        try root.remove("Notes/c.md")
        #expect(scanner.fingerprint() == touched)
        try FileManager.default.moveItem(at: root.url.appendingPathComponent("Notes/a.md"), to: root.url.appendingPathComponent("Notes/z.md"))
        #expect(scanner.fingerprint() != touched)
        #expect(scanner.fingerprint() == TreeFingerprint(scanner.scan()))
    }

    @Test("Markdown files are told by their extension in any case", arguments: [
        ("a.md", true), ("B.MD", true), ("c.Markdown", true), ("notes.txt", false), ("amd", false),
        ("x.mdx", false), ("readme.markdown.bak", false), ("é.md", true),
    ])
    func markdownNames(name: String, expected: Bool) {
        #expect(Scanner.isMarkdown(name) == expected)
    }

    @Test("topics from front matter, #tags and the folder; counted per note")
    func topics() throws {
        let root = try TempRoot()
        let database = try AppDatabase.inMemory()
        try root.write("Notes/retrieval/two-tower.md", "---\ntopics: [embeddings]\n---\n# Two tower\n\nUses #ann search.\n")
        try root.write("Notes/retrieval/hnsw.md", "# HNSW\n\ngraph index\n")
        try root.index(database)
        let topics = try database.topics()
        #expect(topics.map(\.name) == ["ann", "embeddings", "retrieval"])
        #expect(topics.first { $0.name == "retrieval" }?.notes == 2)
    }

    @Test("topics are stored whole, even with a NUL from a YAML escape, for the note and its cards")
    func topicsWithNUL() throws {
        let root = try TempRoot()
        let database = try AppDatabase.inMemory()
        try root.write("Decks/d.md", "---\ntopics: [\"x\\0y\", \"x\\0z\", \"plain\"]\n---\n# D\n\nQuestion one? :: Answer one\n")
        try root.index(database)
        // Read back as hex: a Swift String made from SQLite's text would itself stop at the NUL.
        let stored = try database.read { db in
            (try String.fetchAll(db, sql: "SELECT hex(name) FROM topic ORDER BY name"),
             try String.fetchAll(db, sql: "SELECT hex(name) FROM cardTopic ORDER BY name"))
        }
        let expected = ["706C61696E", "780079", "78007A"]  // "plain", "x\0y", "x\0z"
        #expect(stored.0 == expected)
        #expect(stored.1 == expected)
    }

    @Test("bad files are reported with path and skipped; the rest is indexed")
    func badFiles() throws {
        let root = try TempRoot()
        let database = try AppDatabase.inMemory()
        try root.write("Notes/good.md", "# Good\n\nfine\n")
        try root.write("Notes/binary.md", data: Data([0, 1, 2, 3, 0]))
        try root.write("Notes/bad-yaml.md", "---\ntopics: [a\n---\n# Bad yaml\n\nstill indexed\n")
        let report = try root.index(database)
        #expect(report.warnings.map(\.path).sorted() == ["Notes/bad-yaml.md", "Notes/binary.md"])
        #expect(Set(try database.notes().map(\.path)) == ["Notes/good.md", "Notes/bad-yaml.md"])
        // Warnings stand until the file is fixed, also on a run that re-parses nothing.
        #expect(try root.index(database).warnings.count == 2)
        try root.write("Notes/bad-yaml.md", "---\ntopics: [a]\n---\n# Bad yaml\n")
        #expect(try root.index(database).warnings.map(\.path) == ["Notes/binary.md"])
    }

    @Test("links: references grouped by URL with the notes citing them; backlinks")
    func references() throws {
        let root = try TempRoot()
        let database = try AppDatabase.inMemory()
        try root.write("Notes/ranking/dcn.md", "---\ntopics: [ranking]\n---\n# DCN\n\n[DCN-V2](https://arxiv.org/abs/2008.13535) and [two-tower](../retrieval/two-tower.md).\n")
        try root.write("Notes/sources/dcn-v2.md", "# DCN-V2 paper\n\n[DCN V2: Improved Deep & Cross Network](https://arxiv.org/abs/2008.13535/)\n")
        try root.write("Notes/retrieval/two-tower.md", "# Two tower\n\ntext\n")
        try root.index(database)
        let all = try database.references()
        #expect(all.count == 1)
        #expect(all.first?.citedBy.map(\.path) == ["Notes/ranking/dcn.md", "Notes/sources/dcn-v2.md"])
        #expect(all.first?.title == "DCN V2: Improved Deep & Cross Network")
        #expect(try database.references(topics: ["ranking"]).first?.citedBy.map(\.path) == ["Notes/ranking/dcn.md"])
        #expect(try database.backlinks(to: "Notes/retrieval/two-tower.md").map(\.path) == ["Notes/ranking/dcn.md"])
    }

    @Test("two indexers on one database file at once: one waits, neither fails")
    func concurrentIndexing() async throws {
        let root = try TempRoot()
        for index in 0..<60 { try root.write("Notes/n\(index).md", "# Note \(index)\n\nbody \(index)\n") }
        let path = root.url.appendingPathComponent(".kb/kb.sqlite").path
        let first = try AppDatabase.open(path: path)
        let second = try AppDatabase.open(path: path)
        let url = root.url
        let day = Day(daysSinceEpoch: 20_000)
        async let a = Task.detached { try Indexer(root: url, database: first, today: day).run() }.value
        async let b = Task.detached { try Indexer(root: url, database: second, today: day).run() }.value
        let reports = try await [a, b]
        #expect(reports.map(\.added).reduce(0, +) >= 60)
        #expect(try first.notes().count == 60)
    }
}

/// A count shared between threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}

/// Parsed files handed to the writer either at once (`ready`) or only by waiting.
private final class TestFeed: ParsedFeed {
    private var entries: [Indexer.Parsed]
    private let ready: Bool

    init(_ entries: [Indexer.Parsed], ready: Bool) {
        self.entries = entries
        self.ready = ready
    }

    func poll(_ index: Int) -> Indexer.Parsed? { ready ? entries[index] : nil }
    func wait(for index: Int) -> Indexer.Parsed { entries[index] }
    func retire(_ parsed: Indexer.Parsed) {}
}
