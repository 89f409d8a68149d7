import Testing

@testable import StudyKit

/// The card rules on real Markdown through the real parser: what survives cmark, and whether
/// every card points at the line a person would open.
@Suite struct CardsFromMarkdownTests {
    static let deck = """
        ---
        title: Retrieval
        topics: [retrieval]
        ---

        # Retrieval

        - What does `nprobe` control? :: How many IVF clusters are scanned.
        - HNSW ::: A layered proximity graph searched *greedily*.
        - The logit is {{c1::s(x, j) - log Q(j)}}, with Q(j) {{c2::the sampling probability}} ([Yi](https://example.org/a::b)).

        Name three retrieval sources
        for a feed.
        ?
        Co-occurrence, the follow graph
        and trending lists.

        Which stages make up the funnel?
        ?
        1. retrieval
        2. ranking

        `std::vector` is code, and so is this:

        ```
        Q :: A
        {{c1::x}}
        ```

        Broken :: card :: line
        """

    @Test func deckCardsAndLines() throws {
        let note = NoteParser().parse(text: Self.deck, path: "Decks/recsys/retrieval.md")
        let result = NoteCards.cards(for: note)
        let summary = result.cards.map { "\($0.line) \($0.kind.rawValue) \($0.front)" }
        #expect(
            summary == [
                "8 basic What does `nprobe` control?",
                "9 basic HNSW",
                "9 reversed A layered proximity graph searched *greedily*.",
                "10 cloze The logit is [...], with Q(j) the sampling probability ([Yi](https://example.org/a::b)).",
                "10 cloze The logit is s(x, j) - log Q(j), with Q(j) [...] ([Yi](https://example.org/a::b)).",
                "12 basic Name three retrieval sources\nfor a feed.",
                "18 basic Which stages make up the funnel?",
            ])
        #expect(result.cards.last?.back == "1. retrieval\n2. ranking")
        #expect(result.warnings.map(\.description) == [
            "Decks/recsys/retrieval.md:30: `::` appears more than once on one line; write one `Question :: Answer` per line"
        ])
    }

    @Test func noteCardsModes() {
        let text = """
            ---
            cards: explicit
            ---
            **Hard negative**: an item the model scores highly that is not a positive.

            Q :: A
            """
        let explicit = NoteCards.cards(for: NoteParser().parse(text: text, path: "Notes/n.md"))
        #expect(explicit.cards.map(\.line) == [6])
        let all = text.replacingOccurrences(of: "cards: explicit", with: "topics: [x]")
        let generated = NoteCards.cards(for: NoteParser().parse(text: all, path: "Notes/n.md"))
        #expect(generated.cards.map(\.front) == ["What is Hard negative?", "Q"])
        #expect(generated.cards.map(\.line) == [4, 6])
    }
}

@Suite struct InterviewPromptListsTests {
    @Test("outline answers under Interview prompts make no 'Name the N' cards")
    func promptsAreNotLists() {
        let text = """
            # Two-tower retrieval

            ## Stages of serving
            1. Embed the query
            2. Search the index

            ## Interview prompts

            ### Design retrieval for a video feed
            - Two towers
            - In-batch negatives
            - ANN index
            """
        let note = NoteParser().parse(text: text, path: "Notes/retrieval/two-tower.md")
        let fronts = CardGenerator.generate(from: note).map(\.front)
        #expect(fronts.contains { $0.hasPrefix("Name the 2 stages of serving") })
        #expect(!fronts.contains { $0.contains("video feed") })
    }
}
