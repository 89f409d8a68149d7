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
