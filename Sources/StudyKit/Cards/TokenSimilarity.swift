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
        let normalised = ContentKey.normalise(text)
        let fast = ASCIIBytes.withPlain(normalised) { bytes in
            Set(tokenRanges(bytes).map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) })
        }
        if let fast { return fast }
        var tokens: Set<String> = []
        var current = ""
        for char in normalised {
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

    /// Whether `text` has at least `count` distinct tokens that `other` lacks: the same as
    /// `tokens(text).subtracting(tokens(other)).count >= count`, which the generator asks of
    /// every candidate card. Tokens are compared as bytes, and a plain ASCII start of `text`
    /// usually settles the answer, first its opening words, then all of it, before a non-ASCII
    /// character sends the question to the `Character` path.
    ///
    /// A start may be cut at any whitespace byte that follows plain ASCII: that byte starts a
    /// character, a character that starts with whitespace is whitespace, and so every token
    /// before the cut ends there in the whole text too.
    static func hasNewTokens(_ text: String, beyond other: String, atLeast count: Int) -> Bool {
        let known = tokenBytes(other)
        let settled: Bool?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            let plainEnd = bytes.firstIndex(where: { $0 >= 0x80 || $0 == ASCIIBytes.carriageReturn }) ?? bytes.count
            for limit in [openingBytes, plainEnd] {
                let isWhole = limit >= bytes.count && plainEnd == bytes.count
                let end = isWhole ? bytes.count : bytes[..<min(limit, plainEnd)].lastIndex(where: ASCIIBytes.isWhitespace) ?? 0
                let start = ContentKey.normaliseBytes(UnsafeBufferPointer(rebasing: bytes[..<end]))
                if newTokenCount(in: start, beyond: known, upTo: count) >= count { return true }
                if isWhole { return false }
                if limit >= plainEnd { break }
            }
            return nil
        }
        if let settled = settled ?? nil { return settled }
        return tokens(text).subtracting(tokens(other)).count >= count
    }

    /// How many bytes `hasNewTokens` reads first: some fifteen words.
    private static let openingBytes = 100

    /// The number of distinct tokens of normalised plain text that are not `known`, counting
    /// no further than `limit`.
    private static func newTokenCount(in normalised: String, beyond known: [[UInt8]], upTo limit: Int) -> Int {
        let count = normalised.utf8.withContiguousStorageIfAvailable { bytes in
            var found: [UnsafeBufferPointer<UInt8>] = []
            for range in tokenRanges(bytes) {
                let token = UnsafeBufferPointer(rebasing: bytes[range])
                guard !known.contains(where: { $0.elementsEqual(token) }), !found.contains(where: { $0.elementsEqual(token) })
                else { continue }
                found.append(token)
                if found.count >= limit { break }
            }
            return found.count
        }
        return count ?? 0
    }

    /// The tokens of `text` as UTF-8 (the same strings as `tokens(text)`).
    private static func tokenBytes(_ text: String) -> [[UInt8]] {
        let normalised = ContentKey.normalise(text)
        let fast = ASCIIBytes.withPlain(normalised) { bytes in tokenRanges(bytes).map { Array(bytes[$0]) } }
        return fast ?? tokens(text).map { Array($0.utf8) }
    }

    /// The runs of letters and digits in plain ASCII: the tokens of normalised text.
    private static func tokenRanges(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start: Int?
        for (index, byte) in bytes.enumerated() {
            if ASCIIBytes.isLetterOrDigit(byte) {
                if start == nil { start = index }
            } else if let first = start {
                ranges.append(first..<index)
                start = nil
            }
        }
        if let first = start { ranges.append(first..<bytes.count) }
        return ranges
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
