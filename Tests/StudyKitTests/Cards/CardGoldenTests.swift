import Foundation
import Testing

@testable import StudyKit

/// The card rules must keep producing exactly what they produced when these expectations were
/// written: same fronts, backs, lines, sibling groups, warnings and, above all, the same keys
/// (a changed key orphans a card's review history). Each test compares against a file in
/// `Fixtures/cards`; `KB_UPDATE_GOLDEN=1 swift test --filter CardGoldenTests` rewrites them.
@Suite struct CardGoldenTests {
    typealias G = CardGolden

    /// Hand-written notes full of non-ASCII text, control characters, code and links, through the
    /// real parser, compared in full so that a difference reads as a diff.
    @Test(arguments: ["tricky-note", "tricky-deck"])
    func fixture(_ name: String) throws {
        let source = G.folder.appendingPathComponent("\(name).md")
        let path = name.hasSuffix("deck") ? "Decks/tricky.md" : "Notes/tricky/note.md"
        guard case .note(let note) = NoteParser().parse(data: try Data(contentsOf: source), path: path) else {
            Issue.record("\(name).md was skipped by the parser")
            return
        }
        let actual = "input \(G.digest(G.input(note)))\n" + G.dump(NoteCards.cards(for: note)) + "\n"
        let golden = G.folder.appendingPathComponent("\(name).golden")
        if G.updating {
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        if expected.prefix(while: { $0 != "\n" }) != actual.prefix(while: { $0 != "\n" }) {
            Issue.record("the parser now reads \(name).md differently; check the cards, then update the golden file")
        }
        #expect(actual == expected)
    }

    /// Random notes built from blocks (see `RandomNotes`), one digest per note.
    @Test func randomNotes() throws {
        var generator = RandomNotes(seed: 20_240_601)
        var lines: [String] = []
        for index in 0..<800 {
            let note = generator.note(index)
            lines.append("\(index) \(G.digest(G.input(note))) \(G.digest(G.dump(NoteCards.cards(for: note))))")
        }
        let golden = G.folder.appendingPathComponent("random.golden")
        if G.updating {
            try (lines.joined(separator: "\n") + "\n").write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(expected.count == lines.count)
        var regenerated = RandomNotes(seed: 20_240_601)
        for (index, (want, got)) in zip(expected, lines).enumerated() where want != got {
            let note = regenerated.note(index)
            Issue.record("random note \(index) differs:\n\(G.input(note))\n--- cards now:\n\(G.dump(NoteCards.cards(for: note)))")
            break
        }
        #expect(expected == lines)
    }

    /// The repository's own notes and decks (and each deck read as a note, so the generator sees
    /// deck syntax too). A file edited or parsed differently since the expectation was written
    /// is skipped, so the test never fails for a note's content, only for the rules' output.
    @Test func repositoryNotes() throws {
        var lines: [String] = []
        for (path, note) in try Self.repositoryNotes() {
            lines.append("\(path) \(G.digest(G.input(note))) \(G.digest(G.dump(NoteCards.cards(for: note))))")
        }
        let golden = G.folder.appendingPathComponent("repository.golden")
        if G.updating {
            try (lines.joined(separator: "\n") + "\n").write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8).split(separator: "\n")
        let current = Dictionary(lines.map { line in (line.prefix { $0 != " " }, line) }, uniquingKeysWith: { a, _ in a })
        var checked = 0
        for want in expected {
            let fields = want.split(separator: " ")
            guard fields.count == 3, let got = current[fields[0]], got.split(separator: " ")[1] == fields[1] else {
                continue
            }
            checked += 1
            #expect(got == String(want), "cards of \(fields[0]) changed")
        }
        print("CardGoldenTests: \(checked) of \(expected.count) repository files unchanged and checked")
    }

    /// Every Markdown file under the root's `Notes/` and `Decks/`, sorted, with each deck also
    /// parsed under `Notes/as-deck/` so that generated cards run over it.
    static func repositoryNotes(root: URL = CardGolden.repoRoot) throws -> [(String, ParsedNote)] {
        var notes: [(String, ParsedNote)] = []
        for folder in ["Notes", "Decks"] {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
            let files = walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }.sorted()
            for file in files {
                let data = try Data(contentsOf: base.appendingPathComponent(file))
                var paths = ["\(folder)/\(file)"]
                if folder == "Decks" { paths.append("Notes/as-deck/\(file)") }
                for path in paths {
                    if case .note(let note) = NoteParser().parse(data: data, path: path) { notes.append((path, note)) }
                }
            }
        }
        return notes
    }

    /// Not a check: with `KB_CARDS_DUMP=<file>` (and optionally `KB_CARDS_ROOT=<root>`), writes
    /// every card and warning of a root in full, to compare two versions of the rules by `diff`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["KB_CARDS_DUMP"] != nil))
    func dumpRoot() throws {
        let environment = ProcessInfo.processInfo.environment
        let root = environment["KB_CARDS_ROOT"].map { URL(fileURLWithPath: $0) } ?? G.repoRoot
        var output = ""
        for (path, note) in try Self.repositoryNotes(root: root) {
            output += "== \(path)\n" + G.dump(NoteCards.cards(for: note)) + "\n"
        }
        var generator = RandomNotes(seed: 20_240_601)
        for index in 0..<800 {
            output += "== random \(index)\n" + G.dump(NoteCards.cards(for: generator.note(index))) + "\n"
        }
        try output.write(toFile: environment["KB_CARDS_DUMP"] ?? "", atomically: true, encoding: .utf8)
    }
}
