import ArgumentParser
import Foundation
import RecLab
import StudyKit

extension QuizKind: ExpressibleByArgument {}

extension KB {
    struct Quiz: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quiz",
            abstract: "A scored quiz: multiple choice, typed cloze answers and design prompts.",
            discussion: """
                Multiple choice asks a card's front with four options (keys 1-4 or a-d). Typed questions \
                hide a cloze deletion: type it and press enter (case, accents, punctuation and a small typo \
                are forgiven; the difference is shown). Design prompts come from notes' "Interview prompts" \
                sections: answer in your head or in writing, then grade yourself 0-5 against the outline.

                s skips a question, q quits; every answer is saved as it is given. A quiz leaves SM-2 \
                schedules alone unless --schedule is given.

                From a pipe (no terminal), kb reads one answer per line: 1-4 or a-d for a choice, the text \
                for a typed answer, one line of answer then a grade 0-5 for a prompt; :s skips and :q quits \
                anywhere (plain s and q too, except as a typed answer).
                """)

        @OptionGroup var options: GlobalOptions

        @Option(name: .shortAndLong, help: ArgumentHelp("Only cards and prompts with this topic (repeatable).", valueName: "topic"), completion: .kbTopics)
        var topic: [String] = []

        @Option(name: .shortAndLong, help: ArgumentHelp("Only this deck and the decks below it (repeatable; prompts come from notes, whose deck is 'notes').", valueName: "deck"), completion: .kbDecks)
        var deck: [String] = []

        @Option(name: .long, help: ArgumentHelp("Only questions of this kind (repeatable).", valueName: "kind"))
        var kind: [QuizKind] = []

        @Option(name: .short, help: "How many questions.")
        var n = QuizBuilder.defaultCount

        @Flag(help: "Ask about the topics with the lowest quiz accuracy so far.")
        var weak = false

        @Flag(help: "Apply each answer's grade as an SM-2 review of its card.")
        var schedule = false

        @Option(help: "Seed of the question order and options (default: from the day, so a day's quiz repeats).")
        var seed: UInt64?

        @Flag(help: "Print the result as JSON (questions then go to standard error).")
        var json = false

        func validate() throws {
            if n < 1 { throw ValidationError("-n must be 1 or more") }
            if weak && !topic.isEmpty { throw ValidationError("--weak chooses the topics itself; leave out --topic") }
        }

        func run() throws {
            let context = try options.context()
            let pool = try context.database.cards(filter: CardFilter()).filter { $0.status == .active }
            var wanted = Set(Topic.normalise(topic))
            var matchAll = true
            if weak {
                let weakest = TopicAccuracy.weakest(try context.database.quizAccuracy())
                if weakest.isEmpty {
                    Terminal.warn("kb: no quiz answers yet, so no weak topics: asking from every topic")
                } else {
                    Terminal.warn("kb: weakest topics so far: \(weakest.joined(separator: ", "))")
                    wanted = Set(weakest)
                    matchAll = false
                }
            }
            let filter = CardFilter(topics: [], decks: deck)
            let inDecks = deck.isEmpty ? pool : try context.database.cards(filter: filter).filter { $0.status == .active }
            let cards = inDecks.filter { Self.matches($0.topics, wanted, all: matchAll) }
            let promptsAllowed = deck.isEmpty || deck.contains("notes")
            let prompts = promptsAllowed
                ? DesignPrompt.extract(from: try context.database.promptSections()).filter { Self.matches($0.topics, wanted, all: matchAll) }
                : []
            let seed = self.seed ?? QuizRandom.seed(for: context.today)
            var random = SplitMix64(seed: seed)
            let questions = QuizBuilder(kinds: kind, count: n).build(cards: cards, pool: pool, prompts: prompts, random: &random)
            guard !questions.isEmpty else {
                throw UserError("no questions to ask: no card or prompt matches \(describeFilter(wanted)); `kb topics` lists topics, and multiple choice needs 3 other cards of the same topic and kind")
            }
            let quiz = try context.database.startQuiz(day: context.today, seed: seed, scheduled: schedule)
            var driver = QuizDriver(context: context, questions: questions, quiz: quiz, schedule: schedule, json: json)
            driver.cards = Dictionary(uniqueKeysWithValues: cards.map { ($0.id, $0) })
            try driver.run()
            if json {
                try JSONOutput.print(QuizReport(quiz: quiz, day: context.today.description, seed: seed, score: driver.score, answers: driver.log))
            }
        }

        /// A topic list passes when it holds all wanted topics (`--topic`) or any (`--weak`).
        static func matches(_ topics: [String], _ wanted: Set<String>, all: Bool) -> Bool {
            guard !wanted.isEmpty else { return true }
            return all ? wanted.isSubset(of: topics) : !wanted.isDisjoint(with: topics)
        }

        private func describeFilter(_ wanted: Set<String>) -> String {
            var parts: [String] = []
            if !wanted.isEmpty { parts.append("topic \(wanted.sorted().joined(separator: ", "))") }
            if !deck.isEmpty { parts.append("deck \(deck.joined(separator: ", "))") }
            if !kind.isEmpty { parts.append("kind \(kind.map(\.rawValue).joined(separator: ", "))") }
            return parts.isEmpty ? "the index" : parts.joined(separator: " and ")
        }
    }
}
