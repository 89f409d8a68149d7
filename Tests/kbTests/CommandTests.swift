import Foundation
import Testing

@Suite("kb commands end to end")
struct CommandTests {
    @Test("search --json: ranked sections with path, line, heading path and a highlighted snippet")
    func searchJSON() throws {
        let fixture = try FixtureRoot()
        let result = try fixture.kb.run(["search", "in-batch negatives", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let hits = try #require(try KBProcess.json(result) as? [[String: Any]])
        let first = try #require(hits.first)
        #expect(first["path"] as? String == "Notes/retrieval/two-tower.md")
        #expect(first["line"] as? Int == 8)
        #expect(first["headingPath"] as? [String] == ["Two-tower retrieval", "In-batch negatives"])
        #expect((first["snippet"] as? String)?.contains("**negatives**") == true)
        #expect(Set(first.keys) == ["path", "line", "title", "headingPath", "snippet", "topics", "score"])
    }

    @Test("search with no hit says so and suggests topics; hostile queries never fail")
    func searchNoHits() throws {
        let fixture = try FixtureRoot()
        let none = try fixture.kb.run(["search", "retreival"])
        #expect(none.status == 0)
        #expect(none.stdout.contains("no results"))
        #expect(none.stdout.contains("retrieval"))
        for query in ["sqlite/fts5", "a:b", "\"unclosed", "NEAR(", "x*"] {
            let result = try fixture.kb.run(["search", query])
            #expect(result.status == 0, "query \(query): \(result.stderr)")
        }
    }

    @Test("search sees notes added, edited and removed since the last command (it searches during the index check)")
    func searchAfterEdits() throws {
        let fixture = try FixtureRoot()
        #expect(try fixture.kb.run(["search", "zanzibar"]).stdout.contains("no results"))
        try fixture.write("Notes/new.md", "# Islands\n\nzanzibar is an island\n")
        let added = try fixture.kb.run(["search", "zanzibar"])
        #expect(added.stdout.contains("Notes/new.md:1"), "\(added.stdout)")
        try fixture.write("Notes/new.md", "# Islands\n\nmadagascar is an island\n")
        #expect(try fixture.kb.run(["search", "zanzibar"]).stdout.contains("no results"))
        #expect(try fixture.kb.run(["search", "madagascar"]).stdout.contains("Notes/new.md:1"))
        try FileManager.default.removeItem(at: fixture.url.appendingPathComponent("Notes/new.md"))
        #expect(try fixture.kb.run(["search", "madagascar"]).stdout.contains("no results"))
    }

    @Test("topics, show and refs")
    func topicsShowRefs() throws {
        let fixture = try FixtureRoot()
        let topics = try #require(try KBProcess.json(fixture.kb.run(["topics", "--json"])) as? [[String: Any]])
        #expect(topics.compactMap { $0["name"] as? String } == ["embeddings", "metrics", "ranking", "retrieval"])
        let show = try fixture.kb.run(["show", "two-tower"])
        #expect(show.status == 0)
        #expect(show.stdout.contains("In-batch negatives") && show.stdout.contains("kb demo two-tower"))
        let backlinks = try fixture.kb.run(["show", "dcn"])
        #expect(backlinks.stdout.contains("Linked from") && backlinks.stdout.contains("Notes/retrieval/two-tower.md"))
        let refs = try fixture.kb.run(["refs", "--topic", "retrieval"])
        #expect(refs.stdout.contains("https://dl.acm.org/doi/10.1145/3298689.3346996"))
        #expect(refs.stdout.contains("Notes/retrieval/two-tower.md:9"))
        let missing = try fixture.kb.run(["show", "nothing-like-this"])
        #expect(missing.status == 1 && missing.stderr.hasPrefix("kb: error: no note matches"))
    }

    @Test("index prints a summary; check exits 1 on a warning and 0 when clean; usage errors exit 2")
    func indexCheckAndErrors() throws {
        let fixture = try FixtureRoot()
        let index = try fixture.kb.run(["index"])
        #expect(index.status == 0)
        #expect(index.stdout.contains("3 added") && index.stdout.contains("cards: 5 added"))
        // The new database was built under another name and published: only its own files remain.
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.url.appendingPathComponent(".kb").path)
        #expect(files.sorted() == ["kb.sqlite", "kb.sqlite-shm", "kb.sqlite-wal"])
        #expect(try fixture.kb.run(["check"]).status == 0)
        try fixture.write("Decks/broken.md", "A question with no answer ::\n")
        let check = try fixture.kb.run(["check"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("Decks/broken.md:1"))
        let usage = try fixture.kb.run(["search", "--limit", "0", "x"])
        #expect(usage.status == 2)
    }

    @Test("a database file that is not ours: a clear error, exit 1, file untouched")
    func foreignDatabase() throws {
        let fixture = try FixtureRoot()
        let path = fixture.url.appendingPathComponent("notes.db")
        let bytes = Data("not a database at all".utf8)
        try bytes.write(to: path)
        let result = try fixture.kb.run(["topics", "--db", path.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("kb: error:") && result.stderr.contains("left untouched"))
        #expect(try Data(contentsOf: path) == bytes)
    }

    @Test("two kb index processes at once both succeed")
    func concurrentProcesses() throws {
        let fixture = try FixtureRoot()
        for index in 0..<150 { try fixture.write("Notes/bulk/n\(index).md", "# Bulk \(index)\n\nQuestion \(index) :: Answer \(index)\n") }
        let first = fixture.kb.configured(["index"]), second = fixture.kb.configured(["index"])
        for process in [first, second] {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        try first.run()
        try second.run()
        first.waitUntilExit()
        second.waitUntilExit()
        #expect(first.terminationStatus == 0 && second.terminationStatus == 0)
        let cards = try #require(try KBProcess.json(fixture.kb.run(["cards", "--json"])) as? [[String: Any]])
        #expect(cards.count == 155)
    }
}
