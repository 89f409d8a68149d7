import ArgumentParser
import Foundation
import StudyKit

extension KB {
    struct Search: ParsableCommand {
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

        func run() throws {
            try SearchRequest(words: query, topics: topic, limit: limit, json: json, place: options.place).run()
        }
    }
}

/// What `kb search` was asked, as plain values: from ArgumentParser (`KB.Search`), or from
/// `fastParse` for the usual forms.
struct SearchRequest: Equatable {
    var words: [String] = []
    var topics: [String] = []
    var limit = 20
    var json = false
    var place = Place()

    /// Runs the search and returns the context it used, still open (see `KB.main`).
    @discardableResult
    func run() throws -> Context {
        let parsed = SearchQuery(words.joined(separator: " "))
        if parsed.match == nil && parsed.topics.isEmpty && topics.isEmpty {
            throw UserError("the query has no word to search for (only exclusions or punctuation)")
        }
        // The search runs while the index check walks the folders (on a tree of 8,000 notes the
        // walk is 10 ms, a third of a search). It runs again if the index moved after the
        // snapshot it read: this process indexed what the walk found, or another kb committed
        // meanwhile (every index stores the tree's fingerprint with what it wrote). Nothing is
        // printed before the check is done.
        let (context, check) = try place.open()
        var (hits, seen) = try context.database.searchWithTree(parsed, topics: topics, limit: limit)
        if let check {
            try check.finish()
            if try context.database.treeFingerprint() != seen {
                hits = try context.database.search(parsed, topics: topics, limit: limit)
            }
        }
        if json {
            let plain = hits.map { hit -> SearchHit in
                var copy = hit
                copy.snippet = hit.snippet.replacingBytes(SearchHit.open, with: "**").replacingBytes(SearchHit.close, with: "**")
                return copy
            }
            try JSONOutput.print(plain)
            return context
        }
        if hits.isEmpty {
            try printNoResults(context, parsed)
            return context
        }
        SearchPrinter(terminal: context.terminal).print(hits)
        return context
    }

    private func printNoResults(_ context: Context, _ parsed: SearchQuery) throws {
        let wanted = Topic.normalise(parsed.topics + topics)
        let query = words.joined(separator: " ")
        var message = query.isEmpty ? "nothing" : "no results for \"\(query)\""
        if !wanted.isEmpty { message += " in topic \(wanted.joined(separator: ", "))" }
        print(message)
        let known = wanted.isEmpty ? [] : Set(try context.database.topics().map(\.name))
        let unknown = wanted.filter { !known.contains($0) }
        if !unknown.isEmpty {
            let near = try context.database.suggestTopics(for: unknown)
            print("no topic named \(unknown.joined(separator: ", "))" + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?"))
        }
        let suggestions = try context.database.suggestTopics(for: parsed.words + words)
        if !suggestions.isEmpty {
            print("topics near it: \(suggestions.joined(separator: ", ")) (try kb search --topic \(suggestions[0]))")
        } else {
            print("try fewer words, a prefix such as calib*, or `kb topics` to see what the notes cover")
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
                if !hit.snippet.isEmpty { Swift.print("    " + highlight(hit.snippet)) }
            }
        }
    }

    func highlight(_ snippet: String) -> String {
        if terminal.colour {
            return snippet.replacingBytes(SearchHit.open, with: "\u{1B}[1;33m").replacingBytes(SearchHit.close, with: "\u{1B}[0m")
        }
        return snippet.replacingBytes(SearchHit.open, with: "[").replacingBytes(SearchHit.close, with: "]")
    }
}

extension SearchRequest {
    /// Parses the usual forms of `kb search` arguments without ArgumentParser, or returns nil.
    ///
    /// ArgumentParser builds a command's arguments by reflection and dynamic casts, and in a
    /// binary that holds Foundation each first cast scans every protocol conformance: 2-4 ms of
    /// a 15 ms search. This accepts only the plain spellings: words, `--topic`/`-t NAME`,
    /// `--limit`/`-l N`, `--json`, `--root PATH`, `--db FILE`, `--no-index`, the `--name=value`
    /// forms and `--`. Anything else (help, an unknown or repeated option, a value that looks
    /// like an option, a missing query) returns nil, and ArgumentParser parses it as always, with
    /// its messages. Tests check both parsers agree wherever this one answers.
    static func fastParse(_ arguments: [String]) -> SearchRequest? {
        var request = SearchRequest()
        var seen: Set<String> = []
        var index = 0
        var wordsOnly = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if wordsOnly || !argument.hasPrefix("-") {
                request.words.append(argument)
                continue
            }
            if argument == "--" {
                wordsOnly = true
                continue
            }
            var name = argument
            var inline: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            // The option's value: after `=`, or the next argument unless it looks like an option.
            func value() -> String? {
                if let inline { return inline.isEmpty ? nil : inline }
                guard index < arguments.count, !arguments[index].hasPrefix("-"), !arguments[index].isEmpty else { return nil }
                index += 1
                return arguments[index - 1]
            }
            let key = name.hasPrefix("--") ? name : ["-t": "--topic", "-l": "--limit"][name] ?? name
            if key != "--topic", !seen.insert(key).inserted { return nil }
            switch key {
            case "--topic":
                guard let topic = value() else { return nil }
                request.topics.append(topic)
            case "--limit":
                guard let text = value(), let limit = Int(text), limit >= 1 else { return nil }
                request.limit = limit
            case "--root":
                guard let root = value() else { return nil }
                request.place.root = root
            case "--db":
                guard let db = value() else { return nil }
                request.place.db = db
            case "--json":
                guard inline == nil else { return nil }
                request.json = true
            case "--no-index":
                guard inline == nil else { return nil }
                request.place.noIndex = true
            default:
                return nil
            }
        }
        if request.words.isEmpty && request.topics.isEmpty { return nil }
        return request
    }
}
