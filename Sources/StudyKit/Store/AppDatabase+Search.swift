import Foundation
import GRDB

extension AppDatabase {
    /// Sections matching `query`, best first (bm25 with title 10, heading 5, topics 5, body 1).
    /// With no positive term, lists the sections of the requested topics in note order.
    public func search(_ query: SearchQuery, topics extraTopics: [String] = [], limit: Int = 20) throws -> [SearchHit] {
        try read { db in try search(db, query, topics: extraTopics, limit: limit) }
    }

    /// `search`, with the tree fingerprint stored at the last index read in the same snapshot:
    /// a caller that searched before the index check compares it with the one stored after the
    /// check, and searches again if the index moved in between (see `kb search`).
    public func searchWithTree(_ query: SearchQuery, topics extraTopics: [String] = [], limit: Int = 20) throws -> (hits: [SearchHit], tree: String?) {
        try read { db in
            (try search(db, query, topics: extraTopics, limit: limit), try treeFingerprint(db))
        }
    }

    private func search(_ db: Database, _ query: SearchQuery, topics extraTopics: [String], limit: Int) throws -> [SearchHit] {
        let topics = Topic.normalise(query.topics + extraTopics)
        var arguments: StatementArguments = []
        var filter = ""
        if !topics.isEmpty {
            // Every requested topic must hold (a note tagged retrieval AND ranking for both).
            for topic in topics {
                filter += " AND section.noteId IN (SELECT noteId FROM topic WHERE name = ?)"
                _ = arguments.append(contentsOf: [topic])
            }
        }
        guard let match = query.match(expandingPrefix: { Self.shorterStems(db, of: $0) }) else {
            guard !topics.isEmpty else { return [] }
            let sql = """
                SELECT note.path, section.line, note.title, section.heading, section.topics,
                    substr(section.body, 1, 200) AS snippet, 0.0 AS score
                FROM section JOIN note ON note.id = section.noteId
                WHERE 1 \(filter)
                ORDER BY note.path, section.line LIMIT ?
                """
            return try Row.fetchAll(db, sql: sql, arguments: arguments + [limit]).map(Self.hit)
        }
        // Two steps: rank every match but keep only the best `limit` ids with their scores
        // (bm25 alone), then cut a snippet and join the note for each of those few, one
        // row at a time (`rowid = ?` lets FTS5 seek straight to the row). In one step SQLite
        // computed a snippet for every match before sorting: 14 ms instead of 5 for a word
        // in 1,200 sections; a second pass over all matches for the snippets of the best
        // cost a fifth of a phrase query on a large corpus.
        // The score is bm25's, through `kb_rank` (Sources/CSQLiteSupport/rank.c): it reads
        // a row's length, most of bm25's cost per row, only while the row can still be
        // among the best `limit` (11 ms instead of 26 for a two-word query matching 19,000
        // sections). It needs the same limit as the LIMIT clause and the score descending.
        // Ties in score go by section id (insertion order); the page is then sorted by path.
        let topicFilter = filter.isEmpty ? "" : "AND sectionFts.rowid IN (SELECT section.id FROM section WHERE 1 \(filter))"
        let rank = """
            SELECT rowid AS id, kb_rank(sectionFts, 10.0, 5.0, 5.0, 1.0, ?) AS score FROM sectionFts
            WHERE sectionFts MATCH ? \(topicFilter)
            ORDER BY score DESC, rowid
            LIMIT ?
            """
        let best = try Row.fetchAll(db, sql: rank, arguments: [limit, match] + arguments + [limit])
        let detail = try db.cachedStatement(sql: """
            SELECT note.path, section.line, note.title, section.heading, section.topics,
                snippet(sectionFts, 3, ?, ?, '…', 16) AS snippet, substr(section.body, 1, 120) AS lead
            FROM sectionFts
            JOIN section ON section.id = sectionFts.rowid
            JOIN note ON note.id = section.noteId
            WHERE sectionFts MATCH ? AND sectionFts.rowid = ?
            """)
        var hits: [SearchHit] = []
        for row in best {
            let id: Int64 = row["id"]
            guard let found = try Row.fetchOne(detail, arguments: [SearchHit.open, SearchHit.close, match, id]) else { continue }
            var hit = Self.hit(found)
            hit.score = row["score"]
            hits.append(hit)
        }
        // Best first; equal scores by path and line, as a reader scans them.
        return hits.sorted { ($0.score, $1.path, $1.line) > ($1.score, $0.path, $0.line) }
    }

    /// Index terms that a typed prefix starts with, for `prefix*` queries.
    ///
    /// The index holds Porter stems, and a stem can be shorter than what a person types: the
    /// stem of "negatives" is "neg", so `negat*` alone finds nothing. Terms of three letters or
    /// more that the prefix begins with are added as alternatives (`negat*` OR `neg*`).
    /// Only a query with a `prefix*` term asks: the vocabulary statement stays off the path of
    /// every other search.
    static func shorterStems(_ db: Database, of prefix: String) -> [String] {
        let letters = Array(prefix.utf8)
        guard letters.count > 3, letters.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }),
            let statement = try? db.cachedStatement(sql: "SELECT term FROM sectionVocab WHERE term = ?")
        else { return [] }
        return (3..<letters.count).compactMap { length in
            let candidate = String(decoding: letters[..<length], as: UTF8.self)
            return (try? String.fetchOne(statement, arguments: [candidate])) ?? nil
        }
    }

    private static func hit(_ row: Row) -> SearchHit {
        let heading: String = row["heading"]
        let topics: String = row["topics"]
        var snippet: String = row["snippet"]
        // A section found by its title, heading or topics alone has no words to highlight in
        // its text: show how the text begins rather than an empty line.
        if snippet.isEmpty, let lead: String = row["lead"], !lead.isEmpty {
            snippet = lead.count < 120 ? lead : lead + "…"
        }
        return SearchHit(
            path: row["path"], line: row["line"], title: row["title"],
            headingPath: heading.isEmpty ? [] : heading.split(separator: " › ", omittingEmptySubsequences: false).map(String.init),
            snippet: snippet.replacingBytes("\n", with: " "),
            topics: topics.split(separator: " ").map(String.init), score: row["score"] ?? 0)
    }

    /// Every topic with its number of notes and active cards, by name.
    public func topics() throws -> [TopicSummary] {
        try read { db in
            let sql = """
                SELECT name, SUM(notes) AS notes, SUM(cards) AS cards FROM (
                    SELECT name, COUNT(*) AS notes, 0 AS cards FROM topic GROUP BY name
                    UNION ALL
                    SELECT cardTopic.name, 0, COUNT(*) FROM cardTopic
                    JOIN card ON card.id = cardTopic.cardId AND card.status != 'retired'
                    GROUP BY cardTopic.name
                ) GROUP BY name ORDER BY name
                """
            return try Row.fetchAll(db, sql: sql).map {
                TopicSummary(name: $0["name"], notes: $0["notes"], cards: $0["cards"])
            }
        }
    }

    /// Up to `limit` topics whose names are nearest to the query's words (for "no results").
    public func suggestTopics(for words: [String], limit: Int = 3) throws -> [String] {
        // Names only: `topics()` also counts every note's and card's topics.
        let names = try read { try String.fetchAll($0, sql: "SELECT DISTINCT name FROM topic ORDER BY name") }
        let lowered = words.map { $0.lowercased() }.filter { !$0.isEmpty }
        guard !lowered.isEmpty else { return Array(names.prefix(limit)) }
        let scored = names.map { name -> (String, Int) in
            let best = lowered.map { word -> Int in
                if name.contains(word) || word.contains(name) { return 0 }
                return name.split(separator: "-").map { EditDistance.between(String($0), word) }.min()
                    ?? EditDistance.between(name, word)
            }.min() ?? Int.max
            return (name, best)
        }
        return scored.filter { $0.1 <= 3 }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(limit).map(\.0)
    }
}
