import Foundation
import Testing

@Suite("kb quiz end to end")
struct QuizTests {
    static let day = "2026-04-01"

    /// The shared fixture plus enough same-topic cards for multiple choice and a design prompt.
    private func fixture() throws -> FixtureRoot {
        let fixture = try FixtureRoot()
        try fixture.write("Decks/metrics/more.md", """
            ---
            topics: [metrics]
            ---
            What does recall@k measure? :: The share of relevant items that appear in the top k.

            What does precision@k measure? :: The share of the top k items that are relevant.

            What does MRR average? :: The reciprocal rank of the first relevant item per query.

            What does NE normalise by? :: The entropy of the background click-through rate.
            """)
        try fixture.write("Notes/design/feed.md", """
            ---
            topics: [design]
            ---
            # Feed design

            ## Interview prompts

            ### Design the ranking of a news feed

            - Clarify the objective and the latency budget.
            - Retrieval, light ranker, heavy ranker, re-ranker.
            """)
        return fixture
    }

    private func run(_ fixture: FixtureRoot, _ arguments: [String], input: String) throws -> (KBProcess.Result, [String: Any]) {
        let result = try fixture.kb.run(["quiz", "--json"] + arguments, input: input, today: Self.day)
        #expect(result.status == 0, "\(result.stderr)")
        return (result, try #require(try KBProcess.json(result) as? [String: Any]))
    }

    private func answers(_ report: [String: Any]) -> [[String: Any]] {
        report["answers"] as? [[String: Any]] ?? []
    }

    @Test("typed answers: exact, a forgiven typo, and a wrong answer with the difference shown")
    func typed() throws {
        let fixture = try fixture()
        for (typed, correct, grade) in [("The DCG of the ideal ordering.", true, 5), ("the DCG of teh ideal ordering", true, 4), ("the best ordering", false, 1)] {
            let (result, report) = try run(fixture, ["--kind", "typed"], input: typed + "\n")
            let answer = try #require(answers(report).first)
            #expect(answer["correct"] as? Bool == correct)
            #expect(answer["grade"] as? Int == grade)
            #expect(answer["answer"] as? String == "the DCG of the ideal ordering")
            if !correct { #expect(result.stderr.contains("diff:") && result.stderr.contains("{+")) }
        }
    }

    @Test("multiple choice from a pipe: four options, scored against the right one, the same quiz for the same seed")
    func choice() throws {
        let fixture = try fixture()
        let (result, report) = try run(fixture, ["--kind", "choice", "-n", "3", "--seed", "11"], input: "1\nb\n3\n")
        let all = answers(report)
        #expect(!all.isEmpty)
        for answer in all {
            #expect((answer["given"] as? String == answer["answer"] as? String) == (answer["correct"] as? Bool))
        }
        #expect(result.stderr.contains("  4) "))
        let score = try #require(report["score"] as? [String: Any])
        #expect(score["answered"] as? Int == all.count)
        let (again, _) = try run(fixture, ["--kind", "choice", "-n", "3", "--seed", "11"], input: "q\n")
        let questions = { (text: String) in text.components(separatedBy: "\n").filter { $0.hasPrefix("Q: ") || $0.hasPrefix("  ") } }
        #expect(Array(questions(result.stderr).prefix(5)) == Array(questions(again.stderr).prefix(5)))
    }

    @Test("a design prompt shows the outline after the answer and takes a self-grade")
    func prompt() throws {
        let fixture = try fixture()
        let (result, report) = try run(fixture, ["--kind", "prompt"], input: "funnel, then metrics\n4\n")
        #expect(result.stderr.contains("Design: Design the ranking of a news feed"))
        #expect(result.stderr.contains("Retrieval, light ranker, heavy ranker, re-ranker."))
        let answer = try #require(answers(report).first)
        #expect(answer["kind"] as? String == "prompt")
        #expect(answer["grade"] as? Int == 4 && answer["correct"] as? Bool == true)
        #expect(answer["path"] as? String == "Notes/design/feed.md")
    }

    @Test("schedules stay as they are unless --schedule applies the grade as a review")
    func schedule() throws {
        let fixture = try fixture()
        let due = { () throws -> String? in
            let cards = try #require(try KBProcess.json(fixture.kb.run(["cards", "--json"], today: Self.day)) as? [[String: Any]])
            return cards.first { ($0["kind"] as? String) == "cloze" }?["due"] as? String
        }
        _ = try run(fixture, ["--kind", "typed"], input: "the DCG of the ideal ordering\n")
        #expect(try due() == nil)
        let (_, report) = try run(fixture, ["--kind", "typed", "--schedule"], input: "the DCG of the ideal ordering\n")
        #expect(answers(report).first?["nextDue"] as? String == "2026-04-02")
        #expect(try due() == "2026-04-02")
    }

    @Test("kb stats shows accuracy per topic, and --weak asks about the weakest")
    func weak() throws {
        let fixture = try fixture()
        _ = try run(fixture, ["--kind", "typed"], input: "wrong\n")
        _ = try run(fixture, ["--kind", "prompt"], input: "x\n5\n")
        let stats = try #require(try KBProcess.json(fixture.kb.run(["stats", "--json"], today: Self.day)) as? [String: Any])
        let accuracy = try #require(stats["quizAccuracy"] as? [[String: Any]])
        #expect(accuracy.first { $0["topic"] as? String == "metrics" }?["accuracy"] as? Double == 0)
        #expect(accuracy.first { $0["topic"] as? String == "design" }?["accuracy"] as? Double == 1)
        let (result, report) = try run(fixture, ["--weak", "-n", "3"], input: "q\n")
        #expect(result.stderr.contains("weakest topics so far: metrics"))
        #expect(report["answers"] as? [Any] != nil)
        let text = try fixture.kb.run(["stats"], today: Self.day)
        #expect(text.stdout.contains("quiz accuracy by topic"))
    }

    @Test("quitting keeps the answers given so far, and the score says what was not asked")
    func quit() throws {
        let fixture = try fixture()
        let result = try fixture.kb.run(["quiz", "-n", "3", "--seed", "2"], input: ":s\n", today: Self.day)
        #expect(result.status == 0)
        #expect(result.stdout.contains("skipped"))
        #expect(result.stdout.contains("Score: 0/0"))
        #expect(result.stdout.contains("not asked (quit)"))
    }

    @Test("no matching card or prompt is an error that says what to try")
    func nothing() throws {
        let fixture = try fixture()
        let result = try fixture.kb.run(["quiz", "--topic", "no-such-topic"], today: Self.day)
        #expect(result.status == 1)
        #expect(result.stderr.contains("kb: error: no questions to ask"))
    }
}
