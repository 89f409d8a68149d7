import ArgumentParser
import Foundation
import StudyKit

extension KB {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import cards from Anki's plain-text format (CSV/TSV) into a Markdown deck under Decks/.",
            discussion: """
                Reads the #separator:, #html:, #tags column: and #notetype column: headers (without them: \
                commas for .csv, tabs otherwise; the first two columns are front and back). Writes \
                Decks/NAME.md in kb's card syntax; Markdown stays the source of truth. Bad rows, and cards \
                already in your notes or decks, are reported with their line number and skipped.
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: ArgumentHelp("The file to read.", valueName: "file.csv|file.tsv"), completion: .file(extensions: ["csv", "tsv", "txt"]))
        var file: String

        @Option(help: ArgumentHelp("The deck to write: Decks/NAME.md (NAME may hold folders, e.g. recsys/imported).", valueName: "name"), completion: .kbDecks)
        var deck: String

        @Flag(help: "Replace the deck if it exists.")
        var force = false

        func validate() throws {
            let name = deckName
            if name.isEmpty || name.hasPrefix("/") || name.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) {
                throw ValidationError("--deck must be a name below Decks/, such as recsys/imported")
            }
        }

        private var deckName: String {
            var name = deck.trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("Decks/") { name.removeFirst(6) }
            if name.hasSuffix(".md") { name.removeLast(3) }
            return name
        }

        func run() throws {
            let context = try options.context()
            let path = "Decks/\(deckName).md"
            let target = context.root.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: target.path), !force {
                throw UserError("\(path) exists; pass --force to replace it, or choose another --deck")
            }
            guard let data = FileManager.default.contents(atPath: file) else { throw UserError("\(file): cannot read the file") }
            var text = String(decoding: data, as: UTF8.self)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            let separator: Character = file.lowercased().hasSuffix(".csv") ? "," : "\t"
            let parsed = PlainTextCards.parse(text, separator: separator)
            let existing = try context.database.cards().filter { $0.path != path }
            let plan = ImportPlan.make(rows: parsed.rows, existing: existing, path: path, title: deckName.split(separator: "/").last.map(String.init) ?? deckName, source: (file as NSString).lastPathComponent)
            let problems = (parsed.problems + plan.skipped).sorted { $0.line < $1.line }
            for problem in problems { Terminal.warn("\(file):\(problem.line): \(problem.message); skipped") }
            guard plan.cards > 0 else {
                throw UserError("\(file): no card to import (\(problems.count) row\(problems.count == 1 ? "" : "s") skipped); nothing written")
            }
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(plan.text.utf8).write(to: target, options: .atomic)
            } catch {
                throw UserError("\(path): cannot write the deck: \(error.localizedDescription)")
            }
            _ = try Indexer(root: context.root, database: context.database, today: context.today).run()
            var line = "imported \(plan.cards) card\(plan.cards == 1 ? "" : "s") into \(path) (deck \(deckName))"
            if !problems.isEmpty { line += "; \(problems.count) row\(problems.count == 1 ? "" : "s") skipped" }
            print(line)
        }
    }
}
