import Foundation
import GRDB

extension AppDatabase {
    /// Opens a quiz in the log and returns its id; answers are added one by one as they come.
    public func startQuiz(day: Day, seed: UInt64, scheduled: Bool, at date: Date = Date()) throws -> Int64 {
        try write { db in
            try db.execute(
                sql: "INSERT INTO quiz (day, startedAt, seed, scheduled) VALUES (?, ?, ?, ?)",
                arguments: [day.daysSinceEpoch, date.timeIntervalSince1970, Int64(bitPattern: seed), scheduled])
            return db.lastInsertedRowID
        }
    }

    /// Commits one answer (and its topics) in its own transaction, the moment it is given, so
    /// that quitting a quiz halfway loses nothing. Returns the answer's id.
    @discardableResult
    public func recordQuizAnswer(_ answer: QuizAnswer, quiz: Int64, at date: Date = Date()) throws -> Int64 {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO quizAnswer (quizId, kind, cardId, promptKey, promptPath, correct, grade, seconds, answeredAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    quiz, answer.kind.rawValue, answer.cardId, answer.promptKey, answer.promptPath, answer.correct,
                    answer.grade.rawValue, answer.seconds, date.timeIntervalSince1970,
                ])
            let id = db.lastInsertedRowID
            for topic in Topic.normalise(answer.topics) {
                try db.execute(sql: "INSERT INTO quizAnswerTopic (answerId, name) VALUES (?, ?)", arguments: [id, topic])
            }
            return id
        }
    }

    /// Answers logged for a quiz, in the order given (for tests and `--json`).
    public func quizAnswers(quiz: Int64) throws -> [QuizAnswer] {
        try read { db in
            let topicRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT answerId, name FROM quizAnswerTopic
                    WHERE answerId IN (SELECT id FROM quizAnswer WHERE quizId = ?) ORDER BY name
                    """,
                arguments: [quiz])
            var topics: [Int64: [String]] = [:]
            for row in topicRows { topics[row["answerId"], default: []].append(row["name"]) }
            return try Row.fetchAll(db, sql: "SELECT * FROM quizAnswer WHERE quizId = ? ORDER BY id", arguments: [quiz]).map { row in
                QuizAnswer(
                    kind: QuizKind(rawValue: row["kind"]) ?? .choice, cardId: row["cardId"], promptKey: row["promptKey"],
                    promptPath: row["promptPath"], correct: row["correct"], grade: Grade(rawValue: row["grade"]) ?? .blackout,
                    seconds: row["seconds"], topics: topics[row["id"]] ?? [])
            }
        }
    }

    /// Quiz accuracy per topic over every answer logged, by topic name.
    public func quizAccuracy(topics: [String] = []) throws -> [TopicAccuracy] {
        try read { db in
            let wanted = Topic.normalise(topics)
            var sql = """
                SELECT quizAnswerTopic.name AS topic, COUNT(*) AS answered, SUM(quizAnswer.correct) AS correct
                FROM quizAnswerTopic JOIN quizAnswer ON quizAnswer.id = quizAnswerTopic.answerId
                """
            if !wanted.isEmpty {
                sql += " WHERE quizAnswerTopic.name IN (\(wanted.map { _ in "?" }.joined(separator: ", ")))"
            }
            sql += " GROUP BY quizAnswerTopic.name ORDER BY quizAnswerTopic.name"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(wanted)).map {
                TopicAccuracy(topic: $0["topic"], answered: $0["answered"], correct: $0["correct"] ?? 0)
            }
        }
    }

    /// The sections that may hold design prompts: those under an "Interview prompts" heading,
    /// of notes having all of `topics` (any topic when empty), in note order.
    public func promptSections(topics: [String] = []) throws -> [PromptSection] {
        try read { db in
            var sql = """
                SELECT note.path, note.title, section.heading, section.line, section.body, section.topics
                FROM section JOIN note ON note.id = section.noteId
                WHERE section.heading LIKE ? ESCAPE '\\'
                """
            var arguments: StatementArguments = ["%" + DesignPrompt.sectionHeading + " › %"]
            for topic in Topic.normalise(topics) {
                sql += " AND note.id IN (SELECT noteId FROM topic WHERE name = ?)"
                _ = arguments.append(contentsOf: [topic])
            }
            sql += " ORDER BY note.path, section.line"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let heading: String = row["heading"]
                let topics: String = row["topics"]
                return PromptSection(
                    path: row["path"], title: row["title"], headingPath: heading.split(separator: " › ", omittingEmptySubsequences: false).map(String.init),
                    line: row["line"], body: row["body"], topics: topics.split(separator: " ").map(String.init))
            }
        }
    }
}
