import ArgumentParser
import Foundation
import StudyKit

extension KB {
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "index",
            abstract: "Bring the index up to date and print what changed and every warning.",
            discussion: "Only files whose size or modification time changed are read, and only those whose content changed are parsed.")

        @OptionGroup var options: GlobalOptions

        @Flag(name: .shortAndLong, help: "Print only the summary line, not the warnings.")
        var quiet = false

        func run() throws {
            let context = try options.context(index: false, indexesItself: true)
            let terminal = context.terminal
            let progress: (@Sendable (Int, Int) -> Void)? = terminal.stderrIsTTY ? Self.drawProgress : nil
            let report = try Indexer(root: context.root, database: context.database, today: context.today).run(progress: progress)
            if !quiet {
                terminal.printWarnings(report.warnings)
            }
            print(Self.summary(report))
        }

        /// A progress bar on standard error, for trees large enough to wait for.
        @Sendable static func drawProgress(done: Int, total: Int) {
            guard total >= 200, done % 20 == 0 || done == total else { return }
            let width = 30
            let filled = width * done / max(total, 1)
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let end = done == total ? "\n" : ""
            FileHandle.standardError.write(Data("\r\(bar) \(done)/\(total) files\(end)".utf8))
        }

        static func summary(_ report: IndexReport) -> String {
            var parts = ["\(report.scanned) files"]
            if report.added > 0 { parts.append("\(report.added) added") }
            if report.updated > 0 { parts.append("\(report.updated) updated") }
            if report.removed > 0 { parts.append("\(report.removed) removed") }
            if !(report.added + report.updated + report.removed > 0) { parts.append("no changes") }
            var cards: [String] = []
            if report.cards.added > 0 { cards.append("\(report.cards.added) added") }
            if report.cards.changed > 0 { cards.append("\(report.cards.changed) changed") }
            if report.cards.moved > 0 { cards.append("\(report.cards.moved) moved") }
            if report.cards.retired > 0 { cards.append("\(report.cards.retired) retired") }
            if report.cards.revived > 0 { cards.append("\(report.cards.revived) revived") }
            var line = "indexed " + parts.joined(separator: ", ")
            if !cards.isEmpty { line += "; cards: " + cards.joined(separator: ", ") }
            let count = report.warnings.count
            line += "; \(count) warning\(count == 1 ? "" : "s")"
            line += String(format: " (%.2fs)", report.seconds)
            return line
        }
    }
}
