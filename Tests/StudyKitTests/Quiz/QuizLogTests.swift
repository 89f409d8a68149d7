import Foundation
import GRDB
import Testing
@testable import StudyKit

@Suite("Quiz log")
struct QuizLogTests {
    private func indexed() throws -> (TempRoot, AppDatabase) {
        let root = try TempRoot()
        try root.write("Decks/metrics.md", """
            ---
            topics: [metrics]
            ---
            What does AUC measure? :: The chance a random positive outranks a random negative.

            What does recall@k count? :: The share of relevant items found in the top k.
            """)
        try root.write("Decks/serving.md", """
            ---
            topics: [serving]
            ---
            What is a hedged request? :: A second copy of a slow request sent to another replica.
            """)
        let database = try AppDatabase.inMemory()
        try root.index(database)
        return (root, database)
    }

    @Test("every answer is logged with its quiz, card or prompt, correctness, grade, time and topics")
    func logsAnswers() throws {
        let (_, database) = try indexed()
        let cards = try database.cards()
        let auc = try #require(cards.first { $0.front.hasPrefix("What does AUC") })
        let quiz = try database.startQuiz(day: Day(daysSinceEpoch: 20_000), seed: 9, scheduled: false)
        try database.recordQuizAnswer(
            QuizAnswer(kind: .choice, cardId: auc.id, correct: true, grade: .good, seconds: 2.5, topics: auc.topics), quiz: quiz)
        try database.recordQuizAnswer(
            QuizAnswer(kind: .prompt, promptKey: "abc", promptPath: "Notes/d.md", correct: false, grade: .wrongButEasy, seconds: 60, topics: ["design"]),
            quiz: quiz)
        let logged = try database.quizAnswers(quiz: quiz)
        #expect(logged.count == 2)
        #expect(logged[0] == QuizAnswer(kind: .choice, cardId: auc.id, correct: true, grade: .good, seconds: 2.5, topics: ["metrics"]))
        #expect(logged[1].promptKey == "abc" && logged[1].promptPath == "Notes/d.md" && !logged[1].correct)
    }

    @Test("accuracy per topic, and the weakest topics first")
    func accuracy() throws {
        let (_, database) = try indexed()
        let cards = try database.cards()
        let quiz = try database.startQuiz(day: Day(daysSinceEpoch: 20_000), seed: 1, scheduled: false)
        for (card, correct) in [(cards[0], true), (cards[1], false), (cards[2], false), (cards[2], true)] {
            try database.recordQuizAnswer(
                QuizAnswer(kind: .choice, cardId: card.id, correct: correct, grade: correct ? .good : .wrong, seconds: 1, topics: card.topics),
                quiz: quiz)
        }
        let accuracy = try database.quizAccuracy()
        #expect(accuracy.map(\.topic) == ["metrics", "serving"])
        #expect(accuracy.map(\.answered) == [2, 2])
        #expect(accuracy.map(\.correct) == [1, 1])
        let more = [TopicAccuracy(topic: "a", answered: 4, correct: 3), TopicAccuracy(topic: "b", answered: 2, correct: 0), TopicAccuracy(topic: "c", answered: 9, correct: 0)]
        #expect(TopicAccuracy.weakest(more, limit: 2) == ["c", "b"])
    }

    @Test("a quiz changes no schedule; with --schedule its grade is an SM-2 review of the card")
    func schedule() throws {
        let (_, database) = try indexed()
        let day = Day(daysSinceEpoch: 20_000)
        let card = try #require(try database.cards().first)
        let quiz = try database.startQuiz(day: day, seed: 1, scheduled: true)
        try database.recordQuizAnswer(QuizAnswer(kind: .choice, cardId: card.id, correct: true, grade: .good, seconds: 1, topics: []), quiz: quiz)
        #expect(try database.card(id: card.id)?.schedule == .new)
        let grade = QuizQuestion.grade(correct: true, exact: false)
        let after = SM2.next(card.schedule, grade: grade, on: day)
        try database.recordReview(
            ReviewOutcome(cardId: card.id, grade: grade, seconds: 1, isDrill: false, before: card.schedule, after: after, becameLeech: false, willRepeat: false),
            day: day)
        let stored = try #require(try database.card(id: card.id))
        #expect(stored.schedule.due == day + 1)
        #expect(stored.schedule.repetitions == 1)
        #expect(stored.schedule.ease == 250)
    }

    @Test("the v2-quiz migration adds the log to a v1 database and keeps its cards")
    func migration() throws {
        let queue = try DatabaseQueue(configuration: AppDatabase.configuration())
        try Schema.migrator.migrate(queue, upTo: "v1")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO card (id, key, kind, front, back, deck, path, line, ordinal, status, createdDay)
                VALUES (1, 'k', 'basic', 'Q', 'A', 'd', 'Decks/d.md', 1, 0, 'active', 0);
                INSERT INTO schedule (cardId, repetitions, ease, interval, due, lapses) VALUES (1, 2, 260, 6, 10, 0);
                """)
            #expect(try !db.tableExists("quizAnswer"))
        }
        let database = try AppDatabase(queue)
        #expect(try database.card(id: 1)?.schedule.ease == 260)
        let quiz = try database.startQuiz(day: Day(daysSinceEpoch: 3), seed: UInt64.max, scheduled: false)
        try database.recordQuizAnswer(QuizAnswer(kind: .typed, cardId: 1, correct: true, grade: .perfect, seconds: 1, topics: ["x"]), quiz: quiz)
        #expect(try database.quizAccuracy() == [TopicAccuracy(topic: "x", answered: 1, correct: 1)])
    }
}
