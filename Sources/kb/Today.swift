import ArgumentParser
import StudyKit

extension KB {
    struct Today: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "today",
            // Parsed alone by KB.parseCommand; ArgumentParser then names it "kb today" and skips
            // the root's completion-script probes (two more parses of the arguments).
            _superCommandName: "kb",
            abstract: "Show what is due today per deck and topic, the streak and the next 7 days.")

        @OptionGroup var options: GlobalOptions

        @Option(name: .shortAndLong, help: ArgumentHelp("Only cards with this topic (repeatable).", valueName: "topic"), completion: .kbTopics)
        var topic: [String] = []

        @Option(name: .long, help: "The daily limit of new cards (as for kb review).")
        var new = ReviewSession.defaultNewLimit

        @Flag(help: "Print JSON: {day, due, new, byDeck: [{deck, due, new}], byTopic, streak, nextDays}.")
        var json = false

        func run() throws {
            let context = try options.context()
            let overview = try context.database.todayOverview(today: context.today, filter: CardFilter(topics: topic), newLimit: new)
            if json {
                struct Deck: Encodable { var deck: String; var due: Int; var new: Int }
                struct TopicCount: Encodable { var topic: String; var due: Int; var new: Int }
                struct Upcoming: Encodable { var day: String; var due: Int }
                struct Output: Encodable {
                    var day: String
                    var due: Int
                    var new: Int
                    var byDeck: [Deck]
                    var byTopic: [TopicCount]
                    var streak: Int
                    var reviewedToday: Int
                    var nextDays: [Upcoming]
                }
                return try JSONOutput.print(Output(
                    day: overview.day.description, due: overview.due, new: overview.new,
                    byDeck: overview.byDeck.map { Deck(deck: $0.name, due: $0.due, new: $0.new) },
                    byTopic: overview.byTopic.map { TopicCount(topic: $0.name, due: $0.due, new: $0.new) },
                    streak: overview.streak, reviewedToday: overview.reviewedToday,
                    nextDays: overview.nextDays.map { Upcoming(day: $0.day.description, due: $0.due) }))
            }
            let terminal = context.terminal
            print(terminal.bold("\(overview.day)") + ": " + terminal.green("\(overview.due) due") + ", " + terminal.blue("\(overview.new) new")  + terminal.dim(" (limit \(new) a day)")
                + (overview.reviewedToday > 0 ? ", \(overview.reviewedToday) reviewed today" : "")
                + "  ·  streak \(overview.streak) day\(overview.streak == 1 ? "" : "s")")
            if overview.due + overview.new == 0 {
                print("Nothing due. " + (overview.nextDays.first { $0.due > 0 }.map { "Next: \($0.due) on \($0.day)." } ?? ""))
            }
            Self.table(terminal, "deck", overview.byDeck)
            Self.table(terminal, "topic", overview.byTopic)
            print("")
            print(terminal.bold("next 7 days"))
            let most = max(1, overview.nextDays.map(\.due).max() ?? 1)
            for (day, due) in overview.nextDays {
                let bar = String(repeating: "▇", count: Int((Double(due) / Double(most) * 30).rounded(.up)))
                print("  \(day)  \(String(repeating: " ", count: max(0, 5 - String(due).count)))\(due)  " + terminal.green(bar))
            }
            if overview.due + overview.new > 0 { print(terminal.dim("\nstart with: kb review")) }
        }

        static func table(_ terminal: Terminal, _ title: String, _ rows: [DueCount]) {
            guard !rows.isEmpty else { return }
            let width = max(title.count, rows.map(\.name.count).max() ?? 0)
            print("")
            print(terminal.bold(title.padding(toLength: width, withPad: " ", startingAt: 0) + "    due unseen"))
            for row in rows {
                let due = String(row.due), new = String(row.new)
                print(row.name.padding(toLength: width, withPad: " ", startingAt: 0)
                    + String(repeating: " ", count: 7 - min(7, due.count)) + due
                    + String(repeating: " ", count: 7 - min(7, new.count)) + new)
            }
        }
    }
}
