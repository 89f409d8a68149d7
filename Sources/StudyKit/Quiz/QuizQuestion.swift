/// The three ways a quiz asks (DESIGN.md 4); the raw value is stored in the quiz log.
public enum QuizKind: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// The front of a basic or generated card with four options.
    case choice
    /// A cloze card answered by typing the hidden text.
    case typed
    /// An open design question from a note's "Interview prompts", self-graded against its outline.
    case prompt
}

/// One question of a quiz, built ahead so that the whole quiz follows from its seed.
///
/// A question points either at a card (`cardId`, choice and typed) or at a design prompt
/// (`promptKey`); the log keeps whichever it is so accuracy can be counted per topic later.
public struct QuizQuestion: Sendable, Equatable {
    public var kind: QuizKind
    /// The card asked, for choice and typed questions.
    public var cardId: Int64?
    /// The prompt asked, for design prompts (see `DesignPrompt.key`).
    public var promptKey: String?
    /// Markdown of what is asked: a card's front, or the prompt's question.
    public var question: String
    /// Choice: the four options, the right one at `correctOption`.
    public var options: [String]
    public var correctOption: Int
    /// Typed: the hidden text to type. Choice: the right option. Prompt: empty.
    public var answer: String
    /// Markdown shown after answering: a card's back, or the prompt's outline.
    public var reveal: String
    public var topics: [String]
    public var path: String
    public var line: Int

    public init(
        kind: QuizKind, cardId: Int64? = nil, promptKey: String? = nil, question: String, options: [String] = [],
        correctOption: Int = 0, answer: String = "", reveal: String, topics: [String], path: String, line: Int
    ) {
        self.kind = kind
        self.cardId = cardId
        self.promptKey = promptKey
        self.question = question
        self.options = options
        self.correctOption = correctOption
        self.answer = answer
        self.reveal = reveal
        self.topics = topics
        self.path = path
        self.line = line
    }

    /// The grade an automatically checked answer is worth, for `--schedule` and the log.
    ///
    /// Recognising an answer among four is easier than recalling it, so a right choice counts as
    /// "correct after hesitation" (4), never 5; a typed answer with a forgiven typo also earns 4,
    /// an exact one 5. Any wrong answer is "wrong, remembered once seen" (1): the right answer
    /// is shown straight after.
    public static func grade(correct: Bool, exact: Bool) -> Grade {
        guard correct else { return .wrong }
        return exact ? .perfect : .good
    }
}
