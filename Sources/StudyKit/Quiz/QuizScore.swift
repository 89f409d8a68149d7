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
