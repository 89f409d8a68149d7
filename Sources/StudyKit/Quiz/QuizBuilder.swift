/// Builds a whole quiz up front from cards, prompts and a seeded generator: pure, so a quiz
/// replayed with the same seed asks the same questions with the same options in the same order.
public struct QuizBuilder: Sendable {
    /// Questions per quiz unless `-n` says otherwise.
    public static let defaultCount = 10
    /// Card kinds asked as multiple choice (DESIGN.md 4: a basic or generated card's front).
    public static let choiceKinds: Set<CardKind> = [.basic, .generated]

    public var kinds: [QuizKind]
    public var count: Int

    public init(kinds: [QuizKind] = QuizKind.allCases, count: Int = QuizBuilder.defaultCount) {
        self.kinds = kinds.isEmpty ? QuizKind.allCases : QuizKind.allCases.filter(kinds.contains)
        self.count = count
    }

    /// Up to `count` questions: the requested kinds taken in turn (so a mixed quiz stays mixed
    /// even when cards outnumber prompts), then shuffled.
    ///
    /// - Parameters:
    ///   - cards: the cards that may be asked (already filtered by topic or weakness).
    ///   - pool: the cards distractors may come from; normally every active card, so a narrow
    ///     `--topic` still finds options among the topic's other cards.
    ///   - prompts: the design prompts that may be asked.
    public func build<R: RandomNumberGenerator>(
        cards: [CardInfo], pool: [CardInfo], prompts: [DesignPrompt], random: inout R
    ) -> [QuizQuestion] {
        var choiceCards = QuizRandom.shuffled(cards.filter { Self.choiceKinds.contains($0.kind) }, using: &random)
        var typedCards = QuizRandom.shuffled(cards.filter { $0.kind == .cloze }, using: &random)
        var promptList = QuizRandom.shuffled(prompts, using: &random)
        var chosen: [QuizQuestion] = []
        var exhausted: Set<QuizKind> = []
        while chosen.count < count, exhausted.count < kinds.count {
            for kind in kinds where !exhausted.contains(kind) && chosen.count < count {
                let next: QuizQuestion?
                switch kind {
                case .choice: next = Self.nextChoice(from: &choiceCards, pool: pool, random: &random)
                case .typed: next = Self.nextTyped(from: &typedCards)
                case .prompt: next = promptList.isEmpty ? nil : Self.question(for: promptList.removeFirst())
                }
                if let next { chosen.append(next) } else { exhausted.insert(kind) }
            }
        }
        return QuizRandom.shuffled(chosen, using: &random)
    }

    /// The next card that has three distractors, as a question with its options shuffled.
    static func nextChoice<R: RandomNumberGenerator>(from cards: inout [CardInfo], pool: [CardInfo], random: inout R) -> QuizQuestion? {
        while !cards.isEmpty {
            let card = cards.removeFirst()
            guard let wrong = Distractors.pick(for: card, from: pool, random: &random) else { continue }
            let options = QuizRandom.shuffled([card.back] + wrong, using: &random)
            let right = options.firstIndex(of: card.back) ?? 0
            return QuizQuestion(
                kind: .choice, cardId: card.id, question: card.front, options: options, correctOption: right,
                answer: card.back, reveal: card.back, topics: card.topics, path: card.path, line: card.line)
        }
        return nil
    }

    /// The next cloze card whose hidden text can be recovered; several blanks are typed in order.
    static func nextTyped(from cards: inout [CardInfo]) -> QuizQuestion? {
        while !cards.isEmpty {
            let card = cards.removeFirst()
            guard let answers = ClozeAnswer.answers(front: card.front, back: card.back) else { continue }
            return QuizQuestion(
                kind: .typed, cardId: card.id, question: card.front, answer: answers.joined(separator: "; "),
                reveal: card.back, topics: card.topics, path: card.path, line: card.line)
        }
        return nil
    }

    static func question(for prompt: DesignPrompt) -> QuizQuestion {
        QuizQuestion(
            kind: .prompt, promptKey: prompt.key, question: prompt.question, reveal: prompt.outline,
            topics: prompt.topics, path: prompt.path, line: prompt.line)
    }
}
