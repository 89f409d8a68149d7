import Foundation
import GRDB
import RecLab
import CSQLiteSupport
import Testing
@testable import StudyKit

/// `kb_cached` (Sources/CSQLiteSupport/tokenizer.c) must build exactly the index that the
/// tokenizer it wraps builds: the same terms at the same positions of the same rows.
@Suite("Cached tokenizer")
struct CachedTokenizerTests {
    /// The schema's tokenizer, and others for which the fast path must stay correct or step aside
    /// (`tokenchars` makes `_` and `-` part of words; trigram fails the check on ASCII words).
    private static let schema = "porter unicode61 remove_diacritics 2"
    static let wrapped = [schema, "unicode61", "porter unicode61 tokenchars '_-'", "ascii", "trigram"]

    /// Two tables over the same rows, one per tokenizer, with their term instances side by side.
    private static func tables(_ db: Database, wrapped: String = schema) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE plain USING fts5(a, b, tokenize="\(wrapped)");
            CREATE VIRTUAL TABLE cached USING fts5(a, b, tokenize="kb_cached \(wrapped)");
            CREATE VIRTUAL TABLE plainTerms USING fts5vocab(plain, 'instance');
            CREATE VIRTUAL TABLE cachedTerms USING fts5vocab(cached, 'instance');
            """)
    }

    private static func insert(_ db: Database, _ rows: [(String, String)]) throws {
        for (index, row) in rows.enumerated() {
            for table in ["plain", "cached"] {
                try db.execute(
                    sql: "INSERT INTO \(table) (rowid, a, b) VALUES (?, ?, ?)", arguments: [index + 1, row.0, row.1])
            }
        }
    }

    private static func instances(_ db: Database, _ table: String) throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT term || ' ' || doc || ' ' || col || ' ' || offset FROM \(table) ORDER BY doc, col, offset, term")
    }

    /// The first term instance where the two lists part, as "cached | plain" (the lists are long:
    /// a failed `==` on them would print them whole).
    private static func firstDifference(_ cached: [String], _ plain: [String]) -> String? {
        for index in 0..<max(cached.count, plain.count) {
            let left = index < cached.count ? cached[index] : "(end)"
            let right = index < plain.count ? plain[index] : "(end)"
            if left != right { return "\(left) | \(right)" }
        }
        return nil
    }

    /// Text that exercises every path: ASCII words in any case (cached after the first time),
    /// words with accents, ligatures, combining marks, CJK, emoji and no-break spaces (handed to
    /// the wrapped tokenizer), words longer than the cache's keys and than porter's limit, digits,
    /// every ASCII punctuation byte, and control bytes.
    private static func randomText(_ random: inout SplitMix64, words: Int) -> String {
        let pieces = [
            "Model", "MODEL", "models", "modelling", "relational", "conditional", "ponies", "caresses", "agreed",
            "hopping", "generalizations", "happy", "Sky", "tries", "in-batch", "two_tower", "x86", "2019", "a", "I", "é", "café", "naïve",
            "Ärger", "straße", "İstanbul", "ﬁne", "e\u{301}t\u{301}e", "日本語", "모델", "😀ranking", "rank😀ing",
            "co\u{a0}op", "Ｆｕｌｌ", "ǅemal", String(repeating: "ab", count: 30), String(repeating: "Xy", count: 40),
            "supercalifragilisticexpialidociousnessfulness", "über-cool", "tab\there", "nul\u{0}byte", "\u{7f}del",
        ]
        let punctuation = Array("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \n\t")
        var text = ""
        for _ in 0..<words {
            let piece = pieces[Int(random.next() % UInt64(pieces.count))]
            text += piece
            text.append(punctuation[Int(random.next() % UInt64(punctuation.count))])
            if random.next() % 4 == 0 { text.append(punctuation[Int(random.next() % UInt64(punctuation.count))]) }
        }
        return text
    }

    @Test("the repository's notes and random text give the same terms at the same positions", arguments: [1, 2, 3])
    func sameIndex(seed: UInt64) throws {
        try sameIndex(seed: seed, wrapped: Self.schema, notes: true)
    }

    @Test("other wrapped tokenizers give their own terms too", arguments: wrapped.dropFirst())
    func otherTokenizers(wrapped: String) throws {
        try sameIndex(seed: 4, wrapped: wrapped, notes: false)
    }

    private func sameIndex(seed: UInt64, wrapped: String, notes: Bool) throws {
        var random = SplitMix64(seed: seed)
        var rows = notes ? try Repository.markdown().map { ($0.path, $0.text) } : []
        for _ in 0..<300 {
            rows.append((Self.randomText(&random, words: 3), Self.randomText(&random, words: 1 + Int(random.next() % 200))))
        }
        let queue = try DatabaseQueue(configuration: AppDatabase.configuration())
        try queue.write { db in
            try Self.tables(db, wrapped: wrapped)
            try Self.insert(db, rows)
            let plain = try Self.instances(db, "plainTerms")
            let cached = try Self.instances(db, "cachedTerms")
            #expect(plain.count > (notes ? 50_000 : 10_000))
            #expect(cached.count == plain.count)
            #expect(Self.firstDifference(cached, plain) == nil)
            // FTS5's own check: the index matches the rows tokenized again.
            try db.execute(sql: "INSERT INTO cached (cached) VALUES ('integrity-check')")
        }
    }

    /// The fast path compares a word with a remembered one in 64-bit chunks, one 8-byte read per
    /// chunk while the text goes on that far and a shorter read near its end: words of every
    /// length from 1 to 17, in any case, that differ from a remembered word only in their last
    /// byte, each also at the very end of a value (no byte after it). And two pairs of words with
    /// the same 32-bit hash (of one chunk and of two, found by search), which reach the
    /// comparison itself.
    /// Pairs of words that `kb_cached` files under the same hash.
    static let collisions = [("oawjto", "mimrjt"), ("lzibxiqgwyhw", "rtyhlhpghecz")]

    @Test("the fast path is on: its reading of bytes agrees with the table the check uses")
    func fastPathOn() {
        #expect(kb_cached_fast_path_enabled() == 1)
        #expect(kb_cached_word_hash("Model", 5) == kb_cached_word_hash("model", 5))
        #expect(kb_cached_word_hash("model", 5) != kb_cached_word_hash("models", 6))
        #expect(kb_cached_word_hash("café", Int32("café".utf8.count)) == 0)
        #expect(kb_cached_word_hash(String(repeating: "a", count: 49), 49) == 0)
    }

    /// The text is read in blocks of 64 bytes: words of lengths around the chunk and key limits,
    /// starting at every place from 0 to 70 (so across the first block's end), alone in the text
    /// or followed by a separator, another word, or a non-ASCII one.
    @Test("words across block boundaries and at the text's end give the wrapped tokenizer's terms")
    func blockBoundaries() throws {
        let words = ["a", "Seven77", "EightBy8", "NineBytes", "FifteenBytes015", "SixteenBytes0016", "SeventeenBytes017",
                     String(repeating: "Ab", count: 24), String(repeating: "cD", count: 25) + "e", "naïve", "x日本"]
        var rows: [(String, String)] = []
        for offset in 0...70 {
            let lead = String(repeating: offset % 3 == 0 ? " " : "-", count: offset)
            for word in words {
                rows.append((lead + word, lead + word + ", " + word.uppercased() + " café " + word))
            }
        }
        let queue = try DatabaseQueue(configuration: AppDatabase.configuration())
        try queue.write { db in
            try Self.tables(db)
            try Self.insert(db, rows)
            let plain = try Self.instances(db, "plainTerms")
            #expect(plain.count == rows.count * 5)  // one word in `a`, four in `b`
            #expect(Self.firstDifference(try Self.instances(db, "cachedTerms"), plain) == nil)
        }
    }

    @Test("words that differ in one byte, or end the text, are told apart")
    func nearMisses() throws {
        let stems = ["a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh", "abcdefghi",
                     "abcdefghijklmnop", "abcdefghijklmnopq", "x8", "2019x"]
        var rows: [(String, String)] = []
        for stem in stems {
            let last = stem.last!
            let other = String(stem.dropLast()) + (last == "z" ? "y" : String(UnicodeScalar(last.asciiValue! + 1)))
            let upper = stem.uppercased()
            rows.append(("\(stem) \(other)", "\(upper) \(other.uppercased()) \(stem)"))
            rows.append((other, stem))
            rows.append(("\(stem),", "\(other) \(stem)1 \(stem)"))
        }
        for (first, second) in Self.collisions {
            #expect(kb_cached_word_hash(first, Int32(first.utf8.count)) == kb_cached_word_hash(second, Int32(second.utf8.count)))
            rows.append(("\(first) \(second)", "\(second.uppercased()) \(first)"))
            rows.append((second, first.uppercased()))
        }
        let words = rows.reduce(0) { count, row in
            count + (row.0 + " " + row.1).split { !$0.isLetter && !$0.isNumber }.count
        }
        let queue = try DatabaseQueue(configuration: AppDatabase.configuration())
        try queue.write { db in
            try Self.tables(db)
            try Self.insert(db, rows)
            let plain = try Self.instances(db, "plainTerms")
            #expect(plain.count == words)
            #expect(Self.firstDifference(try Self.instances(db, "cachedTerms"), plain) == nil)
        }
    }

    @Test("deleting rows removes exactly their terms")
    func delete() throws {
        var random = SplitMix64(seed: 9)
        let rows = (0..<200).map { _ in (Self.randomText(&random, words: 4), Self.randomText(&random, words: 80)) }
        let queue = try DatabaseQueue(configuration: AppDatabase.configuration())
        try queue.write { db in
            try Self.tables(db)
            try Self.insert(db, rows)
            for table in ["plain", "cached"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE rowid % 3 = 0")
            }
            #expect(try Self.firstDifference(Self.instances(db, "cachedTerms"), Self.instances(db, "plainTerms")) == nil)
            try db.execute(sql: "INSERT INTO cached (cached) VALUES ('integrity-check')")
        }
    }

    @Test("a wrapped tokenizer that does not exist is an error, not a silent fallback")
    func unknownTokenizer() throws {
        let queue = try DatabaseQueue(configuration: AppDatabase.configuration())
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(a, tokenize='kb_cached nosuchtokenizer')")
                try db.execute(sql: "INSERT INTO t (a) VALUES ('x')")
            }
        }
    }
}
