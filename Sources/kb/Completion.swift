import ArgumentParser
import Foundation
import StudyKit

/// Completions of names kb knows from its index: topics, decks and demos.
///
/// The shell calls `kb ---completion ...` on every tab; the closure finds the root the way any
/// command does (`--root`/`--db` already typed on the line, else KB_ROOT/KB_DB, else the nearest
/// folder with Notes/ or Decks/), reads the existing database without indexing (a tab must be
/// instant and must never write notes' changes), and answers nothing when there is no index yet.
extension CompletionKind {
    static var kbTopics: CompletionKind {
        .custom { words, _, prefix in IndexNames.complete(words: words, prefix: prefix) { try $0.topics().map(\.name) } }
    }

    static var kbDecks: CompletionKind {
        .custom { words, _, prefix in IndexNames.complete(words: words, prefix: prefix) { try $0.deckNames() } }
    }

    /// For `kb demo NAME`: `list`, `all`, and the demos that notes name in their front matter.
    static var kbDemos: CompletionKind {
        .custom { words, _, prefix in
            (["list", "all"] + IndexNames.complete(words: words, prefix: prefix) { try $0.demoNames() }).filter { $0.hasPrefix(prefix) }
        }
    }
}

/// Looks names up in the index for completions; every failure is an empty answer, because a
/// completion that prints an error into the user's command line is worse than none.
enum IndexNames {
    static func complete(words: [String], prefix: String, names: (AppDatabase) throws -> [String]) -> [String] {
        guard let database = open(words: words), let all = try? names(database) else { return [] }
        return all.filter { $0.hasPrefix(prefix) }
    }

    static func open(words: [String]) -> AppDatabase? {
        let environment = ProcessInfo.processInfo.environment
        let root = value(of: "--root", in: words) ?? environment["KB_ROOT"]
        let explicitDB = value(of: "--db", in: words) ?? environment["KB_DB"]
        let path: String
        if let explicitDB, !explicitDB.isEmpty {
            path = explicitDB
        } else {
            guard let url = try? GlobalOptions.findRoot(explicit: root) else { return nil }
            path = url.appendingPathComponent(".kb/kb.sqlite").path
        }
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try? AppDatabase.open(path: path)
    }

    /// The value after `--name` or in `--name=value`, when the user already typed it.
    static func value(of option: String, in words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            if word == option, index + 1 < words.count { return words[index + 1] }
            if word.hasPrefix(option + "=") { return String(word.dropFirst(option.count + 1)) }
        }
        return nil
    }
}
