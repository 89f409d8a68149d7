import ArgumentParser
import Foundation
import StudyKit

extension KB {
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Reviews per day (16-week heatmap), the 30-day due forecast, retention, hardest cards and leeches.")

        @OptionGroup var options: GlobalOptions

        @Option(name: .shortAndLong, help: ArgumentHelp("Only cards with this topic (repeatable).", valueName: "topic"), completion: .kbTopics)
        var topic: [String] = []

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let context = try options.context()
            let stats = try context.database.stats(today: context.today, filter: CardFilter(topics: topic))
            if json { return try printJSON(stats, try context.database.quizAccuracy(topics: topic), context) }
            let terminal = context.terminal
            print(terminal.bold("cards: ") + "\(stats.counts.new) new, \(stats.counts.review) in review, \(stats.counts.suspended) suspended, \(stats.counts.retired) retired; \(stats.totalReviews) reviews in all")
            print("")
            print(terminal.bold("reviews per day, last 16 weeks") + terminal.dim("  (· none  ░ 1-4  ▒ 5-14  ▓ 15-29  █ 30+)"))
            heatmap(stats, terminal)
            print("")
            print(terminal.bold("due in the next 30 days"))
            forecast(stats, context)
            print("")
            if let retention = stats.retention {
                print(terminal.bold("retention") + String(format: " %.0f%%", retention * 100) + terminal.dim(" of \(stats.retentionReviews) reviews of learned cards recalled (last 30 days)"))
            } else {
                print(terminal.bold("retention") + terminal.dim(" not yet: no learned card reviewed in the last 30 days"))
            }
            printQuizAccuracy(try context.database.quizAccuracy(topics: topic), terminal)
            if !stats.hardest.isEmpty {
                print("")
                print(terminal.bold("hardest cards"))
                for card in stats.hardest { print(line(card, terminal)) }
            }
            print("")
            if stats.leeches.isEmpty {
                print(terminal.bold("leeches") + terminal.dim(" none (a card with 8 lapses becomes one)"))
            } else {
                print(terminal.bold(terminal.yellow("leeches (8+ lapses): rewrite them, or kb cards suspend ID")))
                for card in stats.leeches { print(line(card, terminal)) }
            }
        }

        private func line(_ card: CardInfo, _ terminal: Terminal) -> String {
            let front = card.front.replacingOccurrences(of: "\n", with: " ")
            return terminal.dim(String(format: "%6lld ", card.id)) + String(front.prefix(70))
                + terminal.dim(String(format: "  ease %.2f, %d lapses  %@:%d", card.schedule.easeFactor, card.schedule.lapses, card.path, card.line))
        }

        private func heatmap(_ stats: StudyStats, _ terminal: Terminal) {
            // Columns are weeks, rows weekdays (Mon..Sun); 1970-01-01 was a Thursday.
            let first = stats.firstDay.daysSinceEpoch
            let startWeekday = (first + 3) % 7  // 0 = Monday
            let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            let columns = (stats.reviewsPerDay.count + startWeekday + 6) / 7
            for weekday in 0..<7 {
                var row = names[weekday] + " "
                for column in 0..<columns {
                    let index = column * 7 + weekday - startWeekday
                    guard stats.reviewsPerDay.indices.contains(index) else {
                        row += " "
                        continue
                    }
                    let count = stats.reviewsPerDay[index]
                    let cell = count == 0 ? "·" : count < 5 ? "░" : count < 15 ? "▒" : count < 30 ? "▓" : "█"
                    row += count == 0 ? terminal.dim(cell) : terminal.green(cell)
                }
                print(row)
            }
        }

        private func forecast(_ stats: StudyStats, _ context: Context) {
            let most = max(1, stats.forecast.max() ?? 1)
            for (offset, count) in stats.forecast.enumerated() where count > 0 || offset < 7 {
                let day = context.today + offset
                let bar = String(repeating: "▇", count: Int((Double(count) / Double(most) * 40).rounded(.up)))
                let label = offset == 0 ? "today" : "+\(offset)d"
                print("  \(label.padding(toLength: 6, withPad: " ", startingAt: 0)) \(day)  \(String(format: "%4d", count))  " + context.terminal.green(bar))
            }
        }

        /// Quiz accuracy per topic, weakest first (what `kb quiz --weak` picks from).
        private func printQuizAccuracy(_ accuracy: [TopicAccuracy], _ terminal: Terminal) {
            print("")
            guard !accuracy.isEmpty else {
                print(terminal.bold("quiz accuracy") + terminal.dim(" not yet: no quiz answered (kb quiz)"))
                return
            }
            print(terminal.bold("quiz accuracy by topic") + terminal.dim("  (weakest first; kb quiz --weak asks these)"))
            for entry in accuracy.sorted(by: { ($0.accuracy, $0.topic) < ($1.accuracy, $1.topic) }) {
                let percent = String(format: "%3.0f%%", entry.accuracy * 100)
                print("  \(entry.topic.padding(toLength: 24, withPad: " ", startingAt: 0)) \(percent)" + terminal.dim("  \(entry.correct)/\(entry.answered)"))
            }
        }

        private func printJSON(_ stats: StudyStats, _ accuracy: [TopicAccuracy], _ context: Context) throws {
            struct TopicLine: Encodable { var topic: String; var answered: Int; var correct: Int; var accuracy: Double }
            struct CardLine: Encodable { var id: Int64; var front: String; var ease: Double; var lapses: Int; var path: String; var line: Int }
            struct Output: Encodable {
                var firstDay: String
                var reviewsPerDay: [Int]
                var forecast: [Int]
                var retention: Double?
                var retentionReviews: Int
                var totalReviews: Int
                var hardest: [CardLine]
                var leeches: [CardLine]
                var quizAccuracy: [TopicLine]
            }
            let convert = { (card: CardInfo) in
                CardLine(id: card.id, front: card.front, ease: card.schedule.easeFactor, lapses: card.schedule.lapses, path: card.path, line: card.line)
            }
            try JSONOutput.print(Output(
                firstDay: stats.firstDay.description, reviewsPerDay: stats.reviewsPerDay, forecast: stats.forecast,
                retention: stats.retention, retentionReviews: stats.retentionReviews, totalReviews: stats.totalReviews,
                hardest: stats.hardest.map(convert), leeches: stats.leeches.map(convert),
                quizAccuracy: accuracy.map { TopicLine(topic: $0.topic, answered: $0.answered, correct: $0.correct, accuracy: $0.accuracy) }))
        }
    }
}
