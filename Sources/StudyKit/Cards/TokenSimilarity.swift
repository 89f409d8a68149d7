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
    /// every candidate card. Tokens are compared as bytes, and the plain ASCII start of `text`
    /// usually settles the answer before its first non-ASCII character needs the slow path.
    static func hasNewTokens(_ text: String, beyond other: String, atLeast count: Int) -> Bool {
        let known = tokenBytes(other)
        let (start, isWhole) = normalisedPlainStart(text)
        let found = start.utf8.withContiguousStorageIfAvailable { bytes in
            var found: [UnsafeBufferPointer<UInt8>] = []
            for range in tokenRanges(bytes) {
                let token = UnsafeBufferPointer(rebasing: bytes[range])
                guard !known.contains(where: { $0.elementsEqual(token) }), !found.contains(where: { $0.elementsEqual(token) })
                else { continue }
                found.append(token)
                if found.count >= count { break }
            }
            return found.count
        }
        if let found, found >= count || isWhole { return found >= count }
        return tokens(text).subtracting(tokens(other)).count >= count
    }

    /// The tokens of `text` as UTF-8 (the same strings as `tokens(text)`).
    private static func tokenBytes(_ text: String) -> [[UInt8]] {
        let normalised = ContentKey.normalise(text)
        let fast = ASCIIBytes.withPlain(normalised) { bytes in tokenRanges(bytes).map { Array(bytes[$0]) } }
        return fast ?? tokens(text).map { Array($0.utf8) }
    }

    /// The normalised form of a start of `text` whose tokens are all tokens of `text`: the whole
    /// text when it is plain ASCII (`isWhole`); otherwise its plain ASCII start, cut back to the
    /// last whitespace before the first other byte. That whitespace byte follows an ASCII byte,
    /// so it starts a character, and a character that starts with whitespace is whitespace: the
    /// tokens before it end there in the whole text too.
    private static func normalisedPlainStart(_ text: String) -> (String, isWhole: Bool) {
        let start: (String, Bool)? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let other = bytes.firstIndex(where: { $0 >= 0x80 || $0 == ASCIIBytes.carriageReturn }) else {
                return (ContentKey.normaliseBytes(bytes), true)
            }
            let end = bytes[..<other].lastIndex(where: ASCIIBytes.isWhitespace) ?? 0
            return (ContentKey.normaliseBytes(UnsafeBufferPointer(rebasing: bytes[..<end])), false)
        }
        return start ?? ("", false)
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
