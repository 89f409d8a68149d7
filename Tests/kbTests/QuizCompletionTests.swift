import Foundation
import Testing

@Suite("Shell completions")
struct QuizCompletionTests {
    @Test("bash, zsh and fish scripts are generated and call back into kb for topics and decks")
    func scripts() throws {
        let fixture = try FixtureRoot()
        for shell in ["bash", "zsh", "fish"] {
            let result = try fixture.kb.run(["--generate-completion-script", shell])
            #expect(result.status == 0)
            #expect(result.stdout.contains("---completion quiz -- --topic"), "\(shell)")
            #expect(result.stdout.contains("---completion import -- --deck"), "\(shell)")
        }
    }

    @Test("topic and deck names come from the index, also for a root given with --root")
    func names() throws {
        let fixture = try FixtureRoot()
        #expect(try fixture.kb.run(["index"]).status == 0)
        var kb = fixture.kb
        kb.environment["SAP_SHELL"] = "bash"
        let topics = try kb.run(["---completion", "quiz", "--", "--topic", "3", "0", "kb", "quiz", "--topic", ""])
        #expect(topics.stdout.split(separator: "\n").map(String.init) == ["embeddings", "metrics", "ranking", "retrieval"])
        let decks = try kb.run(["---completion", "import", "--", "--deck", "3", "0", "kb", "import", "--deck", ""])
        #expect(decks.stdout.split(separator: "\n").map(String.init) == ["metrics/offline", "notes"])
        let elsewhere = KBProcess(root: FileManager.default.temporaryDirectory, environment: ["SAP_SHELL": "bash"])
        let viaRoot = try elsewhere.run(["---completion", "quiz", "--", "--topic", "5", "0", "kb", "quiz", "--root", fixture.url.path, "--topic", ""])
        #expect(viaRoot.stdout.contains("ranking"))
    }

    @Test("no index yet: no names and no error in the user's command line")
    func noIndex() throws {
        let fixture = try FixtureRoot()
        let result = try fixture.kb.run(["---completion", "quiz", "--", "--topic", "3", "0", "kb", "quiz", "--topic", ""])
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
    }
}
