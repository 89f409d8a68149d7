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
