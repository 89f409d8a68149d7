import Testing
@testable import StudyKit

@Suite("Typed answers")
struct TypedAnswerTests {
    @Test(
        "normalising folds case, white space, punctuation and diacritics",
        arguments: [
            ("  Naïve   Bayes. ", "naive bayes"),
            ("Two-Tower", "two tower"),
            ("**log q** correction", "log q correction"),
            ("don't", "dont"),
            ("`x_0`", "x 0"),
            ("Crème brûlée", "creme brulee"),
        ])
    func normalise(raw: String, expected: String) {
        #expect(TypedAnswer.normalise(raw) == expected)
    }

    @Test(
        "one typo is forgiven per 6 characters of the expected answer",
        arguments: [
            ("recall", "recal", TypedAnswer.Verdict.close(distance: 1)),
            ("MRR", "MRP", .wrong),
            ("NDCG", "ndcg", .exact),
            ("the DCG of the ideal ordering", "the DCG of teh ideal ordring", .close(distance: 3)),
            ("the DCG of the ideal ordering", "the DCG of the real ordering", .close(distance: 2)),
            ("the DCG of the ideal ordering", "the DCG of the worst ordering", .wrong),
            ("inverse propensity", "Inverse-Propensity!", .exact),
            ("anything", "", .wrong),
        ])
    func tolerance(expected: String, typed: String, verdict: TypedAnswer.Verdict) {
        #expect(TypedAnswer(expected: expected).check(typed) == verdict)
    }

    @Test("the allowance is the normalised length divided by 6, rounded down")
    func allowance() {
        #expect(TypedAnswer(expected: "abcde").allowance == 0)
        #expect(TypedAnswer(expected: "abcdef").allowance == 1)
        #expect(TypedAnswer(expected: "ab-cd-ef-gh-ij-kl").allowance == 2)
    }

    @Test("the diff marks missing and extra characters, comparing without case")
    func diff() {
        // Shared letters are shown as expected, so the diff also spells the answer right.
        #expect(CharacterDiff.diff(typed: "recal", expected: "Recall") == [.same("Recal"), .missing("l")])
        #expect(CharacterDiff.diff(typed: "logq", expected: "log q") == [.same("log"), .missing(" "), .same("q")])
        #expect(CharacterDiff.diff(typed: "ndgc", expected: "ndcg") == [.same("nd"), .missing("c"), .same("g"), .extra("c")])
        #expect(CharacterDiff.diff(typed: "", expected: "mrr") == [.missing("mrr")])
    }
}
