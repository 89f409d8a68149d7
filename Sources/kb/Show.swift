import ArgumentParser
import Foundation
import StudyKit

extension KB {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            // Parsed alone by KB.parseCommand; ArgumentParser then names it "kb show" and skips
            // the root's completion-script probes (two more parses of the arguments).
            _superCommandName: "kb",
            abstract: "Show a note rendered for the terminal, with its topics, links and backlinks.",
            discussion: "NAME is a file name (two-tower), a path (Notes/retrieval/two-tower.md) or a title; a part of one works when it is unambiguous.")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The note to show.")
        var name: String

        @Flag(help: "Print the note's metadata as JSON: {path, title, topics, demo, isDeck, links, backlinks}.")
        var json = false

        func run() throws {
            let context = try options.context()
            let matches = try context.database.findNotes(matching: name)
            guard let note = matches.first else {
                let near = try context.database.findNotes(matching: String(name.prefix(4)))
                throw UserError("no note matches '\(name)'" + (near.isEmpty ? "; `kb search \(name)` looks inside notes" : "; did you mean \(near.prefix(3).map { NoteParser.displayName($0.path) }.joined(separator: ", "))?"))
            }
            if matches.count > 1 {
                let list = matches.prefix(8).map { "  \($0.path)  \($0.title)" }.joined(separator: "\n")
                throw UserError("'\(name)' matches \(matches.count) notes; be more specific:\n\(list)")
            }
            let links = try context.database.links(inNote: note.path)
            let backlinks = try context.database.backlinks(to: note.path)
            if json {
                struct Detail: Encodable {
                    var path, title: String
                    var topics: [String]
                    var demo: String?
                    var isDeck: Bool
                    var links: [NoteLinkRow]
                    var backlinks: [Citation]
                }
                return try JSONOutput.print(Detail(
                    path: note.path, title: note.title, topics: note.topics, demo: note.demo, isDeck: note.isDeck,
                    links: links, backlinks: backlinks))
            }
            let url = context.root.appendingPathComponent(note.path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw UserError("\(note.path): cannot read the file (moved or deleted since it was indexed?)")
            }
            let terminal = context.terminal
            print(terminal.dim(note.path))
            if !note.topics.isEmpty { print(terminal.dim("topics: ") + note.topics.map { terminal.cyan("#" + $0) }.joined(separator: " ")) }
            if let demo = note.demo { print(terminal.dim("demo: ") + "kb demo \(demo)") }
            print("")
            let renderer = MarkdownRenderer(terminal: terminal)
            print(renderer.render(String(decoding: data, as: UTF8.self)))
            let external = links.filter(\.isExternal)
            if !external.isEmpty {
                print(terminal.bold("Links"))
                for link in external { print("  \(link.text) " + terminal.blue(link.url)) }
            }
            if !backlinks.isEmpty {
                print(terminal.bold("Linked from"))
                for citation in backlinks { print("  \(citation.title) " + terminal.magenta("\(citation.path):\(citation.line)")) }
            }
        }
    }
}
