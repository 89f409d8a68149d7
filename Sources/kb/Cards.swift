import ArgumentParser
import Foundation
import StudyKit

extension KB {
    struct Cards: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cards",
            abstract: "List cards with their schedule, or suspend and unsuspend one.",
            subcommands: [List.self, Suspend.self, Unsuspend.self],
            defaultSubcommand: List.self)

        /// The card row of `kb cards --json` (DESIGN.md 2).
        struct Row: Encodable {
            var id: Int64
            var key: String
            var kind: String
            var front: String
            var back: String
            var deck: String
            var path: String
            var line: Int
            var topics: [String]
            var status: String
            var repetitions: Int
            var ease: Double
            var interval: Int
            var due: String?
            var lapses: Int

            init(_ card: CardInfo) {
                id = card.id
                key = card.key
                kind = card.kind.rawValue
                front = card.front
                back = card.back
                deck = card.deck
                path = card.path
                line = card.line
                topics = card.topics
                status = card.displayStatus
                repetitions = card.schedule.repetitions
                ease = card.schedule.easeFactor
                interval = card.schedule.interval
                due = card.schedule.due?.description
                lapses = card.schedule.lapses
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List active cards (new, review, suspended) with their schedule.")

            @OptionGroup var options: GlobalOptions

            @Option(name: .shortAndLong, help: ArgumentHelp("Only cards with this topic (repeatable).", valueName: "topic"), completion: .kbTopics)
            var topic: [String] = []

            @Option(name: .shortAndLong, help: ArgumentHelp("Only this deck and the decks below it (repeatable).", valueName: "deck"), completion: .kbDecks)
            var deck: [String] = []

            @Flag(help: "Include retired cards (whose source vanished from the notes).")
            var all = false

            @Flag(help: "Print JSON: [{id, key, kind, front, back, deck, path, line, topics, status, repetitions, ease, interval, due, lapses}].")
            var json = false

            func run() throws {
                let context = try options.context()
                let cards = try context.database.cards(filter: CardFilter(topics: topic, decks: deck), includeRetired: all)
                if json { return try JSONOutput.print(cards.map(Row.init)) }
                let terminal = context.terminal
                if cards.isEmpty {
                    print("no cards" + (topic.isEmpty && deck.isEmpty ? "" : " match") + "; cards are written as `Question :: Answer` in Notes/ and Decks/")
                    return
                }
                let width = terminal.width
                for card in cards {
                    let front = card.front.replacingOccurrences(of: "\n", with: " ")
                    let schedule = card.schedule.due.map { "due \($0) · every \(card.schedule.interval)d · ease \(String(format: "%.2f", card.schedule.easeFactor))" } ?? "new"
                    let status = card.displayStatus == "suspended" || card.displayStatus == "retired" ? " [\(card.displayStatus)]" : ""
                    let room = max(20, width - 8)
                    print(terminal.dim(String(format: "%6lld ", card.id)) + String(front.prefix(room)) + terminal.yellow(status))
                    print("       " + terminal.dim("\(card.deck) · \(schedule) · \(card.path):\(card.line)"))
                }
                print(terminal.dim("\(cards.count) card\(cards.count == 1 ? "" : "s")"))
            }
        }

        struct Suspend: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "suspend", abstract: "Suspend a card: it keeps its schedule and history but is not reviewed.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The card's id (the number kb cards and kb review show).") var id: Int64

            func run() throws {
                let context = try options.context()
                guard try context.database.setSuspended(true, card: id) else { throw UserError("no active card #\(id); kb cards lists them") }
                print("card #\(id) suspended; kb cards unsuspend \(id) brings it back")
            }
        }

        struct Unsuspend: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "unsuspend", abstract: "Bring a suspended card back into reviews.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The card's id.") var id: Int64

            func run() throws {
                let context = try options.context()
                guard try context.database.setSuspended(false, card: id) else { throw UserError("no card #\(id); kb cards lists them") }
                print("card #\(id) is back in reviews")
            }
        }
    }
}
