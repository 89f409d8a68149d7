import Foundation
import GRDB
import Testing
@testable import StudyKit

@Suite("Search")
struct SearchTests {
    @Test("query translation quotes every term and maps the operators", arguments: [
        ("in-batch negatives", "\"in-batch\" AND \"negatives\""),
        ("calib*", "\"calib\"*"),
        ("\"two tower\" logq", "\"two tower\" AND \"logq\""),
        ("dcn OR mmoe", "(\"dcn\") OR (\"mmoe\")"),
        ("ranking -pairwise", "(\"ranking\") NOT \"pairwise\""),
        ("ranking NOT pairwise", "(\"ranking\") NOT \"pairwise\""),
        ("a AND b", "\"a\" AND \"b\""),
        ("sqlite/fts5", "\"sqlite/fts5\""),
        ("say \"hi\"\"", "\"say\" AND \"hi\""),
    ])
    func translation(raw: String, expected: String) {
        #expect(SearchQuery(raw).match == expected)
    }

    @Test("topic: terms become filters, punctuation-only terms vanish")
    func topicsAndPunctuation() {
        let query = SearchQuery("topic:Two_Tower negatives * NEAR(")
        #expect(query.topics == ["two-tower"])
        #expect(query.match == "\"negatives\" AND \"NEAR(\"")
        #expect(SearchQuery("*").match == nil)
        #expect(SearchQuery("-only").match == nil)
    }

    private func corpus() throws -> (TempRoot, AppDatabase) {
        let root = try TempRoot()
        let database = try AppDatabase.inMemory()
        // Filler notes so that bm25 has document frequencies to work with.
        for index in 0..<40 {
            try root.write("Notes/filler/f\(index).md", "# Filler \(index)\n\nfeature store latency budget caching \(index)\n")
        }
        try root.write("Notes/retrieval/negatives.md", "---\ntitle: Negatives\ntopics: [retrieval]\n---\n# Negatives\n\nhow to pick examples\n")
        try root.write("Notes/ranking/body.md", "---\ntitle: Ranking models\ntopics: [ranking]\n---\n# Ranking models\n\nthe loss uses sampled negatives once\n")
        try root.index(database)
        return (root, database)
    }

    @Test("a title hit ranks above a body hit")
    func titleAboveBody() throws {
        let (_, database) = try corpus()
        let hits = try database.search(SearchQuery("negatives"))
        #expect(hits.map(\.path) == ["Notes/retrieval/negatives.md", "Notes/ranking/body.md"])
        #expect(hits[0].score > hits[1].score)
        #expect(hits[1].snippet.contains(SearchHit.open + "negatives" + SearchHit.close))
        #expect(hits[1].headingPath == ["Ranking models"])
    }

    @Test("a section found by its title alone shows how its text begins, not an empty snippet")
    func titleOnlySnippet() throws {
        let (_, database) = try corpus()
        let hits = try database.search(SearchQuery("negatives"))
        // negatives.md holds the word only in its title and heading.
        #expect(hits[0].path == "Notes/retrieval/negatives.md")
        #expect(hits[0].snippet == "how to pick examples")
        #expect(hits[1].snippet.contains(SearchHit.open))
    }

    @Test("stemming and --topic filtering")
    func stemAndTopic() throws {
        let (_, database) = try corpus()
        #expect(try database.search(SearchQuery("negative")).count == 2)
        #expect(try database.search(SearchQuery("negatives"), topics: ["ranking"]).map(\.path) == ["Notes/ranking/body.md"])
        #expect(try database.search(SearchQuery("negatives topic:retrieval")).map(\.path) == ["Notes/retrieval/negatives.md"])
        #expect(try database.search(SearchQuery(""), topics: ["ranking"]).map(\.path) == ["Notes/ranking/body.md"])
    }

    @Test("FTS5 syntax in user queries never raises an SQL error", arguments: [
        "sqlite/fts5", "a:b", "\"unclosed", "*", "NEAR(", "NEAR(a b)", "(", ")", "a OR", "OR", "AND AND", "NOT",
        "-", "^start", "col:term", "'", "''", "\\", "{a b}", "a + b", "😀", "\"\"", "x*y", "-\"phrase\"",
    ])
    func hostileQueries(raw: String) throws {
        let (_, database) = try corpus()
        _ = try database.search(SearchQuery(raw))
    }

    @Test("suggestions for a query with no hits name nearby topics")
    func suggestions() throws {
        let (_, database) = try corpus()
        #expect(try database.search(SearchQuery("retreival")).isEmpty)
        #expect(try database.suggestTopics(for: ["retreival"]).first == "retrieval")
    }

    @Test("short and long prefix queries find their words without a prefix index")
    func prefixQueries() throws {
        let (_, database) = try corpus()
        #expect(try database.search(SearchQuery("ne*")).map(\.path) == ["Notes/retrieval/negatives.md", "Notes/ranking/body.md"])
        #expect(try database.search(SearchQuery("neg*")).count == 2)
        // The stem of "negatives" is "neg", shorter than the prefix typed: it is added to the query.
        #expect(try database.search(SearchQuery("negat*")).count == 2)
        #expect(try database.search(SearchQuery("negativ*")).count == 2)
        #expect(SearchQuery("negat* -x").match(expandingPrefix: { _ in ["neg"] }) == "((\"negat\"* OR \"neg\"*)) NOT \"x\"")
        #expect(try database.search(SearchQuery("lat*"), limit: 100).count == 40)
    }

    @Test("a search's snapshot carries the tree fingerprint, which moves when another connection indexes")
    func snapshotFingerprint() throws {
        let root = try TempRoot()
        let path = root.url.appendingPathComponent(".kb/kb.sqlite").path
        try root.write("Notes/a.md", "# Islands\n\nzanzibar\n")
        let reader = try AppDatabase.open(path: path)
        try root.index(reader)
        let (hits, seen) = try reader.searchWithTree(SearchQuery("zanzibar"))
        #expect(hits.map(\.path) == ["Notes/a.md"])
        let stored = try reader.treeFingerprint()
        #expect(seen != nil && seen == stored)
        // Another kb process indexes an edit after the snapshot was read.
        try root.write("Notes/a.md", "# Islands\n\nmadagascar\n")
        try root.index(try AppDatabase.open(path: path))
        #expect(try reader.treeFingerprint() != seen)
        #expect(try reader.search(SearchQuery("madagascar")).map(\.path) == ["Notes/a.md"])
    }

    @Test("the v3 migration rebuilds the full-text table from the sections already stored")
    func migrationRebuildsSearch() throws {
        // The store's own connection set-up: it registers the ranking function.
        let queue = try DatabaseQueue(configuration: AppDatabase.configuration())
        try Schema.migrator.migrate(queue, upTo: "v2-quiz")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO file (path, mtime, size, hash) VALUES ('Notes/a.md', 0, 1, 'h');
                INSERT INTO note (id, path, title, isDeck, cardsMode) VALUES (1, 'Notes/a.md', 'Calibration', 0, 'all');
                INSERT INTO section (noteId, ordinal, title, heading, topics, body, level, line, endLine)
                VALUES (1, 0, 'Calibration', 'Calibration', 'ranking', 'predicted rates match observed rates', 1, 1, 3);
                """)
        }
        let database = try AppDatabase(queue)
        #expect(try database.search(SearchQuery("observed")).map(\.path) == ["Notes/a.md"])
        #expect(try database.search(SearchQuery("ob*")).map(\.path) == ["Notes/a.md"])
        let sql = try queue.read { try String.fetchOne($0, sql: "SELECT sql FROM sqlite_master WHERE name = 'sectionFts'") }
        #expect(sql?.contains("prefix") == false)
    }
}
