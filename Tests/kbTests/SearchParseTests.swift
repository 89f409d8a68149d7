import ArgumentParser
import RecLab
import Testing

@testable import kb

/// `SearchRequest.fastParse` must read every argument list it accepts exactly as ArgumentParser
/// reads it through `KB.Search`, and hand everything else back (nil).
@Suite("kb search: the fast argument parser agrees with ArgumentParser")
struct SearchParseTests {
    /// What ArgumentParser makes of the arguments, or nil when it refuses them.
    static func slow(_ arguments: [String]) -> SearchRequest? {
        guard let command = try? KB.Search.parseAsRoot(arguments) as? KB.Search else { return nil }
        return SearchRequest(words: command.query, topics: command.topic, limit: command.limit, json: command.json, place: command.options.place)
    }

    static let accepted: [[String]] = [
        ["in-batch", "negatives"],
        ["in-batch negatives"],
        ["calibration", "--topic", "ranking"],
        ["--topic", "retrieval"],
        ["-t", "retrieval", "two", "tower", "-t", "serving"],
        ["--topic=retrieval", "--limit=5", "negat*"],
        ["mmoe", "--limit", "3", "--json"],
        ["-l", "7", "gates", "--no-index", "--root", "/tmp/notes", "--db", "/tmp/kb.sqlite"],
        ["--root=/tmp/notes", "--db=/tmp/x.sqlite", "a:b", "sqlite/fts5"],
        ["--", "-excluded", "word"],
        ["ranking", "--", "--topic", "x"],
        ["\"unclosed", "NEAR(", "*"],
        ["", "word"],
        ["word", "--limit", "+4"],
    ]

    @Test("the usual forms are parsed fast and exactly as ArgumentParser parses them")
    func acceptedForms() throws {
        for arguments in Self.accepted {
            let fast = try #require(SearchRequest.fastParse(arguments), "fast parser refused \(arguments)")
            let slow = try #require(Self.slow(arguments), "ArgumentParser refused \(arguments)")
            #expect(fast == slow, "\(arguments)")
        }
        let full = try #require(SearchRequest.fastParse(["-t", "a", "x", "--limit", "3", "--json", "--no-index", "--root", "r", "--db", "d"]))
        #expect(full == SearchRequest(words: ["x"], topics: ["a"], limit: 3, json: true, place: Place(root: "r", db: "d", noIndex: true)))
    }

    @Test("help, errors and unusual spellings are left to ArgumentParser")
    func refusedForms() {
        let refused: [[String]] = [
            [], ["--help"], ["-h"], ["word", "--help"], ["--version"], ["--topic"], ["word", "--limit"],
            ["word", "--limit", "0"], ["word", "--limit", "-3"], ["word", "--limit", "many"],
            ["word", "--limit", "2", "--limit", "3"], ["word", "--json", "--json"], ["word", "--json=yes"],
            ["word", "--root", "a", "--root", "b"], ["word", "--colour"], ["-x"], ["word", "--topic", "--json"],
            ["word", "--topic="], ["word", "-tretrieval"], ["word", "-t=retrieval"], ["word", "-jl", "3"],
            ["--no-index"], ["word", "--topic", ""],
        ]
        for arguments in refused {
            #expect(SearchRequest.fastParse(arguments) == nil, "\(arguments)")
        }
    }

    @Test("random mixes of words, options and stray dashes: wherever the fast parser answers, it agrees")
    func randomMixes() {
        let pieces: [[String]] = [
            ["word"], ["two words"], ["-neg"], ["--"], ["--topic", "t"], ["-t", "u"], ["--topic=v"], ["--limit", "4"],
            ["-l", "9"], ["--limit=2"], ["--json"], ["--no-index"], ["--root", "r"], ["--db=d"], ["--limit", "x"],
            ["-t"], ["--bogus"], ["a:b"], ["*"], [""], ["-"],
        ]
        var generator = SplitMix64(seed: 7)
        var answered = 0
        for _ in 0..<1000 {
            var arguments: [String] = []
            for _ in 0..<Int(generator.next() % 6) {
                arguments += pieces[Int(generator.next() % UInt64(pieces.count))]
            }
            guard let fast = SearchRequest.fastParse(arguments) else { continue }
            answered += 1
            #expect(fast == Self.slow(arguments), "\(arguments)")
        }
        #expect(answered > 150)
    }
}
