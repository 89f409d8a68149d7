import ArgumentParser
import StudyKit

extension KB {
    struct Refs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refs",
            abstract: "List the papers and blogs the notes cite, and which notes cite them.")

        @OptionGroup var options: GlobalOptions

        @Option(name: .shortAndLong, help: ArgumentHelp("Only references cited by notes with this topic (repeatable).", valueName: "topic"), completion: .kbTopics)
        var topic: [String] = []

        @Flag(help: "Print JSON: [{url, title, host, citedBy: [{path, line, title}]}].")
        var json = false

        func run() throws {
            let context = try options.context()
            let references = try context.database.references(topics: topic)
            if json { return try JSONOutput.print(references) }
            let terminal = context.terminal
            if references.isEmpty {
                print(topic.isEmpty ? "no external links in the notes yet" : "no references cited by notes on \(topic.joined(separator: ", "))")
                return
            }
            for reference in references {
                let host = reference.host.map { terminal.dim(" (\($0))") } ?? ""
                print(terminal.bold(reference.title.isEmpty ? reference.url : reference.title) + host)
                print("  " + terminal.blue(reference.url))
                let cited = reference.citedBy.map { "\($0.path):\($0.line)" }.joined(separator: ", ")
                print("  " + terminal.dim("cited by ") + terminal.magenta(cited))
            }
            print(terminal.dim("\(references.count) reference\(references.count == 1 ? "" : "s")"))
        }
    }
}
