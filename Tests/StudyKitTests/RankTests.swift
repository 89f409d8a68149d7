import Foundation
import GRDB
import RecLab
import Testing
@testable import StudyKit

/// `kb_rank` (Sources/CSQLiteSupport/rank.c) must give the search exactly what bm25 gives: the
/// same best rows in the same order with the same scores, while skipping the length of rows that
/// cannot make the cut.
@Suite("Ranking function")
struct RankTests {
    /// Notes drawn from a small vocabulary with a few very common words, so that queries match
    /// many sections of many lengths; some notes are copied whole, for ties in score.
    private static func corpus(seed: UInt64) throws -> (TempRoot, AppDatabase) {
        var random = SplitMix64(seed: seed)
        let words = ["model", "tower", "two", "negative", "sample", "loss", "rank", "user", "item", "feature",
                     "store", "drift", "gate", "expert", "cross", "layer", "bias", "position", "cold", "start"]
        func word() -> String {
            // Squared uniform: the first words are far more common than the last.
            let u = Double(random.next() % 10_000) / 10_000
            return words[Int(u * u * Double(words.count))]
        }
        func text(_ count: Int) -> String { (0..<count).map { _ in word() }.joined(separator: " ") }
        let root = try TempRoot()
        var notes: [String] = []
        for _ in 0..<60 {
            var note = "---\ntitle: \(text(1 + Int(random.next() % 3)))\ntopics: [\(words[Int(random.next() % 4)])]\n---\n"
            for _ in 0..<(1 + Int(random.next() % 4)) {
                note += "## \(text(1 + Int(random.next() % 3)))\n\n\(text(1 + Int(random.next() % 60)))\n\n"
            }
            notes.append(note)
        }
        for (index, note) in notes.enumerated() {
            try root.write("Notes/n\(index).md", note)
            if index % 7 == 0 { try root.write("Notes/copy/n\(index).md", note) }
        }
        let database = try AppDatabase.inMemory()
        try root.index(database)
        return (root, database)
    }

    private static let queries = [
        "\"two\"", "\"model\"", "\"tower\" AND \"two\"", "\"model\" AND \"negative\" AND \"sample\"",
        "\"two tower\"", "\"rank\" OR \"drift\"", "(\"model\") NOT \"tower\"", "\"negat\"*", "\"cold start\" OR \"gate\"",
    ]

    private func best(_ db: Database, _ function: String, _ match: String, limit: Int, topic: String?) throws -> [[Double]] {
        let filter = topic == nil ? "" : "AND rowid IN (SELECT section.id FROM section JOIN topic ON topic.noteId = section.noteId WHERE topic.name = ?)"
        let sql = function == "bm25"
            ? "SELECT rowid, -bm25(sectionFts, 10.0, 5.0, 5.0, 1.0) FROM sectionFts WHERE sectionFts MATCH ? \(filter) ORDER BY bm25(sectionFts, 10.0, 5.0, 5.0, 1.0), rowid LIMIT ?"
            : "SELECT rowid, kb_rank(sectionFts, 10.0, 5.0, 5.0, 1.0, ?) AS score FROM sectionFts WHERE sectionFts MATCH ? \(filter) ORDER BY score DESC, rowid LIMIT ?"
        var arguments: StatementArguments = function == "bm25" ? [match] : [limit, match]
        if let topic { _ = arguments.append(contentsOf: [topic]) }
        _ = arguments.append(contentsOf: [limit])
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { [Double($0[0] as Int64), $0[1]] }
    }

    @Test("the best rows, their order and their scores are bm25's, for any limit and with a topic filter", arguments: [1, 2, 3])
    func sameAsBM25(seed: UInt64) throws {
        let (_, database) = try Self.corpus(seed: seed)
        try database.read { db in
            for match in Self.queries {
                for limit in [1, 2, 5, 20, 1_000] {
                    for topic in [nil, "model", "two"] {
                        let expected = try best(db, "bm25", match, limit: limit, topic: topic)
                        let got = try best(db, "kb_rank", match, limit: limit, topic: topic)
                        #expect(got == expected, "\(match) limit \(limit) topic \(topic ?? "-")")
                    }
                }
            }
        }
    }

    @Test("a limit beyond 32 bits and a negative weight still give bm25's answer")
    func extremeArguments() throws {
        let (_, database) = try Self.corpus(seed: 7)
        try database.read { db in
            for match in Self.queries {
                let huge: Int64 = 4_294_967_297  // 2^32 + 1: truncated to 32 bits it would be 1
                let expected = try best(db, "bm25", match, limit: Int(huge), topic: nil)
                let got = try best(db, "kb_rank", match, limit: Int(huge), topic: nil)
                #expect(got == expected, "\(match)")
                let negative = """
                    SELECT rowid, kb_rank(sectionFts, 10.0, -5.0, 5.0, 1.0, 3) AS score FROM sectionFts
                    WHERE sectionFts MATCH ? ORDER BY score DESC, rowid LIMIT 3
                    """
                let reference = """
                    SELECT rowid, -bm25(sectionFts, 10.0, -5.0, 5.0, 1.0) FROM sectionFts
                    WHERE sectionFts MATCH ? ORDER BY bm25(sectionFts, 10.0, -5.0, 5.0, 1.0), rowid LIMIT 3
                    """
                let rows = { (sql: String) in try Row.fetchAll(db, sql: sql, arguments: [match]).map { [Double($0[0] as Int64), $0[1]] } }
                #expect(try rows(negative) == rows(reference), "\(match)")
            }
        }
    }

    @Test("rows left out get an upper bound of their score, and large matches do leave rows out")
    func boundsAndSkips() throws {
        let (_, database) = try Self.corpus(seed: 4)
        try database.read { db in
            var skipped = 0
            for match in Self.queries {
                // Every matching row, in the order FTS5 visits them, with both values.
                let rows = try Row.fetchAll(
                    db, sql: "SELECT kb_rank(sectionFts, 10.0, 5.0, 5.0, 1.0, 3), -bm25(sectionFts, 10.0, 5.0, 5.0, 1.0) FROM sectionFts WHERE sectionFts MATCH ?",
                    arguments: [match])
                for row in rows {
                    let given: Double = row[0]
                    let exact: Double = row[1]
                    #expect(given >= exact, "\(match)")
                    if given > exact { skipped += 1 }
                }
            }
            #expect(skipped > 50)
        }
    }

    @Test("the ranking holds when a query names the function twice (result column and ORDER BY)")
    func twoCallsPerRow() throws {
        let (_, database) = try Self.corpus(seed: 6)
        try database.read { db in
            for match in Self.queries {
                let expected = try best(db, "bm25", match, limit: 3, topic: nil)
                let got = try Row.fetchAll(
                    db, sql: """
                        SELECT rowid, kb_rank(sectionFts, 10.0, 5.0, 5.0, 1.0, 3) FROM sectionFts WHERE sectionFts MATCH ?
                        ORDER BY kb_rank(sectionFts, 10.0, 5.0, 5.0, 1.0, 3) DESC, rowid LIMIT 3
                        """, arguments: [match]
                ).map { [Double($0[0] as Int64), $0[1]] }
                #expect(got == expected, "\(match)")
            }
        }
    }

    @Test("the search still ranks title hits first through kb_rank")
    func searchUsesIt() throws {
        let (_, database) = try Self.corpus(seed: 5)
        let hits = try database.search(SearchQuery("two tower"), limit: 5)
        let expected = try database.read { db in try best(db, "bm25", "\"two\" AND \"tower\"", limit: 5, topic: nil) }
        #expect(hits.map(\.score).sorted(by: >) == expected.map { $0[1] })
        #expect(!hits.isEmpty)
    }
}
