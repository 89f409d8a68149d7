import Foundation
import Testing
@testable import StudyKit

@Suite("Design prompts")
struct DesignPromptTests {
    static let note = """
        ---
        title: Losses
        topics: [ranking, losses]
        ---
        # Losses

        ## Pointwise
        Binary cross-entropy on clicks.

        ## Interview prompts

        ### The ads ranker is trained on 5% of negatives; the auction needs pCTR. What do you do?

        - Correct the sampled probability at serving.
        - Verify calibration on an unsampled holdout.

        ### A question without an outline

        ## Further reading
        Nothing here.
        """

    @Test("prompts are the ### questions under Interview prompts, with their outline, line and topics")
    func extractFromIndex() throws {
        let root = try TempRoot()
        try root.write("Notes/ranking/losses.md", Self.note)
        let database = try AppDatabase.inMemory()
        try root.index(database)
        let prompts = DesignPrompt.extract(from: try database.promptSections())
        #expect(prompts.count == 1)
        let prompt = try #require(prompts.first)
        #expect(prompt.question == "The ads ranker is trained on 5% of negatives; the auction needs pCTR. What do you do?")
        #expect(prompt.outline.contains("Correct the sampled probability at serving."))
        #expect(prompt.outline.contains("Verify calibration on an unsampled holdout."))
        #expect(prompt.path == "Notes/ranking/losses.md")
        #expect(prompt.line == 12)
        #expect(prompt.topics == ["losses", "ranking"])
        #expect(try database.promptSections(topics: ["serving"]).isEmpty)
    }

    @Test("the key follows the question, not the note it sits in")
    func stableKey() {
        let a = DesignPrompt(question: "Design a feed", outline: "x", path: "Notes/a.md", line: 3, title: "A", topics: [])
        let b = DesignPrompt(question: "design  a **feed**", outline: "y", path: "Notes/b.md", line: 9, title: "B", topics: [])
        #expect(a.key == b.key)
        #expect(a.key != DesignPrompt.key(for: "Design a search engine"))
    }

    @Test("sections deeper than a prompt, or under another heading, are not prompts")
    func onlyDirectChildren() {
        let sections = [
            PromptSection(path: "p", title: "t", headingPath: ["T", "Interview prompts", "Q1"], line: 1, body: "outline", topics: []),
            PromptSection(path: "p", title: "t", headingPath: ["T", "Interview prompts", "Q1", "Detail"], line: 5, body: "more", topics: []),
            PromptSection(path: "p", title: "t", headingPath: ["T", "Examples", "Q2"], line: 9, body: "outline", topics: []),
            PromptSection(path: "p", title: "t", headingPath: ["T", "interview PROMPTS", "Q3"], line: 12, body: "outline", topics: []),
        ]
        #expect(DesignPrompt.extract(from: sections).map(\.question) == ["Q1", "Q3"])
    }
}
