import StudyKit

/// `kb quiz --json`: the quiz's id and seed (to replay it), the score and every answer.
struct QuizReport: Encodable {
    struct Entry: Encodable {
        var kind: String
        var cardId: Int64?
        var promptKey: String?
        var question: String
        var answer: String
        var given: String
        var correct: Bool
        var grade: Int
        var seconds: Double
        var topics: [String]
        var path: String
        var line: Int
        /// With `--schedule`: the card's next due day.
        var nextDue: String?

        init(_ question: QuizQuestion, given: String, answer: QuizAnswer, nextDue: String?) {
            kind = question.kind.rawValue
            cardId = question.cardId
            promptKey = question.promptKey
            self.question = question.question
            self.answer = question.kind == .prompt ? question.reveal : question.answer
            self.given = given
            correct = answer.correct
            grade = answer.grade.rawValue
            seconds = answer.seconds
            topics = question.topics
            path = question.path
            line = question.line
            self.nextDue = nextDue
        }
    }

    var quiz: Int64
    var day: String
    var seed: UInt64
    var score: QuizScore
    var answers: [Entry]
}
