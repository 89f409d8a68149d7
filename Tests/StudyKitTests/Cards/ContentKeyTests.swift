import Testing

@testable import StudyKit

@Suite struct ContentKeyTests {
    /// Published FNV-1a 64 test vectors, so the key is the standard function and not a look-alike.
    @Test(arguments: [("", "cbf29ce484222325"), ("a", "af63dc4c8601ec8c"), ("foobar", "85944171f73967e8")])
    func fnvMatchesReferenceVectors(input: String, hex: String) {
        #expect(ContentKey.hex(ContentKey.fnv1a64(input)) == hex)
    }

    @Test func keyIsSixteenHexDigitsAndFixedAcrossRuns() {
        let key = ContentKey.make(kind: .basic, front: "What is HNSW?")
        #expect(key.count == 16)
        #expect(key.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        // Pinned: a change here would re-key every card in every user's database.
        #expect(key == ContentKey.hex(ContentKey.fnv1a64("basic\nwhat is hnsw?")))
    }

    @Test(arguments: [
        "What is  HNSW?", "what is hnsw?", "What is **HNSW**?", "What is *HNSW*?", "What is __HNSW__?",
        "  What is\nHNSW?  ", "What is _HNSW_?", "What is ~~HNSW~~?",
    ])
    func keyIgnoresCaseWhitespaceAndEmphasis(front: String) {
        #expect(ContentKey.make(kind: .basic, front: front) == ContentKey.make(kind: .basic, front: "What is HNSW?"))
    }

    @Test func keyKeepsWhatChangesTheQuestion() {
        let base = ContentKey.make(kind: .basic, front: "What is top_k?")
        #expect(ContentKey.make(kind: .basic, front: "What is topk?") != base)
        #expect(ContentKey.make(kind: .reversed, front: "What is top_k?") != base)
        #expect(ContentKey.make(kind: .basic, front: "What is `top_k`?") != base)
        #expect(ContentKey.normalise("snake_case and __bold__") == "snake_case and bold")
    }

    @Test func backEditsDoNotChangeTheKey() {
        let before = CardFixtures.extract("What is MIPS? :: Maximum inner product search.").cards
        let after = CardFixtures.extract("What is  **MIPS**? ::   Finding the largest dot products.").cards
        #expect(before.map(\.key) == after.map(\.key))
    }

    @Test func clozeKeyDependsOnTextAndDeletion() {
        let text = "A {{c1::x}} and {{c2::y}}"
        #expect(ContentKey.cloze(text: text, deletion: "c1") != ContentKey.cloze(text: text, deletion: "c2"))
        #expect(ContentKey.cloze(text: text, deletion: "c1") == ContentKey.cloze(text: "a  {{C1::x}} and\n{{c2::y}}", deletion: "C1"))
        #expect(ContentKey.cloze(text: text, deletion: "c1") != ContentKey.cloze(text: "A {{c1::z}} and {{c2::y}}", deletion: "c1"))
    }

    @Test(arguments: [
        ("What is HNSW?", "What is HNSW?", 1.0),
        ("What is the dot product in two-tower?", "What does the dot product compute in a two-tower model?", 0.7368),
        ("What is HNSW?", "Why use IVF-PQ for billions of items?", 0.0),
        ("", "", 1.0),
    ])
    func diceSimilarity(a: String, b: String, expected: Double) {
        #expect(abs(TokenSimilarity.similarity(a, b) - expected) < 0.001)
    }

    @Test func pairingThreshold() {
        #expect(TokenSimilarity.isPair("What is the logQ correction?", "What does the logQ correction fix?"))
        #expect(!TokenSimilarity.isPair("What is the logQ correction?", "What is a hard negative?"))
        #expect(TokenSimilarity.tokens("**Two-tower** `s(x, j)`!") == ["two", "tower", "s", "x", "j"])
    }
}
