import Foundation

/// Checks a typed answer against the expected text, forgiving what a person at a keyboard
/// should not lose points for.
///
/// Both sides are normalised first (case, diacritics, punctuation, runs of white space), so
/// "Log-Q correction" matches "logq correction" only through the typo allowance, while
/// "naïve Bayes" and "Naive bayes." match outright. The allowance is one edit for every six
/// characters of the normalised expected answer: a short term must be spelled right, a long
/// phrase may carry a slip or two.
public struct TypedAnswer: Sendable, Equatable {
    /// Characters of expected answer per forgiven edit.
    public static let charactersPerTypo = 6

    public enum Verdict: Sendable, Equatable {
        /// Equal after normalising.
        case exact
        /// Within the typo allowance; `distance` edits apart.
        case close(distance: Int)
        case wrong
        public var isCorrect: Bool { self != .wrong }
    }

    public var expected: String

    public init(expected: String) {
        self.expected = expected
    }

    /// How many edits the answer may be off by.
    public var allowance: Int { Self.normalise(expected).count / Self.charactersPerTypo }

    public func check(_ typed: String) -> Verdict {
        let want = Self.normalise(expected)
        let got = Self.normalise(typed)
        if got == want { return .exact }
        guard !got.isEmpty else { return .wrong }
        let distance = EditDistance.between(got, want)
        return distance <= allowance ? .close(distance: distance) : .wrong
    }

    /// Lower-case, diacritics folded, punctuation and symbols dropped, white space collapsed.
    ///
    /// Apostrophes vanish ("don't" = "dont"); every other punctuation mark becomes a space, so
    /// "two-tower" = "two tower" and Markdown marks (`**`, backticks) never count.
    public static func normalise(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var output = ""
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if scalar == "'" || scalar == "\u{2019}" { continue }
            let isWord = CharacterSet.alphanumerics.contains(scalar)
            if !isWord {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
            }
            output.unicodeScalars.append(scalar)
        }
        return output
    }
}
