import Testing

@testable import StudyKit

@Suite struct CardExtractorTests {
    typealias F = CardFixtures

    @Test func questionAnswerOnOneLine() throws {
        let result = F.extract("What does `nprobe` control? :: How many IVF clusters are scanned.")
        let card = try #require(result.cards.first)
        #expect(result.cards.count == 1 && result.warnings.isEmpty)
        #expect(card.kind == .basic)
        #expect(card.front == "What does `nprobe` control?")
        #expect(card.back == "How many IVF clusters are scanned.")
        #expect(card.line == 10)
        #expect(card.path == "Decks/d.md")
        #expect(card.siblingGroup == nil)
        #expect(card.key == ContentKey.make(kind: .basic, front: card.front))
    }

    @Test func termDefinitionMakesTwoSiblings() throws {
        let result = F.extract("HNSW ::: A layered proximity graph searched greedily.")
        #expect(result.cards.map(\.kind) == [.basic, .reversed])
        #expect(result.cards.map(\.front) == ["HNSW", "A layered proximity graph searched greedily."])
        #expect(result.cards.map(\.back) == ["A layered proximity graph searched greedily.", "HNSW"])
        let group = try #require(result.cards[0].siblingGroup)
        #expect(result.cards[1].siblingGroup == group)
        #expect(result.cards[0].key != result.cards[1].key)
        // The group names the source, not its place: lines shifting above it keep it.
        let shifted = F.extract("HNSW ::: A layered proximity graph searched greedily.", line: 50)
        #expect(shifted.cards.map(\.siblingGroup) == [group, group])
        #expect(F.extract("IVF ::: An inverted file index.").cards.first?.siblingGroup != group)
    }

    @Test func consecutiveLinesAreSeparateCards() {
        let result = F.extract("Q1 :: A1\nplain prose line\nQ2 ::: A2\nQ3 :: A3")
        #expect(result.cards.map(\.front) == ["Q1", "Q2", "A2", "Q3"])
        #expect(result.cards.map(\.line) == [10, 12, 12, 13])
        #expect(result.cards.map(\.ordinal) == [0, 1, 2, 3])
        #expect(result.warnings.isEmpty)
    }

    @Test func multiLineQuestionAroundALoneQuestionMark() throws {
        let result = F.extract("Name three retrieval sources\nfor a feed.\n?\nCo-occurrence, the follow graph\nand trending lists.")
        let card = try #require(result.cards.first)
        #expect(result.cards.count == 1 && result.warnings.isEmpty)
        #expect(card.front == "Name three retrieval sources\nfor a feed.")
        #expect(card.back == "Co-occurrence, the follow graph\nand trending lists.")
        #expect(card.line == 10)
    }

    @Test func questionMarkCardTakesAListRightBelowAsItsAnswer() throws {
        let note = F.note([
            F.paragraph("Which stages make up a recommender funnel?\n?", line: 4),
            F.list(["retrieval", "ranking", "re-ranking"], ordered: true, line: 6),
            F.paragraph("retrieval", line: 6, inListItem: true),
        ])
        let result = CardExtractor.extract(from: note)
        let card = try #require(result.cards.first)
        #expect(result.cards.count == 1)
        #expect(card.back == "1. retrieval\n2. ranking\n3. re-ranking")
    }

    @Test func clozeWithNumberedDeletions() throws {
        let text = "The funnel is {{c1::retrieval}}, then {{c2::ranking::stage}}, then {{c1::re-ranking}}."
        let result = F.extract(text)
        #expect(result.warnings.isEmpty)
        #expect(result.cards.count == 2)
        let first = result.cards[0]
        let second = result.cards[1]
        #expect(first.kind == .cloze)
        #expect(first.front == "The funnel is [...], then ranking, then [...].")
        #expect(first.back == "The funnel is **retrieval**, then ranking, then **re-ranking**.")
        #expect(second.front == "The funnel is retrieval, then [stage], then re-ranking.")
        #expect(second.back == "The funnel is retrieval, then **ranking**, then re-ranking.")
        #expect(first.siblingGroup != nil && first.siblingGroup == second.siblingGroup)
        #expect(first.key == ContentKey.cloze(text: text, deletion: "c1"))
        #expect(second.key == ContentKey.cloze(text: text, deletion: "c2"))
    }

    @Test func everyUnnumberedDeletionIsItsOwnCard() {
        let result = F.extract("Mix {{in-batch negatives}} with\n{{uniform negatives}}.")
        #expect(result.cards.map(\.front) == ["Mix [...] with\nuniform negatives.", "Mix in-batch negatives with\n[...]."])
        #expect(result.cards.map(\.line) == [10, 11])
        #expect(Set(result.cards.map(\.key)).count == 2)
    }

    @Test func singleDeletionHasNoSiblings() throws {
        let card = try #require(F.extract("Bucket is {{c1::hash(v) mod B}}.").cards.first)
        #expect(card.siblingGroup == nil)
        #expect(card.front == "Bucket is [...].")
    }

    @Test func syntaxInsideCodeSpansAndLinksIsIgnored() {
        let lines = [
            "Use `std::vector` or ``a ::: b`` here.",
            "Template `{{ name }}` stays.",
            "A [link](https://example.com/a::b) and <https://x.org/c::d>.",
        ]
        let result = F.extract(lines.joined(separator: "\n"))
        #expect(result.cards.isEmpty)
        #expect(result.warnings.isEmpty)
    }

    @Test func cardWithCodeInItKeepsTheCode() {
        let result = F.extract("What does `a::b` mean in C++? :: Name `b` in scope `a`.")
        #expect(result.cards.map(\.front) == ["What does `a::b` mean in C++?"])
        #expect(result.cards.map(\.back) == ["Name `b` in scope `a`."])
    }

    @Test func cardsInListItemsAndNotInOtherBlocks() {
        let note = F.note([
            F.paragraph("Q in item :: A", line: 3, inListItem: true),
            Block(kind: .codeBlock, line: 5, endLine: 7, markdown: "Q :: A\n{{c1::x}}"),
            Block(kind: .htmlBlock, line: 8, endLine: 8, markdown: "<p>Q :: A</p>"),
            Block(kind: .heading(level: 2), line: 9, endLine: 9, markdown: "Heading :: not a card"),
        ])
        let result = CardExtractor.extract(from: note)
        #expect(result.cards.map(\.line) == [3])
        #expect(result.warnings.isEmpty)
    }

    @Test func cardsModeNoneYieldsNothing() {
        let note = F.note([F.paragraph("Q :: A"), F.paragraph("Bad :: :: line", line: 3)], mode: .none)
        #expect(CardExtractor.extract(from: note) == CardExtraction())
        let explicit = F.note([F.paragraph("Q :: A")], mode: .explicit)
        #expect(CardExtractor.extract(from: explicit).cards.count == 1)
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        var markdown: String
        var line: Int
        var message: String
        var testDescription: String { markdown }
    }

    /// Every malformed case: one warning with the file and line, and no card from that line.
    static let malformed: [Malformed] = [
        Malformed(markdown: "Question ::", line: 10, message: "no answer"),
        Malformed(markdown: ":: Answer", line: 10, message: "no question"),
        Malformed(markdown: "Term :::   ", line: 10, message: "no answer"),
        Malformed(markdown: "ok :: fine\nA :: B :: C", line: 11, message: "more than once"),
        Malformed(markdown: "A :::: B", line: 10, message: "not card syntax"),
        Malformed(markdown: "call std::sort here", line: 10, message: "looks like code"),
        Malformed(markdown: "?\nAnswer only", line: 10, message: "question"),
        Malformed(markdown: "Question only\n?", line: 11, message: "answer"),
        Malformed(markdown: "Q\n?\nA\n?\nB", line: 13, message: "more than one"),
        Malformed(markdown: "The {{c1::answer is here.", line: 10, message: "never closed"),
        Malformed(markdown: "Stray close }} here.", line: 10, message: "without a matching"),
        Malformed(markdown: "Nested {{c1::a {{c2::b}} c}}.", line: 10, message: "inside another"),
        Malformed(markdown: "Empty {{}} deletion.", line: 10, message: "empty cloze"),
        Malformed(markdown: "Empty {{c1::}} deletion.", line: 10, message: "empty cloze"),
        Malformed(markdown: "Empty {{c1::x::}} hint.", line: 10, message: "empty cloze hint"),
        Malformed(markdown: "Odd {{c1:::x}}.", line: 10, message: "exactly `::`"),
        Malformed(markdown: "Too {{c1::a::b::c}} many.", line: 10, message: "too many"),
        Malformed(markdown: "Mixed {{c1::x}}\nQ :: A", line: 11, message: "outside a cloze"),
    ]

    @Test(arguments: malformed)
    func malformedSyntaxWarnsWithPathAndLine(_ example: Malformed) throws {
        let result = F.extract(example.markdown)
        let warning = try #require(result.warnings.first)
        #expect(result.warnings.count == 1)
        #expect(warning.path == "Decks/d.md")
        #expect(warning.line == example.line)
        #expect(warning.message.contains(example.message), "\(warning.message)")
        #expect(!result.cards.contains { $0.line == example.line })
        #expect(!result.cards.contains { $0.kind == .cloze })
    }

    @Test func brokenClozeTextYieldsNoneOfItsCards() {
        let result = F.extract("A {{c1::x}} and {{c2::}} here.")
        #expect(result.cards.isEmpty)
        #expect(result.warnings.count == 1)
    }

    @Test func containsCardSyntaxSeesMalformedSyntaxButNotCode() {
        #expect(CardExtractor.containsCardSyntax("A :: B"))
        #expect(CardExtractor.containsCardSyntax("broken {{ cloze"))
        #expect(CardExtractor.containsCardSyntax("Q\n?\nA"))
        #expect(!CardExtractor.containsCardSyntax("code `a::b` and `{{x}}`"))
        #expect(!CardExtractor.containsCardSyntax("Is this a question? Yes."))
    }
}
