import Testing

@testable import StudyKit

@Suite struct CardGeneratorTests {
    typealias F = CardFixtures

    static func generate(_ blocks: [Block], title: String = "Two-tower retrieval") -> [CardDraft] {
        CardGenerator.generate(from: F.note(blocks, title: title))
    }

    @Test(arguments: [
        "**Hard negative**: an item the model scores highly that is not a positive.",
        "**Hard negative:** an item the model scores highly that is not a positive.",
        "**Hard negative** - an item the model scores highly that is not a positive.",
        "**Hard negative** — an item the model scores highly that is not a positive.",
        "**Hard negative** is an item the model scores highly that is not a positive.",
    ])
    func boldTermOpeningAParagraphIsDefined(markdown: String) throws {
        let cards = Self.generate([F.paragraph(markdown, line: 7, inListItem: true)])
        let card = try #require(cards.first)
        #expect(cards.count == 1)
        #expect(card.kind == .generated)
        #expect(card.front == "What is Hard negative?")
        #expect(card.back == "an item the model scores highly that is not a positive.")
        #expect(card.line == 7)
        #expect(card.key == ContentKey.make(kind: .generated, front: card.front))
    }

    @Test(arguments: [
        ("In-batch negatives", "What are In-batch negatives?"), ("Guardrail metrics", "What are Guardrail metrics?"),
        ("Focal loss", "What is Focal loss?"), ("Position bias", "What is Position bias?"),
        ("Sample ratio mismatch (SRM)", "What is Sample ratio mismatch (SRM)?"), ("HNSW", "What is HNSW?"),
        ("Two towers (DSSM)", "What are Two towers (DSSM)?"),
    ])
    func pluralTermsAreAskedWithAre(term: String, front: String) {
        let cards = Self.generate([F.paragraph("**\(term)**: one two three four five six words of definition.")])
        #expect(cards.map(\.front) == [front])
    }

    /// Precision: none of these makes a fair "What is X?" card.
    @Test(arguments: [
        "**Note:** remember to normalise both towers before the dot product.",
        "**Combining scores.** A value model only means what its weights say.",
        "**DCN**: cross network.",
        "**Recall**: recall, Recall and RECALL.",
        "**A very long bold sentence that is not a term**: it goes on and on for a while.",
        "**Why normalise?** Because cosine ignores the norm of both vectors.",
        "**HNSW**: a graph index :: with a card inside",
        "**HNSW**:",
        "Plain paragraph: nothing bold opens it, so there is nothing to ask.",
        "A paragraph with **bold** in the middle: not a definition at all.",
    ])
    func definitionsThatAreSkipped(markdown: String) {
        #expect(Self.generate([F.paragraph(markdown)]).isEmpty)
    }

    @Test func headingFollowedByAListIsNamed() throws {
        let cards = Self.generate([
            F.heading("Failure modes", line: 3),
            F.list(["popularity bias", "stale embeddings", "cold-start items"], line: 4, headings: ["Failure modes"]),
        ])
        let card = try #require(cards.first)
        #expect(cards.count == 1)
        #expect(card.front == "Name the 3 failure modes (Two-tower retrieval)")
        #expect(card.back == "- popularity bias\n- stale embeddings\n- cold-start items")
        #expect(card.line == 3)
    }

    @Test func orderedListAsksForTheOrderAndBoldItemsAreNamedByTheirTerm() throws {
        let cards = Self.generate(
            [
                F.heading("Stages of the funnel", line: 3),
                F.list(["**Retrieval:** millions to thousands", "**Ranking.** Thousands to hundreds"], ordered: true, line: 4),
            ], title: "Recommenders")
        let card = try #require(cards.first)
        #expect(card.front == "Name the 2 stages of the funnel, in order (Recommenders)")
        #expect(card.back == "1. Retrieval\n2. Ranking")
    }

    @Test func acronymHeadingKeepsItsCase() throws {
        let cards = Self.generate([F.heading("DCN layers", line: 1), F.list(["cross", "deep"], line: 2)], title: "DCN")
        #expect(cards.first?.front == "Name the 2 DCN layers")
    }

    @Test(arguments: [
        (["only one"], "Parts"),
        (["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"], "Parts"),
        (["short", "an item that is far too long to recall word for word in a review"], "Parts"),
        (["retrieval", "ranking"], "Retrieval and ranking"),
        (["same", "Same"], "Parts"),
        (["Yi 2019", "Covington 2016"], "References"),
        (["two-tower", "DCN"], "See also"),
        (["a :: b", "c"], "Parts"),
        (["x", "y"], "Two-tower retrieval"),
    ])
    func listsThatAreSkipped(items: [String], heading: String) {
        #expect(Self.generate([F.heading(heading, line: 1), F.list(items, line: 2)]).isEmpty)
    }

    @Test func listMustFollowTheHeadingDirectly() {
        let cards = Self.generate([
            F.heading("Parts", line: 1), F.paragraph("Some intro.", line: 2), F.list(["a", "b"], line: 3),
        ])
        #expect(cards.isEmpty)
    }

    static func reference(_ markdown: String, link: NoteLink, heading: String = "References") -> Block {
        var block = F.paragraph(markdown, line: 20, inListItem: true, headings: ["Two-tower retrieval", heading])
        block.links = [link]
        return block
    }

    static let paperURL = "https://dl.acm.org/doi/10.1145/3298689.3346996"
    static let paper = NoteLink(url: paperURL, text: "Sampling-bias-corrected neural modeling", line: 20, isExternal: true)

    @Test func referenceWithDescriptionAsksForItsKeyIdea() throws {
        let markdown = "[Sampling-bias-corrected neural modeling](\(Self.paperURL)) (Yi et al., 2019): "
            + "corrects in-batch softmax logits by the log of each item's sampling probability."
        let cards = Self.generate([Self.reference(markdown, link: Self.paper)])
        let card = try #require(cards.first)
        #expect(cards.count == 1)
        #expect(card.front == "What is the key idea of Sampling-bias-corrected neural modeling?")
        #expect(card.back == "corrects in-batch softmax logits by the log of each item's sampling probability")
        #expect(card.line == 20)
    }

    @Test func referencesThatAreSkipped() {
        let bare = Self.reference("[Sampling-bias-corrected neural modeling](\(Self.paperURL))", link: Self.paper)
        let echo = Self.reference(
            "[Sampling-bias-corrected neural modeling](\(Self.paperURL)): sampling bias corrected modeling", link: Self.paper)
        let urlTitle = NoteLink(url: Self.paperURL, text: Self.paperURL, line: 20, isExternal: true)
        let asURL = Self.reference("<\(Self.paperURL)>: corrects logits by sampling probability of items", link: urlTitle)
        let local = NoteLink(url: "../sources/yi.md", text: "Yi 2019 notes", line: 20, isExternal: false)
        let toNote = Self.reference("[Yi 2019 notes](../sources/yi.md): corrects logits by the sampling probability", link: local)
        let notReferences = Self.reference(
            "[Sampling-bias-corrected neural modeling](\(Self.paperURL)): corrects logits by sampling probability",
            link: Self.paper, heading: "Training")
        #expect(Self.generate([bare, echo, asURL, toNote, notReferences]).isEmpty)
    }

    @Test func noGeneratedCardsForDecksExplicitModeOrBlocksWithCards() {
        let blocks = [F.paragraph("**Hard negative**: an item the model scores highly that is not a positive.")]
        #expect(CardGenerator.generate(from: F.note(blocks, path: "Decks/d.md", isDeck: true)).isEmpty)
        #expect(CardGenerator.generate(from: F.note(blocks, mode: .explicit)).isEmpty)
        #expect(CardGenerator.generate(from: F.note(blocks, mode: .none)).isEmpty)
        let withCloze = [F.paragraph("**Hard negative**: an item scored {{highly}} that is not a positive.")]
        #expect(CardGenerator.generate(from: F.note(withCloze)).isEmpty)
    }

    @Test func noteCardsMergesBothSourcesInLineOrder() {
        let note = F.note([
            F.paragraph("**Hard negative**: an item the model scores highly that is not a positive.", line: 2),
            F.paragraph("Q :: A", line: 1),
            F.heading("Parts", line: 4),
            F.list(["alpha part", "beta part"], line: 5),
            F.paragraph("Broken ::", line: 8),
        ])
        let result = NoteCards.cards(for: note)
        #expect(result.cards.map(\.line) == [1, 2, 4])
        #expect(result.cards.map(\.kind) == [.basic, .generated, .generated])
        #expect(result.cards.map(\.ordinal) == [0, 1, 2])
        #expect(result.warnings.map(\.line) == [8])
    }
}
