import Foundation
import Testing
@testable import StudyKit

@Suite("Anki export")
struct AnkiExportTests {
    static let day = Day(daysSinceEpoch: 20_500)

    private func indexed(_ deck: String = Self.deck) throws -> (TempRoot, AppDatabase) {
        let root = try TempRoot()
        try root.write("Decks/recsys/metrics.md", deck)
        let database = try AppDatabase.inMemory()
        try root.index(database, day: Self.day.description)
        return (root, database)
    }

    static let deck = """
        ---
        topics: [metrics, ranking]
        ---
        What does AUC measure? :: The chance that a **random positive** outranks a random negative.

        NDCG divides DCG by {{c1::the DCG of the ideal ordering}}.

        What is `recall@k`? :: The share of relevant items in the top k.
        """

    private func export(_ database: AppDatabase) throws -> AnkiReader {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kb-\(UUID().uuidString).apkg")
        defer { try? FileManager.default.removeItem(at: url) }
        let collection = AnkiExport.collection(cards: try database.cards(), reviewCounts: try database.reviewCounts(), today: Self.day)
        try AnkiPackage.write(collection, to: url)
        return try AnkiReader(url)
    }

    @Test("a package is a zip of a schema-11 collection and an empty media map, with decks, note types and tags")
    func roundTrip() throws {
        let (_, database) = try indexed()
        let read = try export(database)
        #expect(read.entries == ["collection.anki2", "media"])
        #expect(read.media == "{}")
        #expect(read.version == 11)
        #expect(read.decks == ["Default", "recsys", "recsys::metrics"])
        #expect(read.notes.count == 3)
        let auc = try #require(read.notes.first { $0.fields[0].hasPrefix("What does AUC") })
        #expect(auc.noteType == "Basic (kb)")
        #expect(auc.fields[1] == "The chance that a <b>random positive</b> outranks a random negative.")
        #expect(auc.tags == ["metrics", "ranking", "recsys"])  // a deck's folder is one of its topics
        #expect(auc.cards.map(\.deck) == ["recsys::metrics"])
        #expect(auc.sortField == "What does AUC measure?")
        #expect(auc.checksum == Int64(SHA1.hex("What does AUC measure?").prefix(8), radix: 16))
        let cloze = try #require(read.notes.first { $0.noteType == "Cloze (kb)" })
        #expect(cloze.fields[0] == "NDCG divides DCG by {{c1::the DCG of the ideal ordering}}.")
        let recall = try #require(read.notes.first { $0.fields[0].contains("recall") })
        #expect(recall.fields[0] == "What is <code>recall@k</code>?")
    }

    @Test("new cards are new in Anki; reviewed cards carry interval, ease in permille, due day, reviews and lapses")
    func schedules() throws {
        let (_, database) = try indexed()
        let cards = try database.cards()
        let auc = try #require(cards.first { $0.front.hasPrefix("What does AUC") })
        var state = auc.schedule
        var day = Self.day - 30
        for grade in [Grade.perfect, .perfect, .wrong, .good, .hard] {
            let after = SM2.next(state, grade: grade, on: day)
            try database.recordReview(
                ReviewOutcome(cardId: auc.id, grade: grade, seconds: 1, isDrill: false, before: state, after: after, becameLeech: false, willRepeat: false),
                day: day)
            state = after
            day = after.due ?? day
        }
        #expect(try database.setSuspended(true, card: cards[2].id))
        let read = try export(database)
        let exported = try #require(read.notes.first { $0.fields[0].hasPrefix("What does AUC") }?.cards.first)
        #expect(exported.type == 2 && exported.queue == 2)
        #expect(exported.interval == state.interval)
        #expect(exported.factor == state.ease * 10)
        #expect(exported.lapses == 1)
        #expect(exported.reps == 5)
        #expect(read.dueDay(exported) == state.due)
        let new = try #require(read.notes.first { $0.noteType == "Cloze (kb)" }?.cards.first)
        #expect(new.type == 0 && new.queue == 0 && new.factor == 0 && new.interval == 0)
        let suspended = try #require(read.notes.first { $0.fields[0].contains("recall") }?.cards.first)
        #expect(suspended.queue == -1)
    }

    @Test("GUIDs are the same on every export and survive editing a card's back")
    func stableGUIDs() throws {
        let (root, database) = try indexed()
        let first = try export(database).notes.map(\.guid)
        #expect(try export(database).notes.map(\.guid) == first)
        try root.write("Decks/recsys/metrics.md", Self.deck.replacingOccurrences(of: "in the top k.", with: "among the first k results."))
        try root.index(database, day: Self.day.description)
        let edited = try export(database).notes
        #expect(Set(edited.map(\.guid)) == Set(first))
        #expect(Set(first).count == 3)
    }

    @Test("SHA-1 matches the published test vectors")
    func sha1() {
        #expect(SHA1.hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(SHA1.hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(SHA1.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
    }
}
