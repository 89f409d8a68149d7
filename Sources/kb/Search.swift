import ArgumentParser
import Foundation
import StudyKit

extension KB {
    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            // Parsed alone by KB.parseCommand; ArgumentParser then names it "kb search" and skips
            // the root's completion-script probes (two more parses of the arguments).
            _superCommandName: "kb",
            abstract: "Search the notes: ranked sections with path:line and highlighted words.",
            discussion: """
                Words are matched with stemming ("negatives" finds "negative"). Also understood: \
                "exact phrase", prefix*, -excluded (or NOT word), a OR b, topic:name.
                Examples:
                  kb search "in-batch negatives"
                  kb search calibrat* --topic ranking
                  kb search --topic retrieval
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "What to look for. Leave out to list everything on --topic.")
        var query: [String] = []

        @Option(name: .shortAndLong, help: ArgumentHelp("Only notes with this topic (repeatable).", valueName: "topic"), completion: .kbTopics)
        var topic: [String] = []

        @Option(name: .shortAndLong, help: "At most this many sections.")
        var limit = 20

        @Flag(help: "Print JSON: [{path, line, title, headingPath, snippet, topics, score}], best first.")
        var json = false

        func validate() throws {
            if query.isEmpty && topic.isEmpty {
                throw ValidationError("give words to search for, or --topic NAME to list a topic")
            }
            if limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        func run() async throws {
            let context = try options.context()
            let parsed = SearchQuery(query.joined(separator: " "))
            if parsed.match == nil && parsed.topics.isEmpty && topic.isEmpty {
                throw UserError("the query has no word to search for (only exclusions or punctuation)")
            }
            let hits = try context.database.search(parsed, topics: topic, limit: limit)
            if json {
                let plain = hits.map { hit -> SearchHit in
                    var copy = hit
                    copy.snippet = hit.snippet.replacingOccurrences(of: SearchHit.open, with: "**")
                        .replacingOccurrences(of: SearchHit.close, with: "**")
                    return copy
                }
                try JSONOutput.print(plain)
                return
            }
            if hits.isEmpty {
                try printNoResults(context, parsed)
                return
            }
            SearchPrinter(terminal: context.terminal).print(hits)
        }

        private func printNoResults(_ context: Context, _ parsed: SearchQuery) throws {
            let topics = Topic.normalise(parsed.topics + topic)
            let known = Set(try context.database.topics().map(\.name))
            var message = "no results for \"\(query.joined(separator: " "))\""
            if !topics.isEmpty { message += " in topic \(topics.joined(separator: ", "))" }
            print(message)
            let unknown = topics.filter { !known.contains($0) }
            if !unknown.isEmpty {
                let near = try context.database.suggestTopics(for: unknown)
                print("no topic named \(unknown.joined(separator: ", "))" + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?"))
            }
            let suggestions = try context.database.suggestTopics(for: parsed.words + query)
            if !suggestions.isEmpty {
                print("topics near it: \(suggestions.joined(separator: ", ")) (try kb search --topic \(suggestions[0]))")
            } else {
                print("try fewer words, a prefix such as calib*, or `kb topics` to see what the notes cover")
            }
        }
    }
}

/// Prints search hits grouped by note, best note first.
struct SearchPrinter {
    let terminal: Terminal

    func print(_ hits: [SearchHit]) {
        var order: [String] = []
        var groups: [String: [SearchHit]] = [:]
        for hit in hits {
            if groups[hit.path] == nil { order.append(hit.path) }
            groups[hit.path, default: []].append(hit)
        }
        for (index, path) in order.enumerated() {
            guard let group = groups[path], let first = group.first else { continue }
            if index > 0 { Swift.print("") }
            let topics = first.topics.isEmpty ? "" : "  " + terminal.dim(first.topics.map { "#" + $0 }.joined(separator: " "))
            Swift.print(terminal.bold(first.title) + topics)
            for hit in group {
                let heading = hit.headingPath.isEmpty ? "(top)" : hit.headingPath.joined(separator: " › ")
                Swift.print("  " + terminal.magenta("\(hit.path):\(hit.line)") + "  " + terminal.cyan(heading))
                Swift.print("    " + highlight(hit.snippet))
            }
        }
    }

    func highlight(_ snippet: String) -> String {
        if terminal.colour {
            return snippet.replacingOccurrences(of: SearchHit.open, with: "\u{1B}[1;33m")
                .replacingOccurrences(of: SearchHit.close, with: "\u{1B}[0m")
        }
        return snippet.replacingOccurrences(of: SearchHit.open, with: "[").replacingOccurrences(of: SearchHit.close, with: "]")
    }
}
