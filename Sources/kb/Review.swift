import ArgumentParser
import Foundation
import StudyKit

extension KB {
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            // Parsed alone by KB.parseCommand; ArgumentParser then names it "kb review" and skips
            // the root's completion-script probes (two more parses of the arguments).
            _superCommandName: "kb",
            abstract: "Review the cards due today (SM-2), then new cards.",
            discussion: """
                On a terminal: space or enter shows the answer, 0-5 grades it, u undoes the last grade, \
                s skips the card, q quits. Grades: 0 blackout, 1 wrong, 2 wrong but easy once seen, \
                3 correct with difficulty, 4 correct after hesitation, 5 perfect. Cards graded below 4 come \
                back at the end of the session until you give them 4 or 5 (that changes no schedule).
                Every grade is saved the moment you give it: quitting at any point loses nothing.

                From a pipe (no terminal), kb prints each card as plain text and reads one command per \
                line: 0-5, u, s or q.
                """)

        @OptionGroup var options: GlobalOptions

        @Option(name: .shortAndLong, help: ArgumentHelp("Only cards with this topic (repeatable).", valueName: "topic"), completion: .kbTopics)
        var topic: [String] = []

        @Option(name: .shortAndLong, help: ArgumentHelp("Only this deck and the decks below it (repeatable; notes' cards are in 'notes').", valueName: "deck"), completion: .kbDecks)
        var deck: [String] = []

        @Option(name: .long, help: "At most this many new cards today.")
        var new = ReviewSession.defaultNewLimit

        func validate() throws {
            if new < 0 { throw ValidationError("--new must be 0 or more") }
        }

        func run() throws {
            let context = try options.context()
            let filter = CardFilter(topics: topic, decks: deck)
            let queue = try context.database.reviewQueue(today: context.today, filter: filter, newLimit: new)
            let session = ReviewSession(
                today: context.today, cards: queue.cards, newLimit: new,
                newSeenToday: queue.newSeenToday, siblingGroupsReviewedToday: queue.siblingsToday)
            var driver = ReviewDriver(context: context, session: session, filter: filter)
            defer { try? context.database.compactLog() }
            try driver.run()
        }
    }
}
