import ArgumentParser
import StudyKit

extension KB {
    struct Topics: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "topics",
            abstract: "List topics with their number of notes and cards.",
            discussion: "Topics come from front matter (topics:, tags:), #tags in the text and the folder under Notes/ or Decks/.")

        @OptionGroup var options: GlobalOptions

        @Flag(help: "Print JSON: [{name, notes, cards}].")
        var json = false

        func run() throws {
            let context = try options.context()
            let topics = try context.database.topics()
            if json { return try JSONOutput.print(topics) }
            if topics.isEmpty {
                print("no topics yet: add `topics: [a, b]` to a note's front matter")
                return
            }
            let width = max(5, topics.map(\.name.count).max() ?? 5)
            print(context.terminal.bold("topic".padding(toLength: width, withPad: " ", startingAt: 0) + "  notes  cards"))
            for topic in topics {
                let name = topic.name.padding(toLength: width, withPad: " ", startingAt: 0)
                print("\(context.terminal.cyan(name))  \(pad(topic.notes, 5))  \(pad(topic.cards, 5))")
            }
        }

        private func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: " ", count: max(0, width - text.count)) + text
        }
    }
}
