import Foundation
import Testing
@testable import StudyKit

/// Re-indexing never touches review history: the card keeps its id, schedule and reviews
/// through every kind of edit (DESIGN.md 5).
@Suite("Card history across edits")
struct CardHistoryTests {
    private func reviewOnce(_ database: AppDatabase, day: Day) throws -> Int64 {
        let queue = try database.reviewQueue(today: day, filter: CardFilter(), newLimit: 20)
        var session = ReviewSession(today: day, cards: queue.cards)
        let graded = session.grade(.perfect, seconds: 3)
        let outcome = try #require(graded)
        try database.recordReview(outcome, day: day)
        return outcome.cardId
    }

    private func reviews(_ database: AppDatabase, card: Int64) throws -> Int {
        try database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM review WHERE cardId = ?", arguments: [card]) ?? 0 }
    }

    @Test("edit the answer, reword the question, move the file, delete it, restore it")
    func historyFollowsTheCard() throws {
        let root = try TempRoot()
        let database = try AppDatabase.inMemory()
        let day = try #require(Day("2026-02-01"))
        try root.write("Decks/recsys.md", "What does the logQ correction subtract from each logit? :: log of the sampling probability\n")
        try root.index(database)
        let id = try reviewOnce(database, day: day)
        let scheduled = try #require(try database.card(id: id)).schedule
        #expect(scheduled.due == day + 1)

        // 1. Edit the back: same key, same card.
        try root.write("Decks/recsys.md", "What does the logQ correction subtract from each logit? :: log q, the item's sampling probability\n")
        let edited = try root.index(database)
        #expect(edited.cards.changed == 1 && edited.cards.added == 0)
        let afterEdit = try #require(try database.cards().first)
        #expect(afterEdit.id == id && afterEdit.schedule == scheduled && afterEdit.back.contains("log q"))

        // 2. Reword the front: paired by similarity, new key, same id and schedule.
        try root.write("Decks/recsys.md", "What does the logQ correction subtract from every logit? :: log q, the item's sampling probability\n")
        let reworded = try root.index(database)
        #expect(reworded.cards.changed == 1 && reworded.cards.added == 0 && reworded.cards.retired == 0)
        let afterReword = try #require(try database.cards().first)
        #expect(afterReword.id == id && afterReword.key != afterEdit.key && afterReword.schedule == scheduled)

        // 3. Move it to another file.
        try root.move("Decks/recsys.md", to: "Decks/retrieval/logq.md")
        let moved = try root.index(database)
        #expect(moved.cards.moved == 1 && moved.cards.added == 0 && moved.cards.retired == 0)
        let afterMove = try #require(try database.cards().first)
        #expect(afterMove.id == id && afterMove.path == "Decks/retrieval/logq.md" && afterMove.deck == "retrieval/logq")

        // 4. Delete it: retired, not deleted; history kept.
        try root.remove("Decks/retrieval/logq.md")
        let deleted = try root.index(database)
        #expect(deleted.cards.retired == 1)
        #expect(try database.cards().isEmpty)
        #expect(try database.cards(includeRetired: true).first?.status == .retired)
        #expect(try reviews(database, card: id) == 1)

        // 5. Restore it: revived with its schedule and history.
        try root.write("Decks/restored.md", "What does the logQ correction subtract from every logit? :: log q, the item's sampling probability\n")
        let revived = try root.index(database)
        #expect(revived.cards.revived == 1 && revived.cards.added == 0)
        let back = try #require(try database.cards().first)
        #expect(back.id == id && back.status == .active && back.schedule == scheduled)
        #expect(try reviews(database, card: id) == 1)
    }

    @Test("two cards with the same question: one card and a warning naming both places")
    func duplicates() throws {
        let root = try TempRoot()
        let database = try AppDatabase.inMemory()
        try root.write("Decks/a.md", "What is NDCG? :: DCG over ideal DCG\n")
        try root.write("Decks/b.md", "What is NDCG? :: normalised DCG\n")
        let report = try root.index(database)
        #expect(try database.cards().count == 1)
        let warning = try #require(report.warnings.first { $0.message.contains("duplicate") })
        #expect(warning.path == "Decks/b.md" && warning.message.contains("Decks/a.md:1"))
    }

    @Test("when the file holding a duplicated card drops it, the other copy takes the card over with its history")
    func duplicateTakesOver() throws {
        let root = try TempRoot()
        let database = try AppDatabase.inMemory()
        let day = try #require(Day("2026-02-01"))
        try root.write("Decks/a.md", "What is NDCG? :: DCG over ideal DCG\n")
        try root.write("Decks/b.md", "What is NDCG? :: DCG over ideal DCG\n\nWhat is MRR? :: mean reciprocal rank\n")
        try root.index(database)
        let id = try reviewOnce(database, day: day)  // the first new card: NDCG, held by a.md
        #expect(try database.card(id: id)?.path == "Decks/a.md")

        try root.write("Decks/a.md", "What is recall@k? :: hits in the top k over all relevant\n")
        let report = try root.index(database)
        let card = try #require(try database.card(id: id))
        #expect(card.path == "Decks/b.md" && card.status == .active)
        #expect(try reviews(database, card: id) == 1)
        #expect(report.cards.retired == 0 && report.cards.moved == 1)
        // b.md was read again, so its warning about a.md is gone.
        #expect(report.warnings.isEmpty, "\(report.warnings)")
    }

    @Test("the same holds for generated cards, whose duplicates merge without a warning")
    func generatedDuplicateTakesOver() throws {
        let root = try TempRoot()
        let database = try AppDatabase.inMemory()
        let reference = "## References\n\n- [Deep neural networks for YouTube recommendations](https://example.org/youtube-dnn): split candidate generation from ranking and rank by expected watch time.\n"
        try root.write("Notes/a.md", "# Serving\n\nText.\n\n" + reference)
        try root.write("Notes/b.md", "# Ranking\n\nMore text.\n\n" + reference)
        try root.index(database)
        let generated = try database.cards().filter { $0.front.contains("key idea") }
        #expect(generated.count == 1 && generated.first?.path == "Notes/a.md")
        let id = try #require(generated.first?.id)

        try root.write("Notes/a.md", "# Serving\n\nText only now.\n")
        try root.index(database)
        let card = try #require(try database.card(id: id))
        #expect(card.path == "Notes/b.md" && card.status == .active)
    }
}
