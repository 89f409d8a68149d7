/// One answered question, as the quiz log stores it and the end-of-quiz score counts it.
public struct QuizAnswer: Sendable, Equatable {
    public var kind: QuizKind
    public var cardId: Int64?
    public var promptKey: String?
    /// The path of the prompt's note (prompts have no card row to point at).
    public var promptPath: String?
    public var correct: Bool
    /// The grade the answer is worth: computed for choice and typed, given by the user for prompts.
    public var grade: Grade
    public var seconds: Double
    public var topics: [String]

    public init(
        kind: QuizKind, cardId: Int64? = nil, promptKey: String? = nil, promptPath: String? = nil, correct: Bool,
        grade: Grade, seconds: Double, topics: [String]
    ) {
        self.kind = kind
        self.cardId = cardId
        self.promptKey = promptKey
        self.promptPath = promptPath
        self.correct = correct
        self.grade = grade
        self.seconds = seconds
        self.topics = topics
    }

    /// The log entry for an answer to `question`.
    public init(_ question: QuizQuestion, correct: Bool, grade: Grade, seconds: Double) {
        self.init(
            kind: question.kind, cardId: question.cardId, promptKey: question.promptKey,
            promptPath: question.promptKey == nil ? nil : question.path, correct: correct, grade: grade,
            seconds: seconds, topics: question.topics)
    }
}

/// The score shown when a quiz ends.
public struct QuizScore: Sendable, Equatable, Codable {
    public var answered = 0
    public var correct = 0
    public var skipped = 0
    public var seconds: Double = 0

    public init() {}

    public mutating func add(_ answer: QuizAnswer) {
        answered += 1
        if answer.correct { correct += 1 }
        seconds += answer.seconds
    }

    /// Correct answers as a share of answered questions; nil before the first answer.
    public var accuracy: Double? { answered > 0 ? Double(correct) / Double(answered) : nil }
}

/// How well one topic has gone in quizzes so far.
public struct TopicAccuracy: Sendable, Equatable, Codable {
    public var topic: String
    public var answered: Int
    public var correct: Int

    public init(topic: String, answered: Int, correct: Int) {
        self.topic = topic
        self.answered = answered
        self.correct = correct
    }

    public var accuracy: Double { answered > 0 ? Double(correct) / Double(answered) : 0 }

    /// The `limit` weakest topics: lowest accuracy first, and of equal accuracy the one with more
    /// answers (more evidence that it really is weak), then by name for a stable order.
    public static func weakest(_ topics: [TopicAccuracy], limit: Int = 3) -> [String] {
        topics.filter { $0.answered > 0 }
            .sorted { a, b in
                if a.accuracy != b.accuracy { return a.accuracy < b.accuracy }
                if a.answered != b.answered { return a.answered > b.answered }
                return a.topic < b.topic
            }
            .prefix(limit).map(\.topic)
    }
}
