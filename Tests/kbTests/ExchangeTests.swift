import Foundation
import Testing

@Suite("kb export and kb import end to end")
struct ExchangeTests {
    static let day = "2026-04-01"

    @Test("kb export anki writes a zip package")
    func anki() throws {
        let fixture = try FixtureRoot()
        let file = fixture.url.appendingPathComponent("out.apkg")
        let result = try fixture.kb.run(["export", "anki", file.path, "--topic", "metrics"], today: Self.day)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("wrote 2 cards in 1 deck"))
        let data = try Data(contentsOf: file)
        #expect(data.starts(with: Array("PK".utf8)))
    }

    @Test("export csv, then import into another root: the same cards, and the deck passes kb check")
    func roundTrip() throws {
        let source = try FixtureRoot()
        let file = source.url.appendingPathComponent("cards.tsv")
        #expect(try source.kb.run(["export", "csv", file.path], today: Self.day).status == 0)
        let exported = try #require(try KBProcess.json(source.kb.run(["cards", "--json"], today: Self.day)) as? [[String: Any]])
        let target = try FixtureRoot()
        try FileManager.default.removeItem(at: target.url.appendingPathComponent("Notes"))
        try FileManager.default.removeItem(at: target.url.appendingPathComponent("Decks"))
        try target.write("Decks/.keep", "")
        let result = try target.kb.run(["import", file.path, "--deck", "imported/all"], today: Self.day)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let check = try target.kb.run(["check"], today: Self.day)
        #expect(check.status == 0, "\(check.stdout)")
        let imported = try #require(try KBProcess.json(target.kb.run(["cards", "--json"], today: Self.day)) as? [[String: Any]])
        #expect(imported.count == exported.count)
        let fronts = { (cards: [[String: Any]]) in Set(cards.compactMap { $0["front"] as? String }) }
        #expect(fronts(imported) == fronts(exported))
    }

    @Test("import refuses to overwrite a deck without --force, reports bad rows by line, and skips them")
    func refuseAndReport() throws {
        let fixture = try FixtureRoot()
        let file = fixture.url.appendingPathComponent("in.csv")
        try fixture.write("in.csv", "#separator:comma\nWhat is a hedged request?,A second copy sent to another replica\njust one field\n,no front\nWhat is a canary?,A small share of traffic on the new version\n")
        let refused = try fixture.kb.run(["import", file.path, "--deck", "metrics/offline"], today: Self.day)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Decks/metrics/offline.md exists; pass --force"))
        let first = try fixture.kb.run(["import", file.path, "--deck", "serving"], today: Self.day)
        #expect(first.status == 0)
        #expect(first.stdout.contains("imported 2 cards into Decks/serving.md"))
        #expect(first.stderr.contains("in.csv:3: only one field"))
        #expect(first.stderr.contains("in.csv:4: the front (first field) is empty"))
        let deck = try String(contentsOf: fixture.url.appendingPathComponent("Decks/serving.md"), encoding: .utf8)
        #expect(try fixture.kb.run(["import", file.path, "--deck", "serving"], today: Self.day).status == 1)
        #expect(try String(contentsOf: fixture.url.appendingPathComponent("Decks/serving.md"), encoding: .utf8) == deck)
        let forced = try fixture.kb.run(["import", file.path, "--deck", "serving", "--force"], today: Self.day)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try fixture.kb.run(["check"], today: Self.day).status == 0)
    }
}
