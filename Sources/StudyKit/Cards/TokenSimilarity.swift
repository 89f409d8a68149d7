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
            var tokens: Set<String> = []
            forEachToken(in: bytes) { token in
                tokens.insert(String(decoding: token, as: UTF8.self))
                return true
            }
            return tokens
        }
        return fast ?? tokensOfCharacters(normalised)
    }

    /// The tokens of normalised text, one `Character` at a time, for any text.
    static func tokensOfCharacters(_ normalised: String) -> Set<String> {
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
    /// every candidate card. The plain ASCII stretches of `text` usually settle it, read as
    /// bytes; only when they do not, the sets are built.
    static func hasNewTokens(_ text: String, beyond other: String, atLeast count: Int) -> Bool {
        guard count > 0 else { return true }
        let known = asciiTokens(of: other)
        let settled: Bool?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            if let answer = hasNewTokens(inPlainStart: bytes, beyond: known, atLeast: count) { return answer }
            var found = NewTokens(known: known, wanted: count)
            let segments = plainSegments(bytes, in: text)
            for segment in segments {
                if found.add(UnsafeBufferPointer(rebasing: bytes[segment])) { return true }
            }
            let isWhole = segments.count == 1 && segments[0] == 0..<bytes.count
            return isWhole || bytes.isEmpty ? false : nil
        }
        if let settled = settled ?? nil { return settled }
        return tokens(text).subtracting(tokens(other)).count >= count
    }

    /// The distinct tokens of plain text that `known` lacks, gathered until `wanted` are found.
    private struct NewTokens {
        let known: [UInt8]
        let wanted: Int
        /// The new tokens found so far, each followed by a space.
        private var found: [UInt8] = []
        private var count = 0

        init(known: [UInt8], wanted: Int) {
            self.known = known
            self.wanted = wanted
        }

        /// Normalises `plain` and takes its new tokens; true once `wanted` are found.
        mutating func add(_ plain: UnsafeBufferPointer<UInt8>) -> Bool {
            ContentKey.withNormalised(plain: plain) { normalised in
                forEachToken(in: normalised) { token in
                    if !containsToken(token, in: known) && !containsToken(token, in: found) {
                        found += token
                        found.append(ASCIIBytes.space)
                        count += 1
                    }
                    return count < wanted
                }
            }
            return count >= wanted
        }
    }

    /// `hasNewTokens` read word by word from the start of the text while its bytes are plain
    /// ASCII, stopping as soon as the answer is known: usually after a few words, where reading
    /// the whole text in segments normalised and scanned all of it first. The words up to the
    /// last whitespace before a byte that is not plain are the start of the first of the
    /// `plainSegments`, and their tokens come in the same order; on reaching such a byte
    /// without an answer it returns nil, and the text is read whole.
    private static func hasNewTokens(inPlainStart bytes: UnsafeBufferPointer<UInt8>, beyond known: [UInt8], atLeast count: Int) -> Bool? {
        var found = NewTokens(known: known, wanted: count)
        var wordStart = 0
        for index in 0...bytes.count {
            let atEnd = index == bytes.count
            if !atEnd && (bytes[index] >= 0x80 || bytes[index] == ASCIIBytes.carriageReturn) { return nil }
            guard atEnd || ASCIIBytes.isWhitespace(bytes[index]) else { continue }
            if index > wordStart {
                // Whitespace ends a word in the normalised text too, so each word is normalised
                // on its own.
                if found.add(UnsafeBufferPointer(rebasing: bytes[wordStart..<index])) { return true }
            }
            wordStart = index + 1
        }
        return false
    }

    /// The tokens of `other` made only of ASCII, separated by spaces. A token with any other
    /// character never equals a token of plain ASCII text (of the three characters Swift
    /// compares equal to ASCII ones, U+212A lower-cases to `k` and the other two are neither
    /// letters nor digits), so these are all that `hasNewTokens` compares with.
    private static func asciiTokens(of other: String) -> [UInt8] {
        // Plain text normalises to plain text, without a string in between.
        if let plain = ASCIIBytes.withPlain(other, { ContentKey.withNormalised(plain: $0) { Array($0) } }) { return plain }
        let normalised = ContentKey.normalise(other)
        if ASCIIBytes.isPlain(normalised.utf8) { return Array(normalised.utf8) }
        let ascii = tokens(other).filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        return Array(ascii.joined(separator: " ").utf8)
    }

    /// Stretches of `text` whose tokens, read on their own, are tokens of the whole text: runs
    /// of plain ASCII bytes, each starting at the text's start or at a whitespace character and
    /// ending at the text's end or at whitespace. A whitespace byte after a plain byte always
    /// starts a character, and a character that starts with whitespace is whitespace, so the
    /// tokens inside end at it in the whole text too; after a non-ASCII byte the whitespace
    /// might belong to the character before it, so that boundary is asked of the string.
    private static func plainSegments(_ bytes: UnsafeBufferPointer<UInt8>, in text: String) -> [Range<Int>] {
        func isPlain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != ASCIIBytes.carriageReturn }
        var segments: [Range<Int>] = []
        var runStart = 0
        while runStart < bytes.count {
            var runEnd = runStart
            while runEnd < bytes.count, isPlain(bytes[runEnd]) { runEnd += 1 }
            let opening = bytes[runStart..<runEnd].indices.first { index in
                runStart == 0
                    || (ASCIIBytes.isWhitespace(bytes[index])
                        && (index > runStart
                            || text.utf8.index(text.utf8.startIndex, offsetBy: index).samePosition(in: text) != nil))
            }
            if let start = opening {
                let end = runEnd == bytes.count ? runEnd : bytes[start..<runEnd].lastIndex(where: ASCIIBytes.isWhitespace) ?? start
                if end > start { segments.append(start..<end) }
            }
            runStart = runEnd
            while runStart < bytes.count, !isPlain(bytes[runStart]) { runStart += 1 }
        }
        return segments
    }

    /// Calls `body` with each run of letters and digits of plain ASCII until it returns false.
    private static func forEachToken(in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) {
        var from = 0
        while let token = nextToken(in: bytes, from: from) {
            guard body(UnsafeBufferPointer(rebasing: bytes[token])) else { return }
            from = token.upperBound
        }
    }

    /// Whether `token` is one of the runs of letters and digits in `list`.
    private static func containsToken(_ token: UnsafeBufferPointer<UInt8>, in list: [UInt8]) -> Bool {
        list.withUnsafeBufferPointer { list in
            // The runs of `forEachToken`, walked here without a closure: this runs for every
            // token of every candidate card's back.
            var from = 0
            while let run = nextToken(in: list, from: from) {
                if run.count == token.count, UnsafeBufferPointer(rebasing: list[run]).elementsEqual(token) { return true }
                from = run.upperBound
            }
            return false
        }
    }

    /// The first run of letters and digits of plain ASCII at or after `from`, or nil.
    private static func nextToken(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Range<Int>? {
        var start = from
        while start < bytes.count, !ASCIIBytes.isLetterOrDigit(bytes[start]) { start += 1 }
        guard start < bytes.count else { return nil }
        var end = start + 1
        while end < bytes.count, ASCIIBytes.isLetterOrDigit(bytes[end]) { end += 1 }
        return start..<end
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
