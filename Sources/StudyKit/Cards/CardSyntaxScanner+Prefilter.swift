extension CardSyntaxScanner {
    /// A cheap test on the bytes: false means the Markdown certainly holds no card syntax (no
    /// `::`, `{{`, `}}` and no line holding only `?`), so most paragraphs never need a scanner.
    static func mayHoldCardSyntax(_ markdown: String) -> Bool {
        markdown.utf8.withContiguousStorageIfAvailable(mayHoldCardSyntax)
            ?? Array(markdown.utf8).withUnsafeBufferPointer(mayHoldCardSyntax)
    }

    /// Reads eight bytes at a time: most words of a paragraph hold none of `:`, `{`, `}`, `?`,
    /// the bytes that every marker needs, and are passed over whole.
    private static func mayHoldCardSyntax(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var index = 0
        while index < bytes.count {
            let end = min(index + 8, bytes.count)
            if end == index + 8 {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if !contains(word, ":") && !contains(word, "{") && !contains(word, "}") && !contains(word, "?") {
                    index = end
                    continue
                }
            }
            for position in index..<end where startsCardSyntax(bytes, at: position) { return true }
            index = end
        }
        return false
    }

    /// Whether any of the eight bytes of `word` is `byte` (the "has a zero byte" test on
    /// `word` XOR eight copies of `byte`).
    private static func contains(_ word: UInt64, _ byte: Unicode.Scalar) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let difference = word ^ (ones &* UInt64(byte.value))
        return (difference &- ones) & ~difference & (ones << 7) != 0
    }

    /// A marker's first byte (`::`, `{{`, `}}`) or a `?` alone on its line but for spaces and tabs.
    private static func startsCardSyntax(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        switch bytes[index] {
        case UInt8(ascii: ":"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            return index + 1 < bytes.count && bytes[index + 1] == bytes[index]
        case UInt8(ascii: "?"):
            var before = index
            while before > 0, ASCIIBytes.isSpaceOrTab(bytes[before - 1]) { before -= 1 }
            var after = index + 1
            while after < bytes.count, ASCIIBytes.isSpaceOrTab(bytes[after]) { after += 1 }
            return (before == 0 || bytes[before - 1] == ASCIIBytes.newline)
                && (after == bytes.count || bytes[after] == ASCIIBytes.newline)
        default:
            return false
        }
    }
}
