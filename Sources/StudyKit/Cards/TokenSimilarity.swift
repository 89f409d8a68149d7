/// How alike two card fronts are, for pairing a reworded card with the one it replaces.
///
/// The measure is the Dice coefficient over the sets of word tokens: 2|A∩B| / (|A| + |B|).
/// Dice rather than Jaccard because a rewording usually adds or swaps a few words around a
/// stable core ("What is X?" → "What does X compute?"), and Dice keeps such pairs above the
/// threshold while still separating unrelated questions of the same note.
public enum TokenSimilarity {
    /// Fronts at least this similar are paired (DESIGN.md 5).
    public static let pairingThreshold = 0.6

    /// Lower-case runs of letters and digits from the normalised text, markup dropped.
    public static func tokens(_ text: String) -> Set<String> {
        var tokens: Set<String> = []
        var current = ""
        for char in ContentKey.normalise(text) {
            if char.isLetter || char.isNumber {
                current.append(char)
            } else if !current.isEmpty {
                tokens.insert(current)
                current = ""
            }
        }
        if !current.isEmpty { tokens.insert(current) }
        return tokens
    }

    /// Dice similarity in 0...1; two texts without any word are similar only when equal.
    public static func similarity(_ a: String, _ b: String) -> Double {
        similarity(tokens(a), tokens(b))
    }

    /// Dice similarity of two token sets.
    public static func similarity(_ a: Set<String>, _ b: Set<String>) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        let shared = a.intersection(b).count
        return Double(2 * shared) / Double(a.count + b.count)
    }

    /// Whether two fronts are similar enough to be the same card reworded.
    public static func isPair(_ a: String, _ b: String) -> Bool {
        similarity(a, b) >= pairingThreshold
    }
}
