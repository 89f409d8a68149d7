import Foundation
import Testing

@Suite("kb review end to end")
struct ReviewTests {
    private func cards(_ fixture: FixtureRoot, today: String) throws -> [[String: Any]] {
        try #require(try KBProcess.json(fixture.kb.run(["cards", "--json"], today: today)) as? [[String: Any]])
    }

    @Test("a piped session grades, re-asks cards below 4, undoes, and saves schedules")
    func pipedSession() throws {
        let fixture = try FixtureRoot()
        // New cards in source order: Decks/metrics/offline.md (2), then the notes' cards.
        let result = try fixture.kb.run(["review", "--new", "3"], input: "5\n2\nu\n3\n4\n4\n", today: "2026-03-01")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Q: What does AUC measure?"))
        #expect(result.stdout.contains("undone"))
        #expect(result.stdout.contains("asked again at the end of this session"))
        #expect(result.stdout.contains("Session done: 3 reviewed, 3 correct"))
        let all = try cards(fixture, today: "2026-03-01")
        let reviewed = all.filter { $0["due"] as? String != nil }
        #expect(reviewed.count == 3)
        #expect(reviewed.allSatisfy { $0["due"] as? String == "2026-03-02" && $0["repetitions"] as? Int == 1 })
        let hard = try #require(reviewed.first { ($0["ease"] as? Double) == 2.36 })
        #expect(hard["interval"] as? Int == 1)
        let next = try fixture.kb.run(["today", "--json"], today: "2026-03-02")
        let today = try #require(try KBProcess.json(next) as? [String: Any])
        #expect(today["due"] as? Int == 3)
    }

    @Test("replaying days with KB_TODAY follows SM-2 to the day (grades 5: 1, 6, 17 days)")
    func replayDays() throws {
        let fixture = try FixtureRoot()
        var day = "2026-01-01"
        let expected = ["2026-01-02", "2026-01-08", "2026-01-25"]
        for due in expected {
            let result = try fixture.kb.run(["review", "--new", "1"], input: "5\n", today: day)
            #expect(result.status == 0)
            let card = try #require(try cards(fixture, today: day).first { $0["due"] as? String != nil })
            #expect(card["due"] as? String == due)
            day = due
        }
    }

    @Test("kill -9 in the middle of a session loses at most the card on screen")
    func killNine() throws {
        let fixture = try FixtureRoot()
        let process = fixture.kb.configured(["review"], today: "2026-05-05")
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data("5\n4\n".utf8))
        // Wait until both grades were reported (they are committed before the next card is shown).
        var seen = ""
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, seen.components(separatedBy: "graded").count < 3 {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let all = try cards(fixture, today: "2026-05-05")
        #expect(all.filter { $0["due"] as? String == "2026-05-06" }.count == 2)
        let stats = try #require(try KBProcess.json(fixture.kb.run(["stats", "--json"], today: "2026-05-05")) as? [String: Any])
        #expect(stats["totalReviews"] as? Int == 2)
    }
}
