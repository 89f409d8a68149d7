import Foundation

/// A character-by-character difference between a typed answer and the expected one, so the
/// user sees exactly which letters were missing or extra instead of a bare "wrong".
///
/// A longest common subsequence over characters compared without case and diacritics (the
/// same leniency the check applies); with answers of a few words the quadratic table is tiny.
public enum CharacterDiff {
    public enum Piece: Sendable, Equatable {
        /// Typed as expected.
        case same(String)
        /// Expected but not typed.
        case missing(String)
        /// Typed but not expected.
        case extra(String)
    }

    /// Longer inputs are compared as a whole: a table over thousands of characters helps no one.
    static let maximumLength = 400

    public static func diff(typed: String, expected: String) -> [Piece] {
        let a = Array(typed), b = Array(expected)
        guard a.count <= maximumLength, b.count <= maximumLength else {
            return a == b ? [.same(typed)] : [.extra(typed), .missing(expected)].filter { !$0.isEmpty }
        }
        let fa = a.map(fold), fb = b.map(fold)
        // lengths[i][j]: LCS of a[i...] and b[j...].
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = fa[i] == fb[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var pieces: [Piece] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, fa[i] == fb[j] {
                append(.same(String(b[j])), to: &pieces)
                i += 1
                j += 1
            } else if j < b.count, i == a.count || lengths[i][j + 1] >= lengths[i + 1][j] {
                append(.missing(String(b[j])), to: &pieces)
                j += 1
            } else {
                append(.extra(String(a[i])), to: &pieces)
                i += 1
            }
        }
        return pieces
    }

    private static func fold(_ character: Character) -> String {
        String(character).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Appends a piece, merging it into the last one when both are of the same sort.
    private static func append(_ piece: Piece, to pieces: inout [Piece]) {
        switch (pieces.last, piece) {
        case (.same(let old)?, .same(let new)): pieces[pieces.count - 1] = .same(old + new)
        case (.missing(let old)?, .missing(let new)): pieces[pieces.count - 1] = .missing(old + new)
        case (.extra(let old)?, .extra(let new)): pieces[pieces.count - 1] = .extra(old + new)
        default: pieces.append(piece)
        }
    }
}

extension CharacterDiff.Piece {
    var isEmpty: Bool {
        switch self {
        case .same(let text), .missing(let text), .extra(let text): return text.isEmpty
        }
    }
}
